package dev.assay.harness;

import dev.assay.metric.MetricDefinition;
import dev.assay.metric.engine.MetricCatalogue;
import dev.assay.metric.MetricValue;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The differential harness: generated tables through the real ingest and engine on DuckDB, against
 * plain row-by-row reference implementations (Ref* in this package), family by family.
 */
class DifferentialPropertiesTest {

    private static Path dir;

    @BeforeContainer
    static void createDir() throws Exception {
        dir = Files.createTempDirectory("assay-harness");
    }

    @AfterContainer
    static void deleteDir() throws Exception {
        if (SURVEY) {
            Files.writeString(Path.of("target", "harness-survey.txt"), Survey.report());
        }
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    /** Ids of the catalogue with no reference here (see README of the harness in the report). */
    static final Set<String> NOT_REFERENCED = Set.of("documentation_completeness", "prohibited_feature");

    /**
     * Changes from the approved version read their base's source but need an approved version, which the harness's
     * single tables have none of: they have their own references (PairedPlanPropertiesTest, ChangeFromApprovedTest).
     */
    static final Predicate<String> NOT_A_CHANGE = id -> !id.endsWith("_change_from_approved");

    /** Outcome ids (counts) the reference covers. */
    static final Predicate<String> OUTCOME_IDS = id -> {
        MetricDefinition d = MetricCatalogue.find(id).orElseThrow();
        return d.source() == MetricDefinition.Source.COUNTS && d.kind() != MetricDefinition.Kind.COLUMN
                && !NOT_REFERENCED.contains(id) && NOT_A_CHANGE.test(id);
    };

    @Provide
    Arbitrary<Table> tables() {
        return Generators.tables(!Boolean.getBoolean("harness.finite"));
    }

    @Provide
    Arbitrary<Table> finiteTables() {
        return Generators.tables(false);
    }

    static List<String> ids(Predicate<String> which) {
        return MetricCatalogue.ids().stream().filter(which).sorted().toList();
    }

    /** With -Dharness.survey, properties record every mismatch (see {@link Survey}) instead of failing. */
    static final boolean SURVEY = System.getProperty("harness.survey") != null;

    private static void check(String property, Table t, Predicate<String> which, Expected expected, Map<String, MetricValue> actual,
                              boolean presence) {
        check(property, t, t.toString(), which, expected, actual, presence);
    }

    private static void check(String property, Table t, String shown, Predicate<String> which, Expected expected,
                              Map<String, MetricValue> actual, boolean presence) {
        if (actual == null) {
            return;
        }
        List<String> mismatches = expected.compare(actual, which, presence);
        if (SURVEY) {
            Survey.record(property, t.rows().size(), shown, mismatches);
            return;
        }
        assertTrue(mismatches.isEmpty(), () -> mismatches.size() + " mismatches, first " + mismatches.subList(0,
                Math.min(8, mismatches.size())) + "\non " + shown);
    }

    private static Map<String, MetricValue> audit(Table t, List<String> metrics) throws Exception {
        return Engine.audit(Engine.csv(dir, t.csv()), t.weighted(), metrics, null);
    }

    /** Counts, every confusion rate, comparisons with the reference group, disparities, inequality indices. */
    @Property(tries = 40)
    void outcomesMatchTheReference(@ForAll("tables") Table t) throws Exception {
        Expected e = new Expected();
        RefOutcomes.expect(Obs.of(t), e);
        check("outcomes", t, OUTCOME_IDS, e, audit(t, ids(OUTCOME_IDS)), true);
    }

    static final Predicate<String> SCORE_IDS = NOT_A_CHANGE.and(id -> {
        MetricDefinition.Source s = MetricCatalogue.find(id).orElseThrow().source();
        return s == MetricDefinition.Source.SCORES || s == MetricDefinition.Source.RANKS;
    });

    static final Set<String> AT_IDS = Set.of("calibration", "selection_rate_at_threshold", "true_positive_rate_at_threshold",
            "false_positive_rate_at_threshold");

    /** Brier, log loss, calibration, ECE, threshold sweeps, exact AUC, LL144 scoring rates: every value the engine reports. */
    @Property(tries = 40)
    void scoresMatchTheReference(@ForAll("tables") Table t) throws Exception {
        Expected e = new Expected();
        RefScores.expect(Obs.of(t), e);
        // Values at a threshold or bin: compared where reported; whether all are reported is the next property.
        Map<String, MetricValue> actual = audit(t, ids(SCORE_IDS));
        check("scores", t, SCORE_IDS.and(id -> !AT_IDS.contains(id)), e, actual, true);
        check("scores-at", t, AT_IDS::contains, e, actual, false);
    }

    /** An audit's values include every threshold of a sweep and every calibration bin of every group. */
    @Property(tries = 10)
    void everyThresholdAndBinIsReported(@ForAll("finiteTables") Table t) throws Exception {
        Expected e = new Expected();
        RefScores.expect(Obs.of(t), e);
        check("scores-at-presence", t, AT_IDS::contains, e, audit(t, ids(AT_IDS::contains)), true);
    }

    /** The ranking's metrics (the fairness family's own scan). */
    static final Predicate<String> RANKING_IDS = id -> MetricCatalogue.find(id).orElseThrow().source()
            .equals(dev.assay.metric.fairness.FairnessFamily.RANKING_SOURCE);

    /** Exposure of the whole ranking, normalized, and its ratio across groups; the shortlist's metrics undefined without a cut. */
    @Property(tries = 15)
    void rankingMatchesTheReference(@ForAll("tables") Table t) throws Exception {
        Expected e = new Expected();
        RefRanking.expect(Obs.of(t), e);
        check("ranking", t, RANKING_IDS, e, audit(t, ids(RANKING_IDS)), true);
    }

    static final Predicate<String> REGRESSION_IDS = NOT_A_CHANGE.and(id -> MetricCatalogue.find(id).orElseThrow().source()
            == MetricDefinition.Source.REGRESSION);

    /** Mean absolute error, RMSE, r2, mean prediction and its spread across groups. */
    @Property(tries = 30)
    void regressionMatchesTheReference(@ForAll("tables") Table t) throws Exception {
        Engine.Ingested data = Engine.csv(dir, t.csv());
        Expected e = new Expected();
        RefRegression.expect(Obs.of(t), data.types(), e);
        check("regression", t, REGRESSION_IDS, e, Engine.audit(data, t.weighted(), ids(REGRESSION_IDS), null), true);
    }

    static final Predicate<String> QUALITY_IDS = id -> MetricCatalogue.find(id).orElseThrow().source() == MetricDefinition.Source.QUALITY;

    /** Completeness, distinct values, uniqueness, extremes, duplicates; k-anonymity, risks, l-diversity. */
    @Property(tries = 30)
    void qualityAndPrivacyMatchTheReference(@ForAll("tables") Table t) throws Exception {
        Engine.Ingested data = Engine.csv(dir, t.csv());
        Expected e = new Expected();
        RefQuality.expect(t, data.types(), e);
        check("quality", t, QUALITY_IDS, e, Engine.audit(data, t.weighted(), ids(QUALITY_IDS), null), true);
    }

    @Provide
    Arbitrary<Table[]> driftPairs() {
        return Generators.driftPairs(!Boolean.getBoolean("harness.finite"));
    }

    static final List<String> DRIFT_COLUMNS = List.of("g", "s", "f1", "f2", "c");

    /** Drift of each column against a baseline table: PSI, KS, Wasserstein, chi-square, Jensen-Shannon. */
    @Property(tries = 25)
    void driftMatchesTheReference(@ForAll("driftPairs") Table[] pair) throws Exception {
        Table t = pair[0];
        Table base = pair[1];
        Engine.Ingested data = Engine.csv(dir, t.csv());
        Engine.Ingested baseline = Engine.csv(dir, base.csv());
        Expected e = new Expected();
        List<String> compared = DRIFT_COLUMNS.stream()
                .filter(c -> java.util.Objects.equals(data.types().get(c), baseline.types().get(c))).toList();
        for (String c : compared) {
            RefDrift.expect(c, RefQuality.column(t, c, data.types()), RefQuality.column(base, c, baseline.types()),
                    data.types().get(c), e);
        }
        Map<String, MetricValue> actual = new java.util.LinkedHashMap<>();
        Engine.audit(data, t.weighted(), RefDrift.IDS, baseline).forEach((k, v) -> {
            if (compared.contains(v.scope())) {
                actual.put(k, v);
            }
        });
        check("drift", new Table(false, java.util.stream.Stream.concat(t.rows().stream(), base.rows().stream()).toList()),
                "evaluation " + t + "\nbaseline " + base, RefDrift.IDS::contains, e, actual, true);
    }

    /** The same tables uploaded as Parquet, with real NaN and infinite doubles in numeric columns. */
    @Property(tries = 15)
    void parquetUploadsMatchTheReference(@ForAll("tables") Table t) throws Exception {
        Engine.Ingested data = Engine.parquet(dir, t.csv());
        Expected e = new Expected();
        List<Obs> rows = Obs.of(t);
        RefOutcomes.expect(rows, e);
        RefScores.expect(rows, e);
        RefQuality.expect(t, data.types(), e);
        Predicate<String> which = OUTCOME_IDS.or(SCORE_IDS).or(QUALITY_IDS);
        check("parquet", t, which.and(id -> !AT_IDS.contains(id)), e, Engine.audit(data, t.weighted(), ids(which), null), true);
    }
}
