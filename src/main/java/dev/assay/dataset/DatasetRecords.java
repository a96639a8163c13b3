package dev.assay.dataset;

import dev.assay.infrastructure.FaultPoints;
import dev.assay.ledger.Ledger;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.transaction.Transactional;

/**
 * The transaction that makes an uploaded dataset exist: its row and its ledger entry, committed together. Its own
 * bean, so that {@link DatasetService#ingest} knows when the commit is over (it returns) and only then forgets the
 * Parquet file it placed into the store; the reading, checking and writing before it hold no transaction.
 */
@ApplicationScoped
public class DatasetRecords {

    @Inject
    DatasetRepository datasets;

    @Inject
    Ledger ledger;

    /** Records {@code dataset} with its {@code kind} ledger entry, in one transaction. */
    @Transactional
    public void record(Dataset dataset, String kind, String actor, JsonObject payload) {
        datasets.add(dataset);
        ledger.append(kind, dataset.id(), actor, payload);
        FaultPoints.at("dataset.recorded");
    }
}
