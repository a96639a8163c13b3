package dev.assay.monitoring;

import dev.assay.dataset.DatasetFormat;
import dev.assay.dataset.ParquetIngest;
import dev.assay.failure.FieldError;
import dev.assay.failure.InvalidInput;
import dev.assay.infrastructure.DuckDb;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Batch checks and partitioning on real DuckDB, from uploads read the way dataset uploads are. */
class PredictionLogTest {

    @TempDir
    Path dir;

    DuckDb duckDb;
    PredictionLog log;
    Path staging;

    static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");
    static final long HOUR = Duration.ofHours(1).toMillis();
    static final Set<String> REQUIRED = Set.of("id", "sex", "hired", "at");

    @BeforeEach
    void setUp() throws Exception {
        duckDb = DuckDb.withDefaults(dir);
        log = new PredictionLog(duckDb);
        staging = Files.createDirectories(dir.resolve("staging"));
    }

    Path parquet(String name, String text, DatasetFormat format) throws Exception {
        Path raw = dir.resolve(name + (format == DatasetFormat.CSV ? ".csv" : ".jsonl"));
        Files.writeString(raw, text);
        Path out = dir.resolve(name + ".parquet");
        new ParquetIngest(duckDb).writeParquet(new ParquetIngest.Source(raw, format, ','), out);
        return out;
    }

    @Test
    void aBatchIsSplitIntoOneFilePerWindowWithIsoAndEpochTimes() throws Exception {
        Path p = parquet("ok", """
                id,sex,hired,at,label
                1,F,1,2026-06-01T09:10:00Z,1
                2,M,0,2026-06-01T09:59:59.999Z,0
                3,M,1,2026-06-01T10:00:00Z,1
                """, DatasetFormat.CSV);
        PredictionLog.Staged s = log.stagePredictions(p, DatasetFormat.CSV, REQUIRED, "id", "at", "label", HOUR, NOW, staging);
        assertEquals(3, s.rows());
        long nine = Instant.parse("2026-06-01T09:00:00Z").toEpochMilli();
        assertEquals(Map.of(nine, 2L, nine + HOUR, 1L), s.counts());
        assertEquals(Map.of("id", "BIGINT", "sex", "VARCHAR", "hired", "BIGINT", "at", "TIMESTAMP WITH TIME ZONE").keySet(),
                log.columns(s.files().get(nine)).keySet(), "the label column is not kept: labels come in label batches");

        Path epoch = parquet("epoch", "{\"id\":\"a\",\"sex\":\"F\",\"hired\":1,\"at\":" + (nine + 5) + "}\n"
                + "{\"id\":\"b\",\"sex\":\"F\",\"hired\":1,\"at\":\"" + (nine + HOUR) + "\"}\n", DatasetFormat.JSON_LINES);
        Path staging2 = Files.createDirectories(dir.resolve("staging2"));
        PredictionLog.Staged e = log.stagePredictions(epoch, DatasetFormat.JSON_LINES, REQUIRED, "id", "at", null, HOUR, NOW, staging2);
        assertEquals(Map.of(nine, 1L, nine + HOUR, 1L), e.counts(), "epoch milliseconds as numbers and as digits");
    }

    @Test
    void badRowsAreRefusedWithTheirLineAndColumnAndNothingIsWritten() throws Exception {
        Path p = parquet("bad", """
                id,sex,hired,at
                1,F,1,2026-06-01T09:10:00Z
                ,M,0,2026-06-01T09:20:00Z
                3,M,1,
                4,F,1,yesterday
                5,F,1,2026-06-01T12:06:00Z
                6,F,1,2026-06-01T12:04:00Z
                """, DatasetFormat.CSV);
        InvalidInput refused = assertThrows(InvalidInput.class, () -> log.stagePredictions(p, DatasetFormat.CSV, REQUIRED, "id", "at",
                null, HOUR, NOW.plus(Duration.ofMinutes(5)), staging));
        List<FieldError> errors = refused.errors();
        assertEquals(List.of(3L, 4L, 5L, 6L), errors.stream().map(FieldError::line).toList(), errors.toString());
        assertEquals(List.of(1L, 4L, 4L, 4L), errors.stream().map(FieldError::column).toList());
        assertTrue(errors.get(0).message().contains("no id"), errors.get(0).message());
        assertTrue(errors.get(1).message().contains("no timestamp"));
        assertTrue(errors.get(2).message().contains("neither ISO-8601 nor epoch"));
        assertTrue(errors.get(3).message().contains("in the future"), errors.get(3).message());
        try (var files = Files.list(staging)) {
            assertEquals(0, files.count(), "nothing staged");
        }
    }

    @Test
    void aBatchWithoutAColumnTheCardNamesIsRefused() throws Exception {
        Path p = parquet("missing", "id,hired,at\n1,1,2026-06-01T09:10:00Z\n", DatasetFormat.CSV);
        InvalidInput refused = assertThrows(InvalidInput.class, () -> log.stagePredictions(p, DatasetFormat.CSV, REQUIRED, "id", "at",
                null, HOUR, NOW, staging));
        assertEquals("/columns", refused.errors().get(0).pointer());
        assertTrue(refused.errors().get(0).message().contains("'sex'"));
    }

    @Test
    void labelsAreCheckedAndMatchedByIdAsText() throws Exception {
        Path predictions = parquet("p", "id,sex,hired,at\n1,F,1,2026-06-01T09:10:00Z\n2,M,0,2026-06-01T09:20:00Z\n", DatasetFormat.CSV);
        PredictionLog.Staged s = log.stagePredictions(predictions, DatasetFormat.CSV, REQUIRED, "id", "at", null, HOUR, NOW, staging);
        Path labels = parquet("l", "{\"id\":\"1\",\"label\":1}\n{\"id\":\"9\",\"label\":0}\n", DatasetFormat.JSON_LINES);
        Path out = dir.resolve("labels-out.parquet");
        assertEquals(2, log.stageLabels(labels, DatasetFormat.JSON_LINES, "id", "label", out));
        assertEquals(1, log.matched(out, "id", List.copyOf(s.files().values())), "\"1\" matches 1; 9 waits for its prediction");
        assertEquals(0, log.matched(out, "id", List.of()));

        Path bad = parquet("bad-labels", "id,label\n1,\n,1\n", DatasetFormat.CSV);
        InvalidInput refused = assertThrows(InvalidInput.class, () -> log.stageLabels(bad, DatasetFormat.CSV, "id", "label",
                dir.resolve("never.parquet")));
        assertEquals(List.of(2L, 3L), refused.errors().stream().map(FieldError::line).toList());
        assertTrue(Files.notExists(dir.resolve("never.parquet")));
    }
}
