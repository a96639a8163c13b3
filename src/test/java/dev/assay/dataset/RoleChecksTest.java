package dev.assay.dataset;

import dev.assay.failure.FieldError;
import dev.assay.infrastructure.DuckDb;
import dev.assay.registry.ModelCard;
import dev.assay.registry.ModelCardParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What the card says of the columns, checked against stored files as the upload path stores them. */
class RoleChecksTest {

    @TempDir
    Path dir;

    private static final String CARD = """
            model: m
            version: "1"
            owner: o@example.com
            task: binary-classification
            positiveLabel: %s
            favorableOutcome: %s
            columns:
              label: y
              prediction: p
              score: s
              protected: [g]
            """;

    private List<FieldError> problems(String card, String csv) throws Exception {
        byte[] bytes = csv.getBytes(StandardCharsets.UTF_8);
        Path file = Files.write(dir.resolve(System.nanoTime() + ".csv"), bytes);
        CsvStructureCheck check = new CsvStructureCheck();
        check.update(bytes, 0, bytes.length);
        check.finish();
        DuckDb duckDb = DuckDb.withDefaults(dir);
        ParquetIngest ingest = new ParquetIngest(duckDb);
        ParquetIngest.Source source = ingest.sniffDecimalSeparator(new ParquetIngest.Source(file, DatasetFormat.CSV, check.delimiter()));
        Path parquet = dir.resolve(file.getFileName() + ".parquet");
        ingest.writeParquet(source, parquet);
        Map<String, String> types = new LinkedHashMap<>();
        Map<String, Integer> positions = new LinkedHashMap<>();
        ingest.profile(parquet).columns().forEach(c -> {
            positions.put(c.name(), types.size());
            types.put(c.name(), c.type());
        });
        ModelCard parsed = ModelCardParser.parseYaml(card, "m", "1");
        try (Connection c = duckDb.open()) {
            return RoleChecks.problems(DatasetScan.duckDb(c, parquet), parsed, types, positions, DatasetFormat.CSV);
        }
    }

    @Test
    void cardValuesMatchingByMeaningPass() throws Exception {
        assertEquals(List.of(), problems(CARD.formatted("true", "true"), "g,y,p,s\nA,1,1,0.5\nB,0,0,0.25\n"));
        assertEquals(List.of(), problems(CARD.formatted("\"1\"", "1.0"), "g,y,p,s\nA,true,1.0,0.5\nB,false,0.0,0.25\n"));
        // Labels not known yet (an empty column): nothing to match, nothing refused.
        assertEquals(List.of(), problems(CARD.formatted("1", "1"), "g,y,p,s\nA,,1,0.5\nB,,0,0.25\n"));
    }

    @Test
    void aCardValueMatchingNoRowIsRefusedWithTheValuesSeen() throws Exception {
        List<FieldError> errors = problems(CARD.formatted("\"yes\"", "approved"), "g,y,p,s\nA,1,1,0.5\nB,0,0,0.25\n");
        // The third: positiveLabel is also the positive prediction when the card states none, and matches no prediction.
        assertEquals(List.of("/positiveLabel", "/favorableOutcome", "/positiveLabel"), errors.stream().map(FieldError::pointer).toList());
        assertEquals("the card's positiveLabel (\"yes\") matches no row of column 'p' (BIGINT); its values: 0, 1",
                errors.get(2).message());
        assertEquals("the card's positiveLabel (\"yes\") matches no row of column 'y' (BIGINT); its values: 0, 1",
                errors.get(0).message());
        assertTrue(errors.get(1).message().contains("its values: 0, 1"), errors.get(1).message());
    }

    @Test
    void aScoreHoldingTextIsRefusedAtItsFirstLine() throws Exception {
        List<FieldError> errors = problems(CARD.formatted("1", "1"), "g,y,p,s\nA,1,1,0.5\nB,0,0,high\nB,0,1,low\n");
        assertEquals(1, errors.size());
        FieldError e = errors.get(0);
        assertEquals("/columns/score", e.pointer());
        assertEquals(3L, e.line());
        assertEquals(4L, e.column());
        assertEquals("column 's' (the card's columns.score) must hold numbers; line 3 holds 'high'", e.message());
    }

    @Test
    void decimalCommasOfASemicolonFileAreScores() throws Exception {
        assertEquals(List.of(), problems(CARD.formatted("1", "1"), "g;y;p;s\nA;1;1;0,5\nB;0;0;0,25\n"));
        // The same values quoted in a comma-delimited file are text.
        List<FieldError> errors = problems(CARD.formatted("1", "1"), "g,y,p,s\nA,1,1,\"0,5\"\nB,0,0,\"0,25\"\n");
        assertEquals(List.of("/columns/score"), errors.stream().map(FieldError::pointer).toList());
        assertEquals(2L, errors.get(0).line());
    }

    @Test
    void everyProblemIsReportedAtOnce() throws Exception {
        List<FieldError> errors = problems(CARD.formatted("\"yes\"", "\"no\""), "g,y,p,s\nA,1,1,x\n");
        assertEquals(List.of("/columns/score", "/positiveLabel", "/favorableOutcome", "/positiveLabel"),
                errors.stream().map(FieldError::pointer).toList());
    }
}
