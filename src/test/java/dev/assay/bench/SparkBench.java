package dev.assay.bench;

import dev.assay.audit.AuditEngine;
import dev.assay.infrastructure.DuckDb;
import dev.assay.infrastructure.Sql;
import dev.assay.metric.MetricParameters;
import dev.assay.metric.engine.DuckDbEngine;
import dev.assay.metric.engine.SparkEngine;
import dev.assay.metric.engine.SparkRemote;
import dev.assay.metric.scan.ScanEngine;
import dev.assay.policy.Policy;
import dev.assay.policy.PolicyCatalog;
import dev.assay.policy.PolicyParser;
import dev.assay.registry.ModelCard;
import org.apache.spark.sql.connect.SparkSession;

import java.lang.management.ManagementFactory;
import java.lang.ref.Reference;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Issue 18, §5 ({@code -Dbench.only=spark}): a partitioned Parquet dataset (part files of 2.5M rows: sex,
 * race of 5, age band of 4, score, label, prediction) of N/10 and N rows, audited with the four-fifths
 * pack and with issue 3's catalogue of outcome metrics (every attribute and pairwise intersection) on
 * embedded DuckDB and on the Spark cluster named by {@code ASSAY_SPARK_REMOTE}; beside each engine its
 * own GROUP BY of the counts the four-fifths audit needs, collected, as the floor an audit cannot go
 * below. Prints seconds, the growth from N/10 to N rows (10× the time is linear) and the heap of this JVM,
 * which is the Assay side of the audit (the bench profile gives it 512 MB): its peak over the audits and
 * what is live after them.
 *
 * <p>Run (README, Spark, "Figures"): {@code ASSAY_SPARK_EXECUTOR_MEMORY=2g ASSAY_SPARK_DRIVER_MEMORY=2g server/spark/start.sh && set -a && . target/spark/spark.env &&
 * set +a && ./mvnw -Pbench test -Dbench.only=spark -Dbench.rows=100000000; server/spark/stop.sh}.
 */
final class SparkBench {

    /** Rows per part file: 40 files at 100M rows, so that both executors of a small cluster have work. */
    private static final long PART_ROWS = 2_500_000L;

    private SparkBench() {
    }

    /** One engine's figures at one size. */
    private record Figures(double groupBy, double fourFifths, double catalogue, long peakHeap, long liveHeap, String decision,
                           int values) {
    }

