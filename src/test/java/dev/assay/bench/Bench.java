package dev.assay.bench;

import dev.assay.audit.AuditEngine;
import dev.assay.dataset.CsvStructureCheck;
import dev.assay.dataset.DatasetFormat;
import dev.assay.dataset.ParquetIngest;
import dev.assay.dataset.Spool;
import dev.assay.demo.DemoSeeder;
import dev.assay.demo.LoanApplications;
import dev.assay.infrastructure.DuckDb;
import dev.assay.infrastructure.Sql;
import dev.assay.metric.MetricParameters;
import dev.assay.policy.PolicyCatalog;
import dev.assay.policy.PolicyParser;
import dev.assay.registry.ModelCardParser;

import java.io.InputStream;
import java.io.Writer;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The walking skeleton's benchmark: N synthetic rows through the real ingest path (spool with
 * SHA-256 and CSV check, DuckDB describe, Parquet, profile) against a bare DuckDB COPY of the same
 * file, then the four-fifths audit. Prints rows, bytes, MB/s, seconds and peak heap.
 *
 * <p>Run: {@code ./mvnw -Pbench test -Dbench.rows=10000000} (the JVM has -Xmx512m).
 */
public final class Bench {

    public static void main(String[] args) throws Exception {
        long rows = args.length > 0 ? Long.parseLong(args[0]) : 10_000_000L;
        String only = args.length > 1 ? args[1] : "all";
        Path dir = Path.of("target", "bench");
        Files.createDirectories(dir);
        if (!only.equals("all")) {
            // -Dbench.only=catalogue | quality | audit | window: one section, for a quick re-measure; spark: issue 18's
            // figures on DuckDB and a Spark cluster (not in "all": it needs the cluster running).
            DuckDb duckDb = new DuckDb("1GB", Runtime.getRuntime().availableProcessors(), dir);
            switch (only) {
                case "catalogue" -> fairnessCatalogue(rows, dir, duckDb);
                case "multiclass" -> multiclassCatalogue(rows, dir, duckDb);
                case "quality" -> qualityAndDrift(rows, dir, duckDb);
                case "audit" -> AuditBench.run(rows, dir, duckDb);
                case "window" -> WindowBench.run(rows, dir, duckDb);
                case "spark" -> SparkBench.run(rows, dir, duckDb);
                default -> throw new IllegalArgumentException("bench.only: all, catalogue, multiclass, quality, audit, window or spark, not " + only);
            }
            return;
        }
        Path csv = dir.resolve("loans-" + rows + ".csv");
        if (!Files.exists(csv)) {
            long t = System.nanoTime();
            try (Writer w = Files.newBufferedWriter(csv, StandardCharsets.UTF_8)) {
                LoanApplications.write(w, rows, 0, LoanApplications.BIASED, 42);
            }
            System.out.printf(Locale.ROOT, "generated %,d rows in %.1f s%n", rows, seconds(t));
        }
        long bytes = Files.size(csv);
        DuckDb duckDb = new DuckDb("1GB", Runtime.getRuntime().availableProcessors(), dir);
        resetPeaks();

        // 1. Bare DuckDB: CSV -> Parquet with auto-detection, nothing else.
        Path bare = dir.resolve("bare.parquet");
        Files.deleteIfExists(bare);
        long t0 = System.nanoTime();
        try (Connection c = duckDb.open(); Statement s = c.createStatement()) {
            s.execute("COPY (SELECT * FROM read_csv(" + Sql.literal(csv.toString()) + ")) TO "
                    + Sql.literal(bare.toString()) + " (FORMAT parquet, COMPRESSION zstd, ROW_GROUP_SIZE 1000000)");
        }
        double bareSeconds = seconds(t0);

        // 2. Assay's ingest path, as DatasetService runs it.
        Path spooled = dir.resolve("spooled.csv");
        Path parquet = dir.resolve("ingested.parquet");
        Files.deleteIfExists(spooled);
        Files.deleteIfExists(parquet);
        long t1 = System.nanoTime();
        CsvStructureCheck check = new CsvStructureCheck();
        Spool.Spooled file;
        try (InputStream in = Files.newInputStream(csv)) {
            file = Spool.write(in, spooled, Long.MAX_VALUE, check);
        }
        double spoolSeconds = seconds(t1);
        if (check.finish().isPresent()) {
            throw new IllegalStateException("generated CSV is not well-formed: " + check.finish());
        }
        ParquetIngest ingest = new ParquetIngest(duckDb);
        ParquetIngest.Source source = new ParquetIngest.Source(spooled, DatasetFormat.CSV, check.delimiter());
        long t3 = System.nanoTime();
        if (!check.header().containsAll(card().columns().named())) {
            ingest.describe(source);
        }
        double describeSeconds = seconds(t3);
        long t4 = System.nanoTime();
        ingest.writeParquet(source, parquet);
        double writeSeconds = seconds(t4);
        long t5 = System.nanoTime();
        ParquetIngest.Profile profile = ingest.profile(parquet);
        double profileSeconds = seconds(t5);
        double ingestSeconds = seconds(t1);

        // 3. The four-fifths audit on the stored Parquet (best of 3: the first run warms the JIT).
        Map<String, String> types = new LinkedHashMap<>();
        profile.columns().forEach(c -> types.put(c.name(), c.type()));
        var card = card();
        var policy = PolicyParser.parse(PolicyCatalog.readBuiltIn("eeoc-four-fifths"));
        AuditEngine engine = new AuditEngine(duckDb, MetricParameters.DEFAULTS);
        double auditSeconds = Double.MAX_VALUE;
        AuditEngine.Evaluation outcome = null;
        for (int i = 0; i < 3; i++) {
            long t2 = System.nanoTime();
            outcome = engine.run(card, types, parquet, List.of(policy), List.of());
            auditSeconds = Math.min(auditSeconds, seconds(t2));
        }

        double mb = bytes / 1e6;
        System.out.println();
        System.out.println("Assay bench (walking skeleton)");
        System.out.printf(Locale.ROOT, "rows                 %,d%n", profile.rows());
        System.out.printf(Locale.ROOT, "CSV bytes            %,d (%.0f MB), sha256 %s%n", bytes, mb, file.sha256().substring(0, 16));
        System.out.printf(Locale.ROOT, "bare DuckDB COPY     %.2f s  (%.0f MB/s)%n", bareSeconds, mb / bareSeconds);
        System.out.printf(Locale.ROOT, "Assay ingest         %.2f s  (%.0f MB/s, %.2fx bare)%n", ingestSeconds, mb / ingestSeconds,
                ingestSeconds / bareSeconds);
        System.out.printf(Locale.ROOT, "  spool              %.2f s  (to disk with SHA-256 and CSV structure check, as the upload streams in)%n",
                spoolSeconds);
        System.out.printf(Locale.ROOT, "  card columns       %.2f s  (from the CSV header)%n", describeSeconds);
        System.out.printf(Locale.ROOT, "  write Parquet      %.2f s%n", writeSeconds);
        System.out.printf(Locale.ROOT, "  profile            %.2f s%n", profileSeconds);
        System.out.printf(Locale.ROOT, "  after the upload   %.2f s  (%.2fx bare)%n", ingestSeconds - spoolSeconds,
                (ingestSeconds - spoolSeconds) / bareSeconds);
        System.out.printf(Locale.ROOT, "four-fifths audit    %.3f s  (decision %s)%n", auditSeconds, outcome.decision().verdict());
        System.out.printf(Locale.ROOT, "peak heap            %.0f MB (max %d MB)%n", peakHeapBytes() / 1e6,
                Runtime.getRuntime().maxMemory() >> 20);
        Files.deleteIfExists(spooled);

        fairnessCatalogue(rows, dir, duckDb);
        qualityAndDrift(rows, dir, duckDb);
        AuditBench.run(rows, dir, duckDb);
    }

