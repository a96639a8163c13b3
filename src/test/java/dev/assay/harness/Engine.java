package dev.assay.harness;

import dev.assay.audit.AuditEngine;
import dev.assay.dataset.CsvStructureCheck;
import dev.assay.dataset.DatasetFormat;
import dev.assay.dataset.ParquetIngest;
import dev.assay.infrastructure.DuckDb;
import dev.assay.infrastructure.Sql;
import dev.assay.metric.MetricParameters;
import dev.assay.metric.MetricValue;
import dev.assay.registry.ModelCard;
import dev.assay.registry.ModelCardParser;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A generated table taken through the path an upload takes (CSV structure check, Parquet, profile)
 * and audited by the real engine on DuckDB, as AuditEngineTest and SampleWeightsTest do.
 */
final class Engine {

    private Engine() {
    }

    /** A file as Assay stores it: Parquet and the profile's column types. */
    record Ingested(DuckDb duckDb, Path parquet, Map<String, String> types) {
    }

    static final String CARD = """
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
              quasiIdentifiers: [g, f1]
              sensitive: [c]
            %s
            """;

    static ModelCard card(boolean weighted) {
        return ModelCardParser.parseYaml(CARD.formatted(weighted ? "  weight: w" : ""), "m", "1");
    }

    /** CSV text through CsvStructureCheck, ParquetIngest.writeParquet and profile. */
    static Ingested csv(Path dir, String csv) throws Exception {
        Path sub = Files.createTempDirectory(dir, "csv");
        byte[] bytes = csv.getBytes(StandardCharsets.UTF_8);
        Path file = Files.write(sub.resolve("d.csv"), bytes);
        CsvStructureCheck check = new CsvStructureCheck();
        check.update(bytes, 0, bytes.length);
        check.finish();
        DuckDb duckDb = DuckDb.withDefaults(sub);
        return ingest(duckDb, new ParquetIngest.Source(file, DatasetFormat.CSV, check.delimiter()), sub);
    }

    /**
     * The same table uploaded as Parquet: DuckDB reads the CSV (NaN and infinities become real
     * doubles in numeric columns) and writes a Parquet file, which is then ingested as a Parquet upload.
     */
    static Ingested parquet(Path dir, String csv) throws Exception {
        Path sub = Files.createTempDirectory(dir, "pq");
        Path file = Files.writeString(sub.resolve("d.csv"), csv);
        Path upload = sub.resolve("upload.parquet");
        DuckDb duckDb = DuckDb.withDefaults(sub);
        try (Connection c = duckDb.open(); Statement s = c.createStatement()) {
            s.execute("COPY (SELECT * FROM read_csv(" + Sql.literal(file.toString()) + ", header = true)) TO "
                    + Sql.literal(upload.toString()) + " (FORMAT parquet)");
        }
        return ingest(duckDb, new ParquetIngest.Source(upload, DatasetFormat.PARQUET, ','), sub);
    }

    private static Ingested ingest(DuckDb duckDb, ParquetIngest.Source source, Path sub) throws Exception {
        ParquetIngest ingest = new ParquetIngest(duckDb);
        Path parquet = sub.resolve("d.parquet");
        ingest.writeParquet(source, parquet);
        Map<String, String> types = new LinkedHashMap<>();
        ingest.profile(parquet).columns().forEach(c -> types.put(c.name(), c.type()));
        return new Ingested(duckDb, parquet, types);
    }

    /** Every value the engine computed, by metric|scope|group|at. */
    static Map<String, MetricValue> audit(Ingested data, boolean weighted, List<String> metrics, Ingested baseline) throws Exception {
        AuditEngine.Evaluation outcome;
        try {
            outcome = new AuditEngine(data.duckDb(), MetricParameters.DEFAULTS)
                    .run(card(weighted), data.types(), data.parquet(), baseline == null ? null : baseline.parquet(),
                            baseline == null ? Map.of() : baseline.types(), List.of(), metrics);
        } catch (java.sql.SQLException | RuntimeException failed) {
            if (!DifferentialPropertiesTest.SURVEY) {
                throw failed;
            }
            Survey.record("engine error", 0, data.types() + "\n" + Files.readString(data.parquet().resolveSibling("d.csv")),
                    List.of("error|" + failed.getMessage().lines().findFirst().orElse("")));
            return null;
        }
        Map<String, MetricValue> byKey = new LinkedHashMap<>();
        for (MetricValue v : outcome.metrics()) {
            byKey.put(Expected.key(v.metric(), v.scope(), v.group(), v.at()), v);
        }
        return byKey;
    }
}
