package dev.assay.monitoring;

import dev.assay.infrastructure.FaultPoints;
import dev.assay.ledger.Ledger;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.transaction.Transactional;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** The transaction that makes a batch exist: its row (first, so a second copy waits on it), its files, its ledger entry. */
@ApplicationScoped
public class BatchCommits {

    @Inject
    MonitoringRepository repository;

    @Inject
    Ledger ledger;

    /**
     * Inserts the batch row and its partitions, moves the staged files into place, appends the ledger
     * entry; the row commits last. A failure after the files moved leaves them without a row: an orphan
     * that readers never see (they read committed partitions only) and start-up removes.
     *
     * @param moves staged file -> its place in the store
     */
    @Transactional
    public void commit(MonitoringBatch batch, List<BatchPartition> partitions, Map<Path, Path> moves, String ledgerKind,
                       String actor, JsonObject payload) {
        repository.add(batch, partitions);
        try {
            for (Map.Entry<Path, Path> move : moves.entrySet()) {
                MonitoringStore.place(move.getKey(), move.getValue());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot place the batch's files", e);
        }
        FaultPoints.at("batch.placed");
        ledger.append(ledgerKind, batch.key(), actor, payload);
    }
}