    /**
     * Issue 4's figure: N rows of 20 columns against an N-row baseline drawn with another seed (one
     * numeric column shifted): every data-quality metric of every column, drift on every column, and
     * re-identification risk on 4 quasi-identifiers.
     */
    private static void qualityAndDrift(long rows, Path dir, DuckDb duckDb) throws Exception {
        Path evaluation = dir.resolve("twenty-" + rows + "-a.parquet");
        Path baseline = dir.resolve("twenty-" + rows + "-b.parquet");
        long t = System.nanoTime();
        try (Connection c = duckDb.open(); Statement s = c.createStatement()) {
            for (Path file : List.of(evaluation, baseline)) {
                if (Files.exists(file)) {
                    continue;
                }
                int salt = file == evaluation ? 1 : 2;
                double shift = file == evaluation ? 0.3 : 0.0;
                StringBuilder select = new StringBuilder("SELECT range AS id");
                String u = "(hash(range, %d) %% 1000000) / 1000000.0";
                select.append(", CASE WHEN ").append(u.formatted(salt * 10 + 1)).append(" < 0.5 THEN 'F' ELSE 'M' END AS sex")
                        .append(", ['Asian', 'Black', 'Hispanic', 'Native American', 'White'][1 + CAST(floor(5 * ")
                        .append(u.formatted(salt * 10 + 2)).append(") AS INTEGER)] AS race")
                        .append(", 18 + CAST(floor(72 * ").append(u.formatted(salt * 10 + 3)).append(") AS INTEGER) AS age")
                        .append(", 100 + CAST(floor(100 * ").append(u.formatted(salt * 10 + 4)).append(") AS INTEGER) AS zip3")
                        .append(", round(").append(u.formatted(salt * 10 + 5)).append(", 3) AS score")
                        .append(", CASE WHEN ").append(u.formatted(salt * 10 + 5)).append(" >= 0.5 THEN 1 ELSE 0 END AS prediction")
                        .append(", CASE WHEN ").append(u.formatted(salt * 10 + 6)).append(" < 0.4 THEN 1 ELSE 0 END AS label");
                for (int i = 1; i <= 6; i++) {
                    select.append(", round(").append(i == 1 ? shift : 0).append(" + 10 * ").append(u.formatted(salt * 100 + i))
                            .append(", 2) AS n").append(i);
                }
                for (int i = 1; i <= 6; i++) {
                    select.append(", 'k' || CAST(floor(").append(3 * i).append(" * ").append(u.formatted(salt * 1000 + i))
                            .append(") AS INTEGER) AS k").append(i);
                }
                s.execute("COPY (" + select + " FROM range(" + rows + ")) TO " + Sql.literal(file.toString()) + " (FORMAT parquet)");
            }
        }
        double generated = seconds(t);
        Map<String, String> types = types(duckDb, evaluation);
        Map<String, String> baselineTypes = types(duckDb, baseline);
        var card = benchCard("bench-quality", """
                  id: id
                  protected: [sex, race]
                  quasiIdentifiers: [sex, race, age, zip3]
                """);
        List<String> quality = List.of("row_count", "duplicate_rows", "completeness", "distinct_count", "uniqueness", "minimum",
                "maximum", "schema_conformance", "prediction_validity", "k_anonymity", "rows_below_k", "prosecutor_risk_max",
                "prosecutor_risk_avg", "sample_uniqueness");
        List<String> drift = List.of("population_stability_index", "ks_statistic", "wasserstein_distance", "chi_square",
                "jensen_shannon_distance", "drift_detected", "drift_share");
        AuditEngine engine = new AuditEngine(duckDb, MetricParameters.DEFAULTS);
        resetPeaks();
        double qualitySeconds = Double.MAX_VALUE;
        double driftSeconds = Double.MAX_VALUE;
        double togetherSeconds = Double.MAX_VALUE;
        List<String> all = new java.util.ArrayList<>(quality);
        all.addAll(drift);
        AuditEngine.Evaluation outcome = null;
        for (int i = 0; i < 2; i++) {
            // The workload as one audit (as the data-quality-baseline pack asks for it): the scans
            // are planned together, so what one counts another need not count again.
            long all0 = System.nanoTime();
            engine.run(card, types, evaluation, baseline, baselineTypes, List.of(), all);
            togetherSeconds = Math.min(togetherSeconds, seconds(all0));
            long q = System.nanoTime();
            engine.run(card, types, evaluation, baseline, baselineTypes, List.of(), quality);
            qualitySeconds = Math.min(qualitySeconds, seconds(q));
            long d = System.nanoTime();
            outcome = engine.run(card, types, evaluation, baseline, baselineTypes, List.of(), drift);
            driftSeconds = Math.min(driftSeconds, seconds(d));
        }
        System.out.println();
        System.out.println("Assay bench (data quality, drift, re-identification)");
        System.out.printf(Locale.ROOT, "rows                 %,d x %d columns, and a %,d-row baseline (%s)%n",
                rows, types.size(), rows, generated < 0.5 ? "reused from target/bench" : String.format(Locale.ROOT,
                        "generated in %.1f s", generated));
        System.out.printf(Locale.ROOT, "quality + risk       %d ids on every column, k-anonymity on 4 quasi-identifiers: %.3f s%n",
                quality.size(), qualitySeconds);
        System.out.printf(Locale.ROOT, "drift                %d ids on %d columns against the baseline: %.3f s (%s)%n",
                drift.size(), types.size() - 1, driftSeconds, outcome.metrics().stream()
                        .filter(m -> m.metric().equals("drift_share")).findFirst().map(m -> m.note()).orElse(""));
        System.out.printf(Locale.ROOT, "together             %.3f s in one audit (target < 3 s); %.3f s as two audits%n",
                togetherSeconds, qualitySeconds + driftSeconds);
        System.out.printf(Locale.ROOT, "peak heap            %.0f MB%n", peakHeapBytes() / 1e6);
    }

