package dev.assay.dataset;

import dev.assay.infrastructure.Scratch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The store's files that no dataset row names are removed on start: this server's unfinished placements at once,
 * others once settled; a file recorded, or touched by an upload after the note, stays.
 */
class DatasetStoreTest {

    @TempDir
    Path dataDir;

    @Test
    void filesWithoutTheirRowAreRemovedOnlyWhenNoUploadCanStillRecordThem() throws Exception {
        DatasetStore store = new DatasetStore(dataDir, new Scratch(dataDir, "assay-1"));
        store.init();
        String recorded = "a".repeat(64);
        String placedHere = "b".repeat(64);
        String youngElsewhere = "c".repeat(64);
        String settled = "d".repeat(64);
        String touchedSince = "e".repeat(64);
        for (String sha : new String[] {recorded, placedHere, youngElsewhere, settled, touchedSince}) {
            Path scratch = Files.writeString(store.scratch(".parquet"), sha);
            assertTrue(store.publish(scratch, sha));
        }
        Instant old = Instant.now().minus(Duration.ofHours(2));
        Files.setLastModifiedTime(store.parquetFor(recorded), FileTime.from(old));
        Files.setLastModifiedTime(store.parquetFor(settled), FileTime.from(old));
        Instant noted = Instant.now().minusSeconds(5);
        Files.setLastModifiedTime(store.parquetFor(placedHere), FileTime.from(noted.minusSeconds(1)));
        store.touch(touchedSince);

        var removed = store.removeOrphans(Set.of(recorded), Instant.now().minus(Duration.ofHours(1)),
                Map.of(store.parquetFor(placedHere).toAbsolutePath(), noted, store.parquetFor(touchedSince).toAbsolutePath(), noted));

        assertEquals(Set.of(store.parquetFor(placedHere), store.parquetFor(settled)), Set.copyOf(removed));
        assertTrue(store.contains(recorded));
        assertFalse(store.contains(placedHere), "this server's placement that never recorded its row");
        assertTrue(store.contains(youngElsewhere), "another server may be recording it now");
        assertFalse(store.contains(settled));
        assertTrue(store.contains(touchedSince), "an upload found it stored after the note, and records a row naming it");
    }
}