    static void run(long rows, Path dir, DuckDb duckDb) throws Exception {
        SparkRemote remote = SparkRemote.fromEnvironment(name -> Optional.ofNullable(System.getenv(name)))
                .orElseThrow(() -> new IllegalStateException("ASSAY_SPARK_REMOTE is not set: start server/spark/start.sh "
                        + "and read target/spark/spark.env into the environment (see the class comment)"));
        List<Long> sizes = List.of(rows / 10, rows);
        Policy fourFifths = PolicyParser.parse(PolicyCatalog.readBuiltIn("eeoc-four-fifths"));
        ModelCard card = Bench.benchCard("bench-lake", """
                  protected: [sex, race, age_band]
                """);
        Policy catalogue = Bench.everyMetricPolicy(Bench.outcomeIds());
        Map<Long, Figures> duck = new LinkedHashMap<>();
        Map<Long, Figures> spark = new LinkedHashMap<>();
        Map<Long, Double> generated = new LinkedHashMap<>();
        try (SparkSession session = SparkEngine.session(remote)) {
            for (long n : sizes) {
                long t = System.nanoTime();
                Path lake = generate(n, dir, duckDb);
                generated.put(n, Bench.seconds(t));
                Map<String, String> types = types(duckDb, lake);
                Path glob = lake.resolve("*.parquet");
                duck.put(n, measure(() -> DuckDbEngine.open(duckDb), glob, types, card, fourFifths, catalogue,
                        () -> duckGroupBy(duckDb, glob)));
                spark.put(n, measure(() -> new SparkEngine(session), lake, types, card, fourFifths, catalogue,
                        () -> sparkGroupBy(session, lake)));
            }
        }
        System.out.println();
        System.out.println("Assay bench (one machine and the Spark cluster, issue 18)");
        System.out.printf(Locale.ROOT, "cluster              %s; catalogue: %d outcome metric ids over 6 scopes%n", remote,
                Bench.outcomeIds().size());
        for (long n : sizes) {
            System.out.printf(Locale.ROOT, "data %,d rows       %d part files, %.0f MB (%s)%n", n, parts(n),
                    size(dir.resolve("lake-" + n)) / 1e6, generated.get(n) < 0.5 ? "reused from target/bench"
                            : String.format(Locale.ROOT, "generated in %.1f s", generated.get(n)));
        }
        System.out.println("engine  rows           own GROUP BY  four-fifths  (x own)  catalogue  peak heap  live heap  decision, values");
        for (var engine : List.of(Map.entry("DuckDB", duck), Map.entry("Spark", spark))) {
            for (long n : sizes) {
                Figures f = engine.getValue().get(n);
                System.out.printf(Locale.ROOT, "%-7s %,13d  %10.2f s  %9.2f s  (%4.2fx)  %7.2f s  %6.0f MB  %6.0f MB  %s, %,d%n",
                        engine.getKey(), n, f.groupBy(), f.fourFifths(), f.fourFifths() / f.groupBy(), f.catalogue(),
                        f.peakHeap() / 1e6, f.liveHeap() / 1e6, f.decision(), f.values());
            }
            Figures small = engine.getValue().get(sizes.get(0));
            Figures large = engine.getValue().get(sizes.get(1));
            System.out.printf(Locale.ROOT, "%-7s 10x the rows: own GROUP BY %.2fx the time, four-fifths %.2fx, catalogue %.2fx, "
                            + "peak heap %.2fx, live heap %.2fx%n", engine.getKey(), large.groupBy() / small.groupBy(),
                    large.fourFifths() / small.fourFifths(), large.catalogue() / small.catalogue(),
                    (double) large.peakHeap() / small.peakHeap(), (double) large.liveHeap() / small.liveHeap());
        }
    }

    /** A timed piece of work. */
    @FunctionalInterface
    private interface Work {
        void run() throws Exception;
    }

    /**
     * Best of two of each figure (the first run reads the files into the page cache and warms the JIT);
     * the peak heap is this JVM's over the audits, reset before them.
     */
    private static Figures measure(ScanEngine.Opener engines, Path data, Map<String, String> types, ModelCard card,
                                   Policy fourFifths, Policy catalogue, Work groupBy) throws Exception {
        double own = best(groupBy);
        Bench.resetPeaks();
        AuditEngine.Evaluation[] last = new AuditEngine.Evaluation[2];
        double audit = best(() -> last[0] = new AuditEngine(engines, MetricParameters.DEFAULTS)
                .run(card, types, data, List.of(fourFifths), List.of()));
        double all = best(() -> last[1] = new AuditEngine(engines, MetricParameters.DEFAULTS)
                .run(card, types, data, List.of(catalogue), List.of()));
        long peak = Bench.peakHeapBytes();
        // What the audits keep: the heap after a full collection with both evaluations still held (the peak also
        // counts garbage not yet collected, which grows with the young generation the JVM chooses, not with rows).
        System.gc();
        long live = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        Reference.reachabilityFence(last);
        return new Figures(own, audit, all, peak, live, last[0].decision().verdict().name(), last[1].metrics().size());
    }

    private static double best(Work work) throws Exception {
        double best = Double.MAX_VALUE;
        for (int i = 0; i < 2; i++) {
            long t = System.nanoTime();
            work.run();
            best = Math.min(best, Bench.seconds(t));
        }
        return best;
    }

    /** The counts the four-fifths audit rolls up, as DuckDB alone computes them. */
    private static void duckGroupBy(DuckDb duckDb, Path glob) throws SQLException {
        try (Connection c = duckDb.open(); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT sex, race, age_band, label, prediction, count(*) FROM read_parquet("
                     + Sql.literal(glob.toString()) + ") GROUP BY ALL")) {
            while (r.next()) {
                r.getLong(6);
            }
        }
    }