    /**
     * Issue 3's figure: N rows with three protected attributes (sex, race with 5 categories, age band
     * with 4) and a score; every metric of the catalogue for each attribute and every pairwise
     * intersection, with intervals and tests.
     */
    private static void fairnessCatalogue(long rows, Path dir, DuckDb duckDb) throws Exception {
        Path csv = dir.resolve("people-" + rows + ".csv");
        Path parquet = dir.resolve("people-" + rows + ".parquet");
        if (!Files.exists(parquet)) {
            java.util.SplittableRandom r = new java.util.SplittableRandom(7);
            String[] races = {"Asian", "Black", "Hispanic", "Native American", "White"};
            double[] raceCut = {0.06, 0.19, 0.37, 0.39, 1.0};
            String[] bands = {"18-29", "30-44", "45-59", "60+"};
            try (Writer w = Files.newBufferedWriter(csv, StandardCharsets.UTF_8)) {
                w.write("id,sex,race,age_band,score,prediction,label\n");
                StringBuilder line = new StringBuilder();
                for (long i = 0; i < rows; i++) {
                    double u = r.nextDouble();
                    int race = 0;
                    while (u > raceCut[race]) {
                        race++;
                    }
                    int label = r.nextDouble() < 0.4 ? 1 : 0;
                    double score = Math.min(1, Math.max(0, 0.35 + 0.3 * label - 0.03 * race + 0.2 * (r.nextDouble() - 0.5)));
                    line.setLength(0);
                    line.append(i).append(',').append(r.nextBoolean() ? "F" : "M").append(',').append(races[race]).append(',')
                            .append(bands[r.nextInt(4)]).append(',').append(String.format(Locale.ROOT, "%.3f", score)).append(',')
                            .append(score >= 0.5 ? 1 : 0).append(',').append(label).append('\n');
                    w.append(line);
                }
            }
            ParquetIngest ingest = new ParquetIngest(duckDb);
            ingest.writeParquet(new ParquetIngest.Source(csv, DatasetFormat.CSV, ','), parquet);
            Files.deleteIfExists(csv);
        }
        resetPeaks();
        Map<String, String> types = types(duckDb, parquet);
        var card = benchCard("bench", """
                  protected: [sex, race, age_band]
                """);
        List<String> ids = List.copyOf(dev.assay.metric.engine.MetricCatalogue.ids());
        // A change from the approved version reads its base metric, whose scan may not be the counts one.
        var countIds = ids.stream().filter(id -> dev.assay.metric.engine.MetricCatalogue.find(id).orElseThrow().source()
                == dev.assay.metric.MetricDefinition.Source.COUNTS
                && !dev.assay.metric.performance.ChangeFromApproved.isChange(id)).toList();
        var outcomeIds = outcomeIds();
        double everythingSeconds = timeAudit(card, types, parquet, duckDb, ids);
        AuditEngine.Evaluation everythingRun = lastOutcome;
        double countsSeconds = timeAudit(card, types, parquet, duckDb, countIds);
        double outcomeSeconds = timeAudit(card, types, parquet, duckDb, outcomeIds);
        AuditEngine.Evaluation outcomeRun = lastOutcome;
        System.out.println();
        System.out.println("Assay bench (fairness and performance catalogue)");
        System.out.printf(Locale.ROOT, "rows                 %,d (sex, race x5, age band x4, score)%n", rows);
        System.out.printf(Locale.ROOT, "every metric         %d ids over 6 scopes (3 attributes, 3 pairwise intersections): %.3f s%n",
                ids.size(), everythingSeconds);
        System.out.printf(Locale.ROOT, "  %,d values, %,d findings, %,d tested comparisons%n", everythingRun.metrics().size(),
                everythingRun.findings().size(), everythingRun.metrics().stream().filter(v -> v.test() != null).count());
        System.out.printf(Locale.ROOT, "counts-based metrics %d ids (rates, disparities, comparisons, indices; no score metrics): %.3f s%n",
                countIds.size(), countsSeconds);
        System.out.printf(Locale.ROOT, "outcome metrics      %d ids (issue 3: counts, scores, exact AUC, regression; %,d values, %,d tested): %.3f s%n",
                outcomeIds.size(), outcomeRun.metrics().size(), outcomeRun.metrics().stream().filter(v -> v.test() != null).count(),
                outcomeSeconds);
        for (var source : List.of(dev.assay.metric.MetricDefinition.Source.SCORES, dev.assay.metric.MetricDefinition.Source.RANKS,
                dev.assay.metric.MetricDefinition.Source.REGRESSION)) {
            var of = outcomeIds.stream().filter(id -> dev.assay.metric.engine.MetricCatalogue.find(id).orElseThrow().source() == source).toList();
            System.out.printf(Locale.ROOT, "  of which %-10s %d ids alone: %.3f s%n", source.name().toLowerCase(Locale.ROOT), of.size(),
                    timeAudit(card, types, parquet, duckDb, of));
        }
        System.out.printf(Locale.ROOT, "peak heap            %.0f MB%n", peakHeapBytes() / 1e6);
    }

