package dev.assay.metric;

import dev.assay.metric.engine.DuckDbEngine;
import dev.assay.metric.counts.Aggregates;
import dev.assay.metric.counts.AggregationPlan;
import dev.assay.metric.counts.GroupState;
import dev.assay.metric.engine.MetricCatalogue;
import dev.assay.dataset.DatasetFormat;
import dev.assay.dataset.ParquetIngest;
import dev.assay.infrastructure.DuckDb;
import dev.assay.infrastructure.Sql;
import jakarta.json.Json;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Small published tables, run through the real aggregation plan on DuckDB. */
public final class Tables {

    private Tables() {
    }

    /** A file as Assay stores it: its Parquet copy and the column types of its profile. */
    public record Ingested(Path parquet, Map<String, String> types) {
    }

    /** Runs a delimited file through Assay's own ingest (ParquetIngest), as an upload would. */
    public static Ingested ingest(DuckDb duckDb, Path file, char delimiter, Path parquet) throws Exception {
        ParquetIngest ingest = new ParquetIngest(duckDb);
        ingest.writeParquet(new ParquetIngest.Source(file, DatasetFormat.CSV, delimiter), parquet);
        Map<String, String> types = new java.util.LinkedHashMap<>();
        ingest.profile(parquet).columns().forEach(c -> types.put(c.name(), c.type()));
        return new Ingested(parquet, types);
    }

    /**
     * Writes CSV text as a Parquet file with DuckDB; {@code columns} is DuckDB's columns map, e.g.
     * {@code {'a': 'VARCHAR', 'y': 'INTEGER'}}, or null to let DuckDB infer the types.
     */
    public static Path toParquet(Path dir, String csv, String columns) throws Exception {
        Path in = Files.createTempFile(dir, "t", ".csv");
        Path out = Files.createTempFile(dir, "t", ".parquet");
        Files.delete(out);
        Files.writeString(in, csv);
        try (java.sql.Connection c = DuckDb.withDefaults(dir).open(); Statement s = c.createStatement()) {
            s.execute("COPY (SELECT * FROM read_csv(" + Sql.literal(in.toString()) + ", header = true"
                    + (columns == null ? "" : ", columns = " + columns) + ")) TO " + Sql.literal(out.toString()) + " (FORMAT parquet)");
        }
        return out;
    }

    /**
     * Aggregates a table of (attribute, label, prediction) rows, with 1 as the positive label, the
     * positive prediction and the favorable outcome, over the scope {@code attribute}.
     */
    public static Map<GroupKey, GroupState> groups(Path dir, String[] attribute, int[] label, int[] prediction)
            throws Exception {
        StringBuilder csv = new StringBuilder("a,y,p\n");
        for (int i = 0; i < attribute.length; i++) {
            csv.append(attribute[i]).append(',').append(label[i]).append(',').append(prediction[i]).append('\n');
        }
        Path out = toParquet(dir, csv.toString(), "{'a': 'VARCHAR', 'y': 'INTEGER', 'p': 'INTEGER'}");
        DuckDb duckDb = DuckDb.withDefaults(dir);
        OutcomeColumns outcomes = new OutcomeColumns("p", Optional.of(Json.createValue(1)), Optional.of("y"), Optional.of(Json.createValue(1)),
                List.of(Json.createValue(1)), Optional.empty(), Map.of("a", "VARCHAR", "y", "INTEGER", "p", "INTEGER"));
        try (DuckDbEngine c = DuckDbEngine.open(duckDb)) {
            return new AggregationPlan(List.of(Scope.of("a")), outcomes).execute(c, c.table(out)).groups(Scope.of("a"));
        }
    }

    public static MetricValue only(List<MetricValue> values) {
        if (values.size() != 1) {
            throw new AssertionError("expected one value: " + values);
        }
        return values.get(0);
    }

    public static MetricValue group(List<MetricValue> values, String group) {
        return values.stream().filter(v -> group.equals(v.group())).findFirst()
                .orElseThrow(() -> new AssertionError("no group " + group + " in " + values));
    }

    public static List<MetricValue> compute(String metric, Map<GroupKey, GroupState> groups) {
        return compute(metric, groups, MetricParameters.DEFAULTS);
    }

    public static List<MetricValue> compute(String metric, Map<GroupKey, GroupState> groups, MetricParameters p) {
        return MetricCatalogue.find(metric).orElseThrow().computation()
                .compute(Scope.of("a"), new Aggregates(Map.of(Scope.of("a"), groups)), p);
    }
}
