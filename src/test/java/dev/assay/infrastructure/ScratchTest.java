package dev.assay.infrastructure;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A starting server removes its own scratch files at once, whatever their age, and another server's only once they
 * are settled; the notes of placements it had not finished are read back before that.
 */
class ScratchTest {

    @TempDir
    Path dataDir;

    @Test
    void ownLeftoversGoAtOnceAndAnotherServersOnlyWhenSettled() throws Exception {
        Scratch mine = new Scratch(dataDir, "host-a:9080");
        Scratch other = new Scratch(dataDir, "host-b:9080");
        Path upload = Files.writeString(mine.path(".upload"), "spooled");
        Path staging = Files.createDirectories(mine.path(".batch"));
        Files.writeString(staging.resolve("window-0.parquet"), "staged");
        Path othersYoung = Files.writeString(other.path(".upload"), "being written");
        Path othersOld = Files.writeString(other.path(".upload"), "a crash's, long ago");
        Files.setLastModifiedTime(othersOld, FileTime.from(Instant.now().minus(Duration.ofHours(2))));
        Path legacy = Files.writeString(mine.root().resolve("demo-1.csv"), "written where scratch files were before");
        Files.setLastModifiedTime(legacy, FileTime.from(Instant.now().minus(Duration.ofHours(2))));

        int removed = mine.sweep(Instant.now().minus(AssayConfig.SETTLED));

        assertEquals(4, removed, "the upload, the staged file, the other server's settled file, the old loose file");
        assertFalse(Files.exists(upload));
        assertFalse(Files.exists(staging), "a staging directory goes with its files");
        assertFalse(Files.exists(othersOld));
        assertFalse(Files.exists(legacy));
        assertTrue(Files.exists(othersYoung), "another server may be writing it now");
    }

    @Test
    void placementNotesNameTheirFilesUntilClosed() throws Exception {
        Scratch scratch = new Scratch(dataDir, "assay-1");
        Path a = dataDir.resolve("datasets/ab/ab.parquet");
        Path b = dataDir.resolve("monitoring/x/labels/k.parquet");
        Instant before = Instant.now().minusSeconds(1);
        Scratch.Placing open = scratch.placing(List.of(a, b));
        scratch.placing(List.of(dataDir.resolve("datasets/cd/cd.parquet"))).close();

        Map<Path, Instant> unfinished = new Scratch(dataDir, "assay-1").unfinishedPlacements();
        assertEquals(List.of(a.toAbsolutePath(), b.toAbsolutePath()).stream().sorted().toList(),
                unfinished.keySet().stream().sorted().toList(), "the closed note is forgotten");
        assertTrue(unfinished.values().stream().allMatch(t -> t.isAfter(before)));
        assertEquals(Map.of(), new Scratch(dataDir, "assay-2").unfinishedPlacements(), "another server's notes are its own");
        open.close();
        assertEquals(Map.of(), scratch.unfinishedPlacements());
    }

    @Test
    void serverNamesMakeDistinctSafeDirectories() {
        String a = Scratch.directoryName("host:9080");
        String b = Scratch.directoryName("host_9080");
        assertNotEquals(a, b);
        assertTrue(a.matches("[A-Za-z0-9._-]+"), a);
        assertTrue(Scratch.directoryName("../../etc").matches("server-[A-Za-z0-9._-]+"));
        assertFalse(Scratch.directoryName("../../etc").contains("/"));
    }

    /** The one rule of both stores: settled, or this server's own placement unchanged since its note. */
    @Test
    void aStoredFileIsALeftoverWhenSettledOrPlacedByThisServerAndUnchangedSinceItsNote() throws Exception {
        Instant now = Instant.now();
        Instant settled = now.minus(Duration.ofHours(1));
        Path old = Files.writeString(dataDir.resolve("old.parquet"), "x");
        Files.setLastModifiedTime(old, FileTime.from(now.minus(Duration.ofHours(2))));
        Path young = Files.writeString(dataDir.resolve("young.parquet"), "x");
        Files.setLastModifiedTime(young, FileTime.from(now.minusSeconds(60)));
        Path placed = Files.writeString(dataDir.resolve("placed.parquet"), "x");
        Files.setLastModifiedTime(placed, FileTime.from(now.minusSeconds(60)));
        Path touched = Files.writeString(dataDir.resolve("touched.parquet"), "x");
        Files.setLastModifiedTime(touched, FileTime.from(now.minusSeconds(10)));
        Map<Path, Instant> unfinished = Map.of(placed.toAbsolutePath(), now.minusSeconds(30),
                touched.toAbsolutePath(), now.minusSeconds(30));

        assertTrue(Scratch.leftover(old, settled, unfinished), "no server can still be writing it");
        assertFalse(Scratch.leftover(young, settled, unfinished), "another server may be recording it now");
        assertTrue(Scratch.leftover(placed, settled, unfinished), "this server's placement, unchanged since its note");
        assertFalse(Scratch.leftover(touched, settled, unfinished), "changed after the note: found in use by an upload");
    }
}