    /**
     * Issue 21 §1's figure: the counts-based catalogue (every rate, disparity, comparison and index of the counts, the
     * multiclass averages and matrix among them) over sex, race x5, age band x4 and their pairwise intersections, on N
     * rows of a binary model and on N rows of a 5-class model (grades A to E, A and B favorable) with the same
     * attributes; best of three each. Target: the multiclass run within 2x of the binary one.
     */
    private static void multiclassCatalogue(long rows, Path dir, DuckDb duckDb) throws Exception {
        String[] races = {"Asian", "Black", "Hispanic", "Native American", "White"};
        double[] raceCut = {0.06, 0.19, 0.37, 0.39, 1.0};
        String[] bands = {"18-29", "30-44", "45-59", "60+"};
        String[] grades = {"A", "B", "C", "D", "E"};
        Path binary = dir.resolve("people-binary-" + rows + ".parquet");
        Path multiclass = dir.resolve("people-grades-" + rows + ".parquet");
        for (Path parquet : List.of(binary, multiclass)) {
            if (Files.exists(parquet)) {
                continue;
            }
            boolean classes = parquet == multiclass;
            Path csv = dir.resolve(parquet.getFileName().toString().replace(".parquet", ".csv"));
            java.util.SplittableRandom r = new java.util.SplittableRandom(classes ? 21 : 7);
            try (Writer w = Files.newBufferedWriter(csv, StandardCharsets.UTF_8)) {
                w.write("id,sex,race,age_band,prediction,label\n");
                StringBuilder line = new StringBuilder();
                for (long i = 0; i < rows; i++) {
                    double u = r.nextDouble();
                    int race = 0;
                    while (u > raceCut[race]) {
                        race++;
                    }
                    line.setLength(0);
                    line.append(i).append(',').append(r.nextBoolean() ? "F" : "M").append(',').append(races[race]).append(',')
                            .append(bands[r.nextInt(4)]).append(',');
                    if (classes) {
                        int y = r.nextInt(5);
                        int p = r.nextDouble() < 0.7 - 0.05 * race ? y : r.nextInt(5);
                        line.append(grades[p]).append(',').append(grades[y]);
                    } else {
                        int y = r.nextDouble() < 0.4 ? 1 : 0;
                        int p = r.nextDouble() < 0.7 - 0.05 * race ? y : 1 - y;
                        line.append(p).append(',').append(y);
                    }
                    w.append(line.append('\n'));
                }
            }
            new ParquetIngest(duckDb).writeParquet(new ParquetIngest.Source(csv, DatasetFormat.CSV, ','), parquet);
            Files.deleteIfExists(csv);
        }
        String roles = """
                columns:
                  label: label
                  prediction: prediction
                  protected: [sex, race, age_band]
                """;
        var binaryCard = ModelCardParser.parseYaml("""
                model: bench
                version: "1"
                owner: bench@example.com
                task: binary-classification
                positiveLabel: 1
                favorableOutcome: 1
                """ + roles, "bench", "1");
        var gradesCard = ModelCardParser.parseYaml("""
                model: bench
                version: "1"
                owner: bench@example.com
                task: multiclass-classification
                classes: [A, B, C, D, E]
                favorableClasses: [A, B]
                """ + roles, "bench", "1");
        var countIds = dev.assay.metric.engine.MetricCatalogue.ids().stream().filter(id -> {
            var d = dev.assay.metric.engine.MetricCatalogue.find(id).orElseThrow();
            return d.source() == dev.assay.metric.MetricDefinition.Source.COUNTS && d.kind() != dev.assay.metric.MetricDefinition.Kind.COLUMN
                    && !dev.assay.metric.performance.ChangeFromApproved.isChange(id);
        }).toList();
        resetPeaks();
        double binarySeconds = timeAudit(binaryCard, types(duckDb, binary), binary, duckDb, countIds);
        AuditEngine.Evaluation binaryRun = lastOutcome;
        double gradesSeconds = timeAudit(gradesCard, types(duckDb, multiclass), multiclass, duckDb, countIds);
        AuditEngine.Evaluation gradesRun = lastOutcome;
        System.out.println();
        System.out.println("Assay bench (multiclass catalogue, issue 21)");
        System.out.printf(Locale.ROOT, "rows                 %,d each (sex, race x5, age band x4; 6 scopes)%n", rows);
        System.out.printf(Locale.ROOT, "binary model         %d counts-based ids: %.3f s (%,d values, %,d findings)%n", countIds.size(),
                binarySeconds, binaryRun.metrics().size(), binaryRun.findings().size());
        System.out.printf(Locale.ROOT, "5-class model        %d counts-based ids: %.3f s (%,d values, %,d findings)%n", countIds.size(),
                gradesSeconds, gradesRun.metrics().size(), gradesRun.findings().size());
        System.out.printf(Locale.ROOT, "ratio                %.2fx (target <= 2x)%n", gradesSeconds / binarySeconds);
        System.out.printf(Locale.ROOT, "peak heap            %.0f MB%n", peakHeapBytes() / 1e6);
    }

