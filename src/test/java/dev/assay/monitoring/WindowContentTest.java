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
}
