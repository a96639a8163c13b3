package dev.assay.dataset;

import dev.assay.failure.FieldError;
import dev.assay.failure.InvalidInput;
import dev.assay.infrastructure.DuckDb;
import dev.assay.infrastructure.Sql;
import dev.assay.infrastructure.ValueMatch;
import dev.assay.metric.Tables;
import dev.assay.registry.ModelCard;
import dev.assay.registry.ModelCardParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A dataset by reference is checked and profiled by the same code as an upload, where it lives, through a
 * {@link DatasetScan} that has no row numbers and reads the reference as ingest would have stored it
 * ({@link MissingValues#canonical}). Here the engine is DuckDB over a Parquet file as it was written (NaN,
 * infinities and their text spellings left in): the profile is the upload's, figure for figure, and the
 * refusals name the same columns and card fields. On Spark: SparkReferenceIT.
 */
class ReferenceChecksTest {

    @TempDir
    Path dir;

    private static final String CARD = """
            model: m
            version: "1"
            owner: o@example.com
            task: binary-classification
            positiveLabel: 1
            favorableOutcome: 1
            columns:
              label: y
              prediction: p
              score: s
              protected: [g]
            %s""";

    /** Written as DuckDB reads the CSV, nothing made missing: a file a lake might hold. */
    private static final String CSV = "g,y,p,s,w,note\nA,1,1,0.5,1,ok\nA,0,1,NaN,2,nan\nB,0,0,inf,1,fine\nB,1,0,0.25,3,\nB,1,1,0.75,1,-Infinity\n";

    private record Raw(Path parquet, Map<String, String> types) {
    }

    private Raw raw(String csv, String columns) throws Exception {
        Path parquet = Tables.toParquet(dir, csv, columns);
        Map<String, String> types = new LinkedHashMap<>();
        try (Connection c = DuckDb.withDefaults(dir).open(); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("DESCRIBE SELECT * FROM read_parquet(" + Sql.literal(parquet.toString()) + ")")) {
            while (r.next()) {
                types.put(r.getString("column_name"), r.getString("column_type"));
            }
        }
        return new Raw(parquet, types);
    }

    /** DuckDB as a reference's engine: no row numbers, the canonical relation over the file as written. */
    private static DatasetScan reference(Connection c, Raw raw) {
        return DatasetScan.of(ValueMatch.DUCKDB, MissingValues.canonical(ValueMatch.DUCKDB, rawRelation(raw), raw.types()),
                DatasetScan.duckDb(c));
    }

    private static String rawRelation(Raw raw) {
        return "read_parquet(" + Sql.literal(raw.parquet().toString()) + ")";
    }

    private static ModelCard card(String more) {
        return ModelCardParser.parseYaml(CARD.formatted(more), "m", "1");
    }

    @Test
    void theProfileOfAReferenceIsTheProfileOfTheSameValuesUploaded() throws Exception {
        DuckDb duckDb = DuckDb.withDefaults(dir);
        Raw raw = raw(CSV, null);
        Path csv = Files.writeString(dir.resolve("up.csv"), CSV);
        ParquetIngest.Profile uploaded = new ParquetIngest(duckDb).profile(Tables.ingest(duckDb, csv, ',', dir.resolve("up.parquet")).parquet());
        ParquetIngest.Profile referenced;
        try (Connection c = duckDb.open()) {
            referenced = new DatasetService().checkReference(card(""), raw.types(), reference(c, raw), rawRelation(raw));
        }
        assertEquals(5, referenced.rows());
        assertEquals(uploaded.rows(), referenced.rows());
        assertEquals(uploaded.columns().stream().map(ColumnProfile::name).toList(), referenced.columns().stream().map(ColumnProfile::name).toList());
        for (int i = 0; i < uploaded.columns().size(); i++) {
            ColumnProfile u = uploaded.columns().get(i);
            ColumnProfile r = referenced.columns().get(i);
            assertEquals(u.type(), r.type(), u.name());
            assertEquals(u.nulls(), r.nulls(), u.name());
            assertEquals(u.nonFinite(), r.nonFinite(), u.name());
            if (u.numeric() == null) {
                assertNull(r.numeric(), u.name());
                continue;
            }
            assertEquals(u.numeric().mean(), r.numeric().mean(), 1e-12, u.name());
            assertEquals(u.numeric().min(), r.numeric().min(), 0, u.name());
            assertEquals(u.numeric().max(), r.numeric().max(), 0, u.name());
            assertEquals(u.numeric().std(), r.numeric().std(), 1e-12, u.name());
            assertNull(r.numeric().median(), "a reference's profile has no quartiles");
        }
        // s: NaN and inf are missing, as ingest makes them: 0.5, 0.25, 0.75 remain.
        ColumnProfile s = referenced.columns().get(3);
        assertEquals(2, s.nulls());
        assertEquals(2, s.nonFinite());
        assertEquals(0.5, s.numeric().mean(), 1e-15);
        // note: "nan" and "-Infinity" as text are missing too, and the empty field.
        assertEquals(3, referenced.columns().get(5).nulls());
        assertEquals(2, referenced.columns().get(5).nonFinite());
    }

    @Test
    void aMissingCardColumnIsNamed() throws Exception {
        Raw raw = raw(CSV, null);
        try (Connection c = DuckDb.withDefaults(dir).open()) {
            InvalidInput e = assertThrows(InvalidInput.class, () -> new DatasetService().checkReference(
                    card("  features: [income]\n"), raw.types(), reference(c, raw), rawRelation(raw)));
            assertEquals(List.of(FieldError.at("/columns", "column 'income' named by the model card is not in the reference")), e.errors());
            assertTrue(e.getMessage().startsWith("The reference lacks column(s) the model card names: income."), e.getMessage());
        }
    }

    @Test
    void rolesAndWeightsAreCheckedAsForAnUploadWithoutRowNumbers() throws Exception {
        Raw raw = raw("g,y,p,s,w\nA,1,1,0.5,1\nB,0,0,high,-2\n", null);
        try (Connection c = DuckDb.withDefaults(dir).open()) {
            InvalidInput e = assertThrows(InvalidInput.class, () -> new DatasetService().checkReference(
                    ModelCardParser.parseYaml(CARD.formatted("  weight: w\n").replace("favorableOutcome: 1", "favorableOutcome: approved"),
                            "m", "1"), raw.types(), reference(c, raw), rawRelation(raw)));
            assertEquals(List.of("/columns/score", "/favorableOutcome", "/columns/weight"), e.errors().stream().map(FieldError::pointer).toList());
            assertEquals("column 's' (the card's columns.score) must hold numbers; it holds 'high' (typed VARCHAR)", e.errors().get(0).message());
            assertEquals("the card's favorableOutcome (\"approved\") matches no row of column 'p' (BIGINT); its values: 0, 1",
                    e.errors().get(1).message());
            assertEquals("column 'w' (the card's columns.weight): a row has a negative weight (-2)", e.errors().get(2).message());
            assertNull(e.errors().get(0).line(), "a reference has no lines");
        }
    }
}