    /** The same counts as Spark computes them and the client collects them. */
    private static void sparkGroupBy(SparkSession session, Path lake) {
        session.sql("SELECT sex, race, age_band, label, prediction, count(*)"
                + SparkEngine.location(lake.toAbsolutePath().toString()).from() + " GROUP BY ALL").collectAsList();
    }

    private static long parts(long rows) {
        return (rows + PART_ROWS - 1) / PART_ROWS;
    }

    /**
     * {@code target/bench/lake-<rows>/part-<i>.parquet}, written once by DuckDB from a hash of the row
     * number (repeatable, no data held in Java): sex F/M evenly, race with the shares of the catalogue
     * bench, label 1 for 40%, a score that depends on the label and the race, prediction = score ≥ 0.5.
     */
    private static Path generate(long rows, Path dir, DuckDb duckDb) throws Exception {
        Path lake = dir.resolve("lake-" + rows);
        Path done = lake.resolve("_SUCCESS");
        if (Files.exists(done)) {
            return lake;
        }
        Files.createDirectories(lake);
        String u = "((hash(range, %d) %% 1000000) / 1000000.0)";
        String race = "CASE WHEN " + u.formatted(2) + " < 0.06 THEN 0 WHEN " + u.formatted(2) + " < 0.19 THEN 1 WHEN "
                + u.formatted(2) + " < 0.37 THEN 2 WHEN " + u.formatted(2) + " < 0.39 THEN 3 ELSE 4 END";
        String label = "CASE WHEN " + u.formatted(4) + " < 0.4 THEN 1 ELSE 0 END";
        String score = "round(least(1, greatest(0, 0.35 + 0.3 * label - 0.03 * race_code + 0.2 * (" + u.formatted(5)
                + " - 0.5))), 3)";
        try (Connection c = duckDb.open(); Statement s = c.createStatement()) {
            for (long part = 0; part < parts(rows); part++) {
                long from = part * PART_ROWS;
                long to = Math.min(rows, from + PART_ROWS);
                String rowsSql = "SELECT range, CASE WHEN " + u.formatted(1) + " < 0.5 THEN 'F' ELSE 'M' END AS sex, " + race
                        + " AS race_code, ['18-29', '30-44', '45-59', '60+'][1 + CAST(floor(4 * " + u.formatted(3)
                        + ") AS INTEGER)] AS age_band, " + label + " AS label FROM range(" + from + ", " + to + ")";
                String select = "SELECT sex, ['Asian', 'Black', 'Hispanic', 'Native American', 'White'][1 + race_code] AS race, "
                        + "age_band, " + score + " AS score, CASE WHEN " + score + " >= 0.5 THEN 1 ELSE 0 END AS prediction, label "
                        + "FROM (" + rowsSql + ")";
                Path file = lake.resolve(String.format(Locale.ROOT, "part-%05d.parquet", part));
                s.execute("COPY (" + select + ") TO " + Sql.literal(file.toString())
                        + " (FORMAT parquet, COMPRESSION zstd, ROW_GROUP_SIZE 500000)");
            }
        }
        Files.createFile(done);
        return lake;
    }

    /** Column types as DuckDB names them (the names the profile and Spark's typeName give). */
    private static Map<String, String> types(DuckDb duckDb, Path lake) throws SQLException {
        Map<String, String> types = new LinkedHashMap<>();
        try (Connection c = duckDb.open(); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("DESCRIBE SELECT * FROM read_parquet("
                     + Sql.literal(lake.resolve("*.parquet").toString()) + ")")) {
            while (r.next()) {
                types.put(r.getString("column_name"), r.getString("column_type"));
            }
        }
        return types;
    }

    private static long size(Path lake) throws java.io.IOException {
        List<Path> files = new ArrayList<>();
        try (var listing = Files.list(lake)) {
            listing.forEach(files::add);
        }
        long bytes = 0;
        for (Path file : files) {
            bytes += Files.size(file);
        }
        return bytes;
    }
}
