package dev.assay.monitoring;

import dev.assay.dataset.DatasetFormat;
import dev.assay.dataset.ParquetIngest;
import dev.assay.infrastructure.DuckDb;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A window's slice: predictions joined with the labels there are, the latest label of an id winning. */
class WindowContentTest {

    @TempDir
    Path dir;

    Path parquet(DuckDb duckDb, String name, String csv) throws Exception {
        Path raw = dir.resolve(name + ".csv");
        Files.writeString(raw, csv);
        Path out = dir.resolve(name + ".parquet");
        new ParquetIngest(duckDb).writeParquet(new ParquetIngest.Source(raw, DatasetFormat.CSV, ','), out);
        return out;
    }

    @Test
    void labelsJoinByIdAndCoverageCountsLabeledRows() throws Exception {
        DuckDb duckDb = DuckDb.withDefaults(dir);
        Path a = parquet(duckDb, "a", "id,sex,hired,at\n1,F,1,2026-06-01T09:10:00Z\n2,M,0,2026-06-01T09:20:00Z\n");
        Path b = parquet(duckDb, "b", "id,sex,hired,at\n3,M,1,2026-06-01T09:05:00Z\n4,F,0,2026-06-01T09:50:00Z\n");
        Path early = parquet(duckDb, "early", "id,label\n1,0\n3,1\n99,1\n");
        Path late = parquet(duckDb, "late", "id,label\n1,1\n");
        WindowContent content = new WindowContent(duckDb);

        WindowContent.Slice none = content.write(List.of(a, b), List.of("a", "b"), List.of(), "id", "label", "BIGINT", "at",
                dir.resolve("none.parquet"));
        assertEquals(4, none.rows());
        assertEquals(0, none.labeled());
        assertEquals(0.0, none.coverage());

        WindowContent.Slice some = content.write(List.of(a, b), List.of("a", "b"), List.of(early, late), "id", "label", "BIGINT", "at",
                dir.resolve("some.parquet"));
        assertEquals(2, some.labeled(), "ids 1 and 3; 99 has no prediction in this window");
        assertEquals(0.5, some.coverage());
        assertNotEquals(none.key(), some.key(), "labels that came change the content");
        assertEquals(some.key(), content.write(List.of(a, b), List.of("a", "b"), List.of(early, late), "id", "label", "BIGINT", "at",
                dir.resolve("again.parquet")).key(), "the same content, the same key");

        List<String> rows = new ArrayList<>();
        try (Connection c = duckDb.open(); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT id, label, typeof(label) FROM read_parquet('" + some.file() + "')")) {
            while (r.next()) {
                rows.add(r.getLong(1) + ":" + r.getString(2) + ":" + r.getString(3));
            }
        }
        // Ordered by time; the later label of id 1 wins; the reference's type.
        assertEquals(List.of("3:1:BIGINT", "1:1:BIGINT", "2:null:BIGINT", "4:null:BIGINT"), rows);
    }

    /**
     * The slice is the window dataset's stored file, addressed by its SHA-256, so the same predictions and labels must
     * give the same bytes: written twice, on one thread and on four (several row groups, written in parallel).
     */
    @Test
    void theSameWindowGivesTheSameBytesAndItsHashIsTheFilesOnAnyNumberOfThreads() throws Exception {
        DuckDb setup = DuckDb.withDefaults(dir);
        Path a = dir.resolve("a.parquet");
        Path b = dir.resolve("b.parquet");
        Path labels = dir.resolve("labels.parquet");
        try (Connection c = setup.open(); Statement s = c.createStatement()) {
            // 300,000 rows in two batches, out of order in time; a label column whose name needs quoting.
            for (Path file : List.of(a, b)) {
                int half = file == a ? 0 : 1;
                s.execute("COPY (SELECT range * 2 + " + half + " AS id, CASE WHEN hash(range, " + half + ") % 2 = 0 THEN 'F' ELSE 'M' END"
                        + " AS sex, (hash(range) % 1000) / 1000.0 AS score, TIMESTAMPTZ '2026-06-01 09:00:00+00' + to_seconds("
                        + "CAST(hash(range, 7 + " + half + ") % 3600 AS BIGINT)) AS at FROM range(150000)) TO '" + file + "' (FORMAT parquet)");
            }
            s.execute("COPY (SELECT range * 3 AS id, CAST(range % 2 AS BIGINT) AS \"the \"\"label\"\"\" FROM range(40000)) TO '"
                    + labels + "' (FORMAT parquet)");
        }
        String label = "the \"label\"";
        List<String> hashes = new ArrayList<>();
        WindowContent.Slice first = null;
        for (int threads : List.of(1, 4)) {
            Path out = dir.resolve("slice-" + hashes.size() + ".parquet");
            WindowContent.Slice slice = new WindowContent(new DuckDb("1GB", threads, dir)).write(List.of(b, a), List.of("a", "b"),
                    List.of(labels), "id", label, "BIGINT", "at", out);
            assertEquals(dev.assay.infrastructure.Hashing.sha256Hex(Files.readAllBytes(out)), slice.sha256(), "the hash is the file's");
            hashes.add(slice.sha256());
            first = first == null ? slice : first;
            assertEquals(first.key(), slice.key(), "the same content, the same key");
        }
        assertEquals(1, new java.util.HashSet<>(hashes).size(), "the same window, the same bytes: " + hashes);
        // The counts from the COPY's statistics are those of the file.
        try (Connection c = setup.open(); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT count(*), count(\"the \"\"label\"\"\"), count(DISTINCT id) FROM read_parquet('"
                     + first.file() + "')")) {
            r.next();
            assertEquals(300_000, r.getLong(1));
            assertEquals(r.getLong(1), first.rows());
            assertEquals(r.getLong(2), first.labeled());
            assertEquals(40_000, first.labeled(), "every label's id is among the predictions' ids");
        }
        try (Connection c = setup.open(); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT count(*) FROM parquet_metadata('" + first.file() + "') WHERE column_id = 0")) {
            r.next();
            assertTrue(r.getLong(1) > 1, "several row groups, so the writing ran in parallel");
        }
    }
}