    /** Column types as the profile reports them. */
    private static Map<String, String> types(DuckDb duckDb, Path parquet) throws java.sql.SQLException {
        Map<String, String> types = new LinkedHashMap<>();
        new ParquetIngest(duckDb).profile(parquet).columns().forEach(c -> types.put(c.name(), c.type()));
        return types;
    }

    /** A binary classifier's card over label, prediction and score columns, with the roles given. */
    static dev.assay.registry.ModelCard benchCard(String model, String roles) {
        return ModelCardParser.parseYaml("""
                model: %s
                version: "1"
                owner: bench@example.com
                task: binary-classification
                positiveLabel: 1
                favorableOutcome: 1
                columns:
                  label: label
                  prediction: prediction
                  score: score
                """.formatted(model) + roles, model, "1");
    }

    private static AuditEngine.Evaluation lastOutcome;

    /** Issue 3's catalogue: the metrics of the model's outcomes (counts, scores, the exact AUC, regression). */
    static List<String> outcomeIds() {
        var sources = java.util.Set.of(dev.assay.metric.MetricDefinition.Source.COUNTS,
                dev.assay.metric.MetricDefinition.Source.SCORES, dev.assay.metric.MetricDefinition.Source.RANKS,
                dev.assay.metric.MetricDefinition.Source.REGRESSION);
        return dev.assay.metric.engine.MetricCatalogue.ids().stream()
                .filter(id -> sources.contains(dev.assay.metric.engine.MetricCatalogue.find(id).orElseThrow().source())
                        && !dev.assay.metric.performance.ChangeFromApproved.isChange(id)).toList();
    }

