package dev.assay.monitoring;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Batch files are named by Assay, and those of a batch whose row never committed are swept. */
class MonitoringStoreTest {

    @TempDir
    Path dir;

    @Test
    void filesWithoutACommittedBatchAreRemovedAndTheOthersStay() throws Exception {
        MonitoringStore store = new MonitoringStore(dir);
        String deployment = UUID.randomUUID().toString();
        String committed = BatchKey.of(deployment, MonitoringBatch.Kind.PREDICTIONS, "b1");
        String orphan = BatchKey.of(deployment, MonitoringBatch.Kind.PREDICTIONS, "b2");
        String labels = BatchKey.of(deployment, MonitoringBatch.Kind.LABELS, "b1");
        Path kept = write(store.predictions(deployment, 3_600_000L, committed));
        Path keptLabels = write(store.labels(deployment, labels));
        Path gone = write(store.predictions(deployment, 7_200_000L, orphan));
        Path staged = write(dir.resolve("staged.parquet"));
        MonitoringStore.place(staged, store.predictions(deployment, 0L, orphan));

        List<Path> removed = store.removeOrphans(Set.of(committed, labels));
        assertEquals(2, removed.size(), removed.toString());
        assertTrue(Files.exists(kept) && Files.exists(keptLabels));
        assertTrue(Files.notExists(gone));
        assertTrue(!committed.equals(labels), "a batch id names a different batch for labels");
    }

    @Test
    void namesComeFromAssayNotFromTheRequest() {
        MonitoringStore store = new MonitoringStore(dir);
        assertThrows(IllegalArgumentException.class, () -> store.labels("../../etc", "a".repeat(64)));
        assertThrows(IllegalArgumentException.class, () -> store.labels(UUID.randomUUID().toString(), "../x"));
    }

    private static Path write(Path p) throws Exception {
        Files.createDirectories(p.getParent());
        return Files.writeString(p, "x");
    }
}
