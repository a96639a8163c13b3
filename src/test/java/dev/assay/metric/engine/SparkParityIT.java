package dev.assay.metric.engine;

import dev.assay.audit.AuditEngine;
import dev.assay.infrastructure.DuckDb;
import dev.assay.it.SharedData;
import dev.assay.it.SparkCluster;
import dev.assay.metric.MetricParameters;
import dev.assay.metric.MetricValue;
import dev.assay.metric.Tables;
import dev.assay.metric.scan.ScanEngine;
import dev.assay.policy.Finding;
import dev.assay.policy.Policy;
import dev.assay.policy.PolicyCatalog;
import dev.assay.policy.PolicyParser;
import dev.assay.registry.ModelCard;
import dev.assay.registry.ModelCardParser;
import dev.assay.stats.Interval;
import dev.assay.stats.SignificanceTests;
import org.apache.spark.sql.connect.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Issue 18, §1: the whole catalogue on both engines over the same Parquet files. Every metric of every
 * family ({@link MetricCatalogue#ids()}, wherever it applies) and every built-in pack's rules (which add
 * the intersections, the LL144 median's scoring rates, k-anonymity, the drift tests against a baseline,
 * exact AUC and KS), audited by the real {@link AuditEngine} on embedded DuckDB and on a real Spark
 * cluster through Spark Connect: the same values in the same order, counts equal exactly, every number
 * (value, interval, test statistic, p-value, adjusted p-value) equal to 1e-12 relative, the same
 * undefined values with the same reasons, the same findings and decision. The data: generated tables with
 * nulls, NaN and infinities, ties, empty and single-class groups, a one-row group, a prediction column
 * mixing 1, 1.0 and true, weights; a regression; an empty dataset; and COMPAS. And the states are
 * mergeable: the same dataset written by Spark as many part files gives the same values as one file.
 */
class SparkParityIT {

    private static Path dir;
    private static DuckDb duckDb;
    private static SparkSession session;
    private static List<Policy> policies;

    @BeforeAll
    static void start() throws Exception {
        dir = Files.createTempDirectory(Path.of(System.getProperty("java.io.tmpdir")), "assay-spark-parity");
        duckDb = DuckDb.withDefaults(dir);
        session = SparkEngine.session(SparkCluster.require());
        policies = new ArrayList<>();
        for (String id : PolicyCatalog.BUILT_IN) {
            policies.add(PolicyParser.parse(PolicyCatalog.readBuiltIn(id)));
        }
        policies.add(PolicyParser.parse(SHORTLIST));
        policies.add(PolicyParser.parse(CONTROLS));
    }

    /**
     * The ranking metrics at cuts no catalogue-wide audit gives (they read a rule's k or share): a k inside a tie of the
     * 0.05 grid, a share, exposure at k and over the whole ranking, on each attribute and the intersection.
     */
    private static final String SHORTLIST = """
            id: parity-shortlist
            version: 1.0.0
            title: Shortlist
            rules:
              - {id: ir-k, metric: impact_ratio_at_k, scope: [protected, intersection], parameters: {k: 101},
                 threshold: {comparator: ">=", value: 0.8}, severity: block, minimumGroupSize: 5}
              - {id: sr-share, metric: selection_rate_at_k, scope: [overall, protected], parameters: {share: 0.3},
                 threshold: {comparator: ">=", value: 0.1}, severity: warn}
              - {id: exposure-k, metric: normalized_discounted_exposure, scope: protected, parameters: {k: 57},
                 threshold: {between: [0.8, 1.25]}, severity: warn}
              - {id: exposure-whole, metric: exposure_ratio, scope: [protected, intersection],
                 threshold: {comparator: ">=", value: 0.8}, severity: warn, minimumGroupSize: 5}
            """;

    /**
     * Issue 21 §3 on both engines: strata of control columns (race's groups, C single-class and D unlabeled, missing
     * values an "(unknown)" stratum; c with blanks) combined by Mantel-Haenszel and judged within each stratum.
     */
    private static final String CONTROLS = """
            id: parity-controls
            version: 1.0.0
            title: Conditional fairness on both engines
            rules:
              - {id: within-race, metric: impact_ratio, scope: [sex], controls: [race], threshold: {comparator: ">=", value: 0.8},
                 severity: block, minimumGroupSize: 5}
              - {id: odds-within-c, metric: mantel_haenszel_odds_ratio, scope: [sex, race], controls: [c],
                 threshold: {comparator: ">=", value: 0.5}, severity: warn, minimumGroupSize: 5}
              - {id: gap-within-c, metric: true_positive_rate_difference, scope: [sex], controls: [c],
                 threshold: {comparator: "<=", value: 0.2}, severity: warn}
            """;

    @AfterAll
    static void stop() throws Exception {
        if (session != null) {
            session.close();
        }
        if (dir != null) {
            try (var files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static final String CARD = """
            model: parity
            version: "1"
            owner: o@example.com
            task: binary-classification
            positiveLabel: 1
            favorableOutcome: 1
            riskTier: high
            columns:
              id: id
              label: y
              prediction: p
              score: s
              protected: [sex, race]
              quasiIdentifiers: [zip, sex, age]
              sensitive: [c]
              features: [age, f2, contact]
            %s
            """;

    private static final String REGRESSION_CARD = """
            model: parity-regression
            version: "1"
            owner: o@example.com
            task: regression
            columns:
              label: amount
              prediction: amount_hat
              protected: [sex, race]
            """;

    /**
     * A table as files have them. Groups: sex F, M, a one-row X and missing; race A and B (both classes),
     * C (every label 1: single-class), D (no label at all: empty for every labeled metric), missing. The
     * prediction mixes 1, 1.0 and true (a text column read by meaning); scores lie on a 0.05 grid (ties, on
     * the bin edges) with NaN, infinities, blanks and values outside [0, 1]; weights 0 to 3.
     */
    static String csv(int rows, long seed, double shift) {
        Random r = new Random(seed);
        StringBuilder csv = new StringBuilder("id,sex,race,age,zip,y,p,s,w,f2,c,contact,amount,amount_hat\n");
        String[] ones = {"1", "1.0", "true"};
        String[] zeros = {"0", "0.0", "false"};
        for (int i = 0; i < rows; i++) {
            String sex = i == 7 ? "X" : r.nextInt(20) == 0 ? "" : r.nextBoolean() ? "F" : "M";
            int k = r.nextInt(20);
            String race = k < 8 ? "A" : k < 14 ? "B" : k < 17 ? "C" : k < 18 ? "D" : k < 19 ? "E" : "";
            String age = r.nextInt(15) == 0 ? "" : String.valueOf(18 + r.nextInt(50));
            String zip = String.valueOf(10000 + r.nextInt(r.nextInt(10) == 0 ? 400 : 6));
            boolean positive = r.nextDouble() < 0.4 + shift + (sex.equals("F") ? 0.15 : 0);
            String y = race.equals("C") ? "1" : race.equals("D") ? "" : r.nextInt(25) == 0 ? "NaN" : r.nextInt(20) == 0 ? ""
                    : positive ? "1" : "0";
            boolean predicted = r.nextDouble() < (positive ? 0.7 : 0.25);
            String p = r.nextInt(30) == 0 ? "" : (predicted ? ones : zeros)[r.nextInt(3)];
            int grid = Math.max(0, Math.min(20, (int) Math.round((positive ? 13 : 7) + r.nextGaussian() * 4 + shift * 10)));
            String s = switch (r.nextInt(40)) {
                case 0 -> "NaN";
                case 1 -> "inf";
                case 2 -> "";
                case 3 -> "1.5";
                case 4 -> "-0.25";
                default -> Double.toString(grid / 20.0);
            };
            String f2 = r.nextInt(30) == 0 ? "-inf" : Double.toString((r.nextInt(61) - 30) / 10.0 + shift);
            String c = r.nextInt(10) == 0 ? "" : String.valueOf("uvw".charAt(r.nextInt(3)));
            String contact = switch (r.nextInt(6)) {
                case 0 -> "person" + r.nextInt(50) + "@example.com";
                case 1 -> "+1 212 555 0" + (100 + r.nextInt(900));
                default -> "n/a";
            };
            double amount = 1000 + r.nextInt(400) * 2.5 + shift * 100;
            String amountHat = r.nextInt(25) == 0 ? "" : Double.toString(amount + r.nextInt(81) - 40 + 0.25);
            csv.append(String.join(",", "r" + seed + "-" + i, sex, race, age, zip, y, p, s, String.valueOf(r.nextInt(4)), f2, c,
                    contact, Double.toString(amount), amountHat)).append('\n');
        }
        return csv.toString();
    }

    private static Tables.Ingested ingest(String name, String csv) throws Exception {
        Path file = Files.writeString(dir.resolve(name + ".csv"), csv);
        return Tables.ingest(duckDb, file, ',', dir.resolve(name + ".parquet"));
    }

    private static ModelCard card(boolean weighted) {
        return ModelCardParser.parseYaml(CARD.formatted(weighted ? "  weight: w" : ""), "parity", "1");
    }

    private static AuditEngine.Evaluation audit(ScanEngine.Opener engines, ModelCard card, Tables.Ingested data, Path parquet,
                                                Tables.Ingested baseline) throws Exception {
        return new AuditEngine(engines, MetricParameters.DEFAULTS).run(card, data.types(), parquet,
                baseline == null ? null : baseline.parquet(), baseline == null ? Map.of() : baseline.types(), policies,
                List.copyOf(MetricCatalogue.ids()));
    }

    private static AuditEngine.Evaluation onDuckDb(ModelCard card, Tables.Ingested data, Tables.Ingested baseline) throws Exception {
        return audit(() -> DuckDbEngine.open(duckDb), card, data, data.parquet(), baseline);
    }

    private static AuditEngine.Evaluation onSpark(ModelCard card, Tables.Ingested data, Path parquet, Tables.Ingested baseline)
            throws Exception {
        return audit(() -> new SparkEngine(session), card, data, parquet, baseline);
    }

    @Test
    void theWholeCatalogueIsTheSameOnSparkUnweightedAndWeightedWithDrift() throws Exception {
        Tables.Ingested evaluation = ingest("evaluation", csv(600, 18, 0));
        Tables.Ingested baseline = ingest("baseline", csv(400, 19, 0.1));
        for (boolean weighted : new boolean[] {false, true}) {
            ModelCard card = card(weighted);
            AuditEngine.Evaluation duck = onDuckDb(card, evaluation, baseline);
            AuditEngine.Evaluation spark = onSpark(card, evaluation, evaluation.parquet(), baseline);
            assertSame(duck, spark, weighted ? "weighted" : "unweighted");
            assertTrue(duck.metrics().stream().anyMatch(v -> v.metric().equals("impact_ratio") && v.stratum() != null
                    && v.isDefined()), "a per-stratum impact ratio");
            assertCovers(duck, List.of("impact_ratio", "mantel_haenszel_impact_ratio", "mantel_haenszel_odds_ratio", "scoring_rate",
                    "k_anonymity", "l_diversity", "roc_auc", "ks_statistic",
                    "population_stability_index", "wasserstein_distance", "drift_share", "equalized_odds_difference",
                    "completeness", "pii_detected", "impact_ratio_at_k", "selection_rate_at_k", "normalized_discounted_exposure",
                    "exposure_ratio", "exposure"));
        }
    }

    @Test
    void regressionAndAnEmptyDatasetAreTheSameOnSpark() throws Exception {
        Tables.Ingested evaluation = ingest("regression", csv(300, 20, 0));
        ModelCard card = ModelCardParser.parseYaml(REGRESSION_CARD, "parity-regression", "1");
        assertSame(onDuckDb(card, evaluation, null), onSpark(card, evaluation, evaluation.parquet(), null), "regression");

        // An empty dataset: the evaluation table's columns and types, no row.
        Path typed = dir.resolve("empty-typed.parquet");
        try (var c = duckDb.open(); var s = c.createStatement()) {
            s.execute("COPY (SELECT * FROM read_parquet('" + evaluation.parquet() + "') LIMIT 0) TO '" + typed + "' (FORMAT parquet)");
        }
        Tables.Ingested none = new Tables.Ingested(typed, evaluation.types());
        ModelCard classification = card(false);
        assertSame(onDuckDb(classification, none, null), onSpark(classification, none, typed, null), "empty dataset");
    }

    /**
     * Mergeable states: Spark writes the evaluation table as 7 part files (rows dealt round-robin), read
     * back as one relation by 2 executors; every value is what one file gives, on Spark and on DuckDB.
     */
    @Test
    void manyPartitionsGiveTheStatesOfOneScan() throws Exception {
        Tables.Ingested evaluation = ingest("partitioned-source", csv(600, 18, 0));
        Tables.Ingested baseline = ingest("partitioned-baseline", csv(400, 19, 0.1));
        Path parts = dir.resolve("partitioned");
        session.read().parquet(evaluation.parquet().toString()).repartition(7).write().parquet(parts.toString());
        long files;
        try (var list = Files.list(parts)) {
            files = list.filter(p -> p.getFileName().toString().endsWith(".parquet")).count();
        }
        assertEquals(7, files, "part files");
        ModelCard card = card(true);
        AuditEngine.Evaluation oneFile = onDuckDb(card, evaluation, baseline);
        assertSame(oneFile, onSpark(card, evaluation, parts, baseline), "7 partitions");
    }

    /**
     * The LL144 median over more distinct scores than the histogram path takes (100,000): DuckDB's and
     * Spark's exact {@code median}, and the exact histogram path (forced by a frequency weight of 1 on
     * every row), all four the same number to 1e-12 relative; an even count, so the median is the mean of the middle two.
     */
    @Test
    void theMedianOfManyDistinctScoresIsExactOnEitherPath() throws Exception {
        Path scores = dir.resolve("scores.parquet");
        try (var c = duckDb.open(); var s = c.createStatement()) {
            s.execute("SELECT setseed(0.18)");
            s.execute("COPY (SELECT random() AS s, 1 AS w FROM range(150000)) TO '" + scores + "' (FORMAT parquet)");
        }
        double duckMedian;
        double duckHistogram;
        try (DuckDbEngine duck = DuckDbEngine.open(duckDb)) {
            duckMedian = dev.assay.metric.counts.AggregationPlan.median(duck, duck.table(scores), "s");
            duckHistogram = dev.assay.metric.counts.AggregationPlan.median(duck, duck.table(scores), "s", java.util.Optional.of("w"));
        }
        SparkEngine spark = new SparkEngine(session);
        double sparkMedian = dev.assay.metric.counts.AggregationPlan.median(spark, spark.table(scores), "s");
        double sparkHistogram = dev.assay.metric.counts.AggregationPlan.median(spark, spark.table(scores), "s", java.util.Optional.of("w"));
        double tolerance = 1e-12 * Math.abs(duckMedian);
        assertEquals(duckMedian, duckHistogram, tolerance);
        assertEquals(duckMedian, sparkMedian, tolerance);
        assertEquals(duckMedian, sparkHistogram, tolerance);
    }

    /**
     * Issue 21 §1: a multiclass model's whole catalogue (its class matrices, per-class values, averages, the matrix, the
     * disparities over classes, the binary packs through the favorable classes) on both engines, unweighted and
     * weighted. Grades A, B, C written as text; labels and predictions outside them ("Z", "a": text is exact) and
     * missing; a one-row sex X; race D with no label at all.
     */
    @Test
    void aMulticlassModelIsTheSameOnSpark() throws Exception {
        Random r = new Random(21);
        StringBuilder csv = new StringBuilder("id,sex,race,grade,predicted,w\n");
        String[] grades = {"A", "B", "C"};
        for (int i = 0; i < 500; i++) {
            String sex = i == 7 ? "X" : r.nextInt(20) == 0 ? "" : r.nextBoolean() ? "F" : "M";
            String race = r.nextInt(10) == 0 ? "D" : r.nextBoolean() ? "A" : "B";
            int y = r.nextInt(3);
            int p = r.nextDouble() < (sex.equals("F") ? 0.5 : 0.7) ? y : r.nextInt(3);
            String grade = race.equals("D") || r.nextInt(20) == 0 ? "" : r.nextInt(30) == 0 ? "Z" : grades[y];
            String predicted = r.nextInt(25) == 0 ? "" : r.nextInt(30) == 0 ? "a" : grades[p];
            csv.append("m").append(i).append(',').append(sex).append(',').append(race).append(',').append(grade).append(',')
                    .append(predicted).append(',').append(r.nextInt(4)).append('\n');
        }
        Tables.Ingested evaluation = ingest("multiclass", csv.toString());
        for (boolean weighted : new boolean[] {false, true}) {
            ModelCard card = ModelCardParser.parseYaml("""
                    model: grades
                    version: "1"
                    owner: o@example.com
                    task: multiclass-classification
                    classes: [A, B, C]
                    favorableClasses: [A]
                    riskTier: high
                    columns:
                      id: id
                      label: grade
                      prediction: predicted
                      protected: [sex, race]
                    """ + (weighted ? "  weight: w\n" : ""), "grades", "1");
            AuditEngine.Evaluation duck = onDuckDb(card, evaluation, null);
            assertSame(duck, onSpark(card, evaluation, evaluation.parquet(), null), weighted ? "multiclass weighted" : "multiclass");
            for (String m : List.of("f1_macro", "precision_micro", "confusion_matrix", "demographic_parity_difference",
                    "equalized_odds_ratio", "impact_ratio")) {
                assertTrue(duck.metrics().stream().anyMatch(v -> v.metric().equals(m) && v.isDefined()), "a defined " + m);
            }
            assertTrue(duck.metrics().stream().anyMatch(v -> "C".equals(v.outcomeClass()) && v.metric().equals("recall") && v.isDefined()));
        }
    }

    /** COMPAS (ProPublica's two-year file, 7,214 rows), as CompasProPublicaTest audits it, on both engines. */
    @Test
    void compasIsTheSameOnSpark() throws Exception {
        Path file = SharedData.require("compas/compas-scores-two-years.csv");
        Tables.Ingested compas = Tables.ingest(duckDb, file, ',', dir.resolve("compas.parquet"));
        ModelCard card = ModelCardParser.parseYaml("""
                model: compas
                version: "2016"
                owner: test@example.com
                task: binary-classification
                positiveLabel: 1
                positivePrediction: [Medium, High]
                favorableOutcome: Low
                columns:
                  id: id
                  label: two_year_recid
                  prediction: score_text
                  score: decile_score
                  protected: [race, sex]
                  quasiIdentifiers: [sex, age_cat, race]
                  sensitive: [c_charge_degree]
                """, "compas", "2016");
        assertSame(onDuckDb(card, compas, null), onSpark(card, compas, compas.parquet(), null), "COMPAS");
    }

    /** The audit computed each metric somewhere, and the impact ratio of the sex x race intersection (LL144's). */
    private static void assertCovers(AuditEngine.Evaluation e, List<String> metrics) {
        assertTrue(e.metrics().stream().anyMatch(v -> v.metric().equals("impact_ratio") && v.scope().contains("sex")
                && v.scope().contains("race") && v.isDefined()), "an intersection's impact ratio");
        for (String m : metrics) {
            assertTrue(e.metrics().stream().anyMatch(v -> v.metric().equals(m) && v.isDefined()), "a defined " + m);
        }
    }

    /** Both engines' evaluations, value by value (in order), finding by finding, and the decision. */
    static void assertSame(AuditEngine.Evaluation duck, AuditEngine.Evaluation spark, String what) {
        List<String> problems = new ArrayList<>();
        Map<String, MetricValue> sparkByKey = new LinkedHashMap<>();
        spark.metrics().forEach(v -> sparkByKey.put(key(v), v));
        for (MetricValue d : duck.metrics()) {
            MetricValue s = sparkByKey.remove(key(d));
            if (s == null) {
                problems.add("missing on Spark: " + d);
                continue;
            }
            compare(problems, key(d), d, s);
        }
        sparkByKey.values().forEach(s -> problems.add("only on Spark: " + s));
        assertEquals(duck.findings().size(), spark.findings().size(), what + ": findings");
        for (int i = 0; i < duck.findings().size(); i++) {
            Finding d = duck.findings().get(i);
            Finding s = spark.findings().get(i);
            String k = "finding " + d.rule() + "|" + d.scope() + "|" + d.group() + "|" + d.stratum() + "|" + d.outcomeClass();
            equal(problems, k + " rule/group", d.rule() + d.scope() + d.group() + d.stratum() + d.outcomeClass(),
                    s.rule() + s.scope() + s.group() + s.stratum() + s.outcomeClass());
            equal(problems, k + " n", d.n(), s.n());
            equal(problems, k + " outcome", d.outcome(), s.outcome());
            equal(problems, k + " effect", d.effect(), s.effect());
            equal(problems, k + " reason", d.reason(), s.reason());
            equal(problems, k + " note", d.note(), s.note());
            close(problems, k + " value", d.value(), s.value());
        }
        equal(problems, "decision", duck.decision(), spark.decision());
        if (!problems.isEmpty()) {
            fail(what + ": " + problems.size() + " differences between DuckDB and Spark (of " + duck.metrics().size() + " values):\n"
                    + String.join("\n", problems.subList(0, Math.min(40, problems.size()))));
        }
        System.out.println(what + ": " + duck.metrics().size() + " values, " + duck.findings().size()
                + " findings the same on DuckDB and Spark; so far " + compared + " numbers compared, " + inexact
                + " not bit for bit (largest relative difference " + largest + ")");
    }

    private static String key(MetricValue v) {
        return v.identity() + "|" + v.reference();
    }

    private static void compare(List<String> problems, String k, MetricValue d, MetricValue s) {
        equal(problems, k + " n", d.n(), s.n());
        equal(problems, k + " undefined", d.undefined(), s.undefined());
        equal(problems, k + " note", d.note(), s.note());
        close(problems, k + " value", d.value(), s.value());
        close(problems, k + " adjustedP", d.adjustedP(), s.adjustedP());
        Interval dc = d.ci();
        Interval sc = s.ci();
        if ((dc == null) != (sc == null)) {
            problems.add(k + " ci: " + dc + " vs " + sc);
        } else if (dc != null) {
            close(problems, k + " ci.lower", dc.lower(), sc.lower());
            close(problems, k + " ci.upper", dc.upper(), sc.upper());
        }
        SignificanceTests.Result dt = d.test();
        SignificanceTests.Result st = s.test();
        if ((dt == null) != (st == null)) {
            problems.add(k + " test: " + dt + " vs " + st);
        } else if (dt != null) {
            equal(problems, k + " test", dt.test(), st.test());
            close(problems, k + " statistic", dt.statistic(), st.statistic());
            close(problems, k + " p", dt.pValue(), st.pValue());
        }
    }

    private static void equal(List<String> problems, String what, Object duck, Object spark) {
        if (!Objects.equals(duck, spark)) {
            problems.add(what + ": DuckDB " + duck + ", Spark " + spark);
        }
    }

    /** Numbers compared, and how many of them differed at all (within the tolerance), for the record. */
    private static int compared;
    private static int inexact;
    private static double largest;

    /** Equal to 1e-12 relative (both null, both the same infinity, or both NaN count as equal). */
    private static void close(List<String> problems, String what, Double duck, Double spark) {
        if (duck == null || spark == null) {
            equal(problems, what, duck, spark);
            return;
        }
        compared++;
        if (duck.equals(spark)) {
            return;
        }
        double scale = Math.max(Math.abs(duck), Math.abs(spark));
        inexact++;
        largest = Math.max(largest, Math.abs(duck - spark) / scale);
        if (!(Math.abs(duck - spark) <= 1e-12 * scale)) {
            problems.add(what + ": DuckDB " + duck + ", Spark " + spark + " (relative " + Math.abs(duck - spark) / scale + ")");
        }
    }
}