    /** A pack with one warn rule per metric id over sex, race, age band and their pairwise intersections. */
    static dev.assay.policy.Policy everyMetricPolicy(List<String> ids) {
        StringBuilder yaml = new StringBuilder("id: bench-everything\nversion: 1.0.0\ntitle: Every metric\nrules:\n");
        for (String id : ids) {
            yaml.append("  - id: r-").append(id.replace('_', '-')).append("\n    metric: ").append(id)
                    .append("\n    scope: [sex, race, age_band, \"sex*race\", \"sex*age_band\", \"race*age_band\"]")
                    .append(DECLARATIONS.getOrDefault(id, ""))
                    .append("\n    threshold: {comparator: \">=\", value: -1000000}\n    severity: warn\n");
        }
        return PolicyParser.parse(yaml.toString());
    }

    /** What the column checks read from their rule, so that every metric id can be timed. */
    private static final Map<String, String> DECLARATIONS = Map.of(
            "type_validity", "\n    parameters: {type: string}",
            "allowed_values", "\n    parameters: {allowedValues: [F, M, Asian, Black, Hispanic, White]}",
            "value_range", "\n    parameters: {range: {min: 0, max: 1}}",
            "pattern_match", "\n    parameters: {pattern: \"^[A-Z]\"}",
            "selection_rate_at_k", "\n    parameters: {share: 0.2}",
            "impact_ratio_at_k", "\n    parameters: {share: 0.2}");

    /** Best of three audits with one warn rule per metric id over every attribute and pairwise intersection. */
    private static double timeAudit(dev.assay.registry.ModelCard card, Map<String, String> types, Path parquet, DuckDb duckDb,
                                    List<String> ids) throws Exception {
        var everything = everyMetricPolicy(ids);
        AuditEngine engine = new AuditEngine(duckDb, MetricParameters.DEFAULTS);
        double best = Double.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            long t = System.nanoTime();
            AuditEngine.Evaluation outcome = engine.run(card, types, parquet, List.of(everything), List.of());
            best = Math.min(best, seconds(t));
            lastOutcome = outcome;
        }
        return best;
    }

    private static dev.assay.registry.ModelCard card() {
        return ModelCardParser.parseYaml(DemoSeeder.card("1.0.0"), DemoSeeder.MODEL, "1.0.0");
    }

    static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    static void resetPeaks() {
        ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
    }

    static long peakHeapBytes() {
        return ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> p.getType() == MemoryType.HEAP)
                .mapToLong(p -> p.getPeakUsage().getUsed()).sum();
    }
}
