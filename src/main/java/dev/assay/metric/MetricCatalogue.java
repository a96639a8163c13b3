package dev.assay.metric;

import dev.assay.metric.documentation.DocumentationCompleteness;
import dev.assay.metric.drift.DriftMetrics;
import dev.assay.metric.fairness.Disparities;
import dev.assay.metric.fairness.GroupCount;
import dev.assay.metric.fairness.ImpactRatio;
import dev.assay.metric.fairness.InequalityIndices;
import dev.assay.metric.fairness.MeanScore;
import dev.assay.metric.fairness.ReferenceComparisons;
import dev.assay.metric.fairness.ScoringRate;
import dev.assay.metric.fairness.SelectionRate;
import dev.assay.metric.fairness.UnknownCount;
import dev.assay.metric.performance.ChangeFromApproved;
import dev.assay.metric.performance.ConfusionRates;
import dev.assay.metric.performance.F1Score;
import dev.assay.metric.privacy.LDiversity;
import dev.assay.metric.privacy.PiiDetected;
import dev.assay.metric.privacy.SpecialCategories;
import dev.assay.metric.privacy.ReidentificationRisk;
import dev.assay.metric.quality.ColumnChecks;
import dev.assay.metric.quality.LabelBalance;
import dev.assay.metric.quality.PredictionValidity;
import dev.assay.metric.quality.QualityMetrics;
import dev.assay.metric.quality.SchemaConformance;
import dev.assay.metric.performance.RegressionMetrics;
import dev.assay.metric.performance.RocAuc;
import dev.assay.metric.performance.ScoreMetrics;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Every metric Assay computes, by its fixed id. Besides the ids listed, any per-group rate
 * ({@code selection_rate}, {@code false_positive_rate}, ...) has derived disparities
 * {@code <rate>_difference}, {@code <rate>_ratio} (between groups) and
 * {@code <rate>_difference_to_overall}, {@code <rate>_ratio_to_overall}, as Fairlearn's
 * MetricFrame.difference() and ratio() give them.
 */
public final class MetricCatalogue {

    /** Where a metric's values live. */
    public enum Kind {
        /** One value per group of a scope, and one for the whole dataset. */
        PER_GROUP,
        /** One value per group of a scope, against a reference group of that scope: none overall. */
        GROUP_COMPARISON,
        /** One value per scope (attribute or intersection), comparing its groups. */
        PER_SCOPE,
        /** One value for the whole dataset. */
        DATASET,
        /** One value per column of the dataset (the scope is the column's name). */
        COLUMN
    }

    /** Which aggregation scans a metric reads. */
    public enum Source {
        COUNTS, REGRESSION, SCORES, RANKS, QUALITY, VALIDITY, DRIFT, PII
    }

    public record Definition(String id, Kind kind, Source source, GroupMetric computation) {
    }

    private static final Map<String, Definition> METRICS = new LinkedHashMap<>();
    private static final Map<String, GroupRate> RATES = new LinkedHashMap<>();

    static {
        RATES.put(GroupRate.SELECTION.id(), GroupRate.SELECTION);
        for (ConfusionRates r : ConfusionRates.values()) {
            RATES.put(r.id(), r);
        }
        perGroup(GroupCount.ID, (scope, a, p) -> GroupCount.all(scope.id(), a.groups(scope)));
        perGroup(SelectionRate.ID, (scope, a, p) -> SelectionRate.all(scope.id(), a.groups(scope), p.confidence()));
        for (ConfusionRates r : ConfusionRates.values()) {
            perGroup(r.id(), (scope, a, p) -> r.all(scope.id(), a.groups(scope), p.confidence()));
        }
        perGroup(F1Score.ID, (scope, a, p) -> F1Score.all(scope.id(), a.groups(scope)));
        perGroup(MeanScore.ID, (scope, a, p) -> MeanScore.all(scope.id(), a.groups(scope)));
        for (String id : ScoreMetrics.IDS) {
            fromScores(id, Source.SCORES, (scope, a, p) -> ScoreMetrics.all(id, scope.id(), a.scores(scope), p.confidence()));
        }
        fromScores(RocAuc.ID, Source.RANKS, (scope, a, p) -> {
            // A group none of whose rows has a score and a label has no ranks: its AUC is undefined, not absent.
            Map<GroupKey, RankState> ranks = new java.util.LinkedHashMap<>(a.ranks(scope));
            a.groups(scope).keySet().forEach(k -> ranks.putIfAbsent(k, RankState.EMPTY));
            return RocAuc.all(scope.id(), ranks, p.confidence());
        });
        for (String id : RegressionMetrics.PER_GROUP) {
            METRICS.put(id, new Definition(id, Kind.PER_GROUP, Source.REGRESSION, (scope, a, p) -> a.regression(scope).isEmpty()
                    ? List.of(MetricValue.undefined(id, scope.id(), null, 0, "needs a numeric label and prediction", null))
                    : RegressionMetrics.all(id, scope.id(), a.regression(scope))));
        }
        METRICS.put(RegressionMetrics.MEAN_PREDICTION_DIFFERENCE, new Definition(RegressionMetrics.MEAN_PREDICTION_DIFFERENCE,
                Kind.PER_SCOPE, Source.REGRESSION,
                (scope, a, p) -> List.of(RegressionMetrics.meanPredictionDifference(scope.id(), a.regression(scope)))));
        for (String id : List.of(QualityMetrics.ROW_COUNT, QualityMetrics.DUPLICATE_ROWS)) {
            METRICS.put(id, new Definition(id, Kind.DATASET, Source.QUALITY,
                    (scope, a, p) -> List.of(QualityMetrics.dataset(id, a.dataset()))));
        }
        for (String id : ReidentificationRisk.IDS) {
            METRICS.put(id, new Definition(id, Kind.DATASET, Source.QUALITY,
                    (scope, a, p) -> List.of(ReidentificationRisk.of(id, a.dataset()))));
        }
        for (String id : LDiversity.IDS) {
            METRICS.put(id, new Definition(id, Kind.COLUMN, Source.QUALITY,
                    (scope, a, p) -> List.of(LDiversity.of(id, scope.id(), a.dataset()))));
        }
        for (String id : QualityMetrics.COLUMN_IDS) {
            METRICS.put(id, new Definition(id, Kind.COLUMN, Source.QUALITY, (scope, a, p) -> {
                ColumnState c = a.columns().get(scope.attributes().get(0));
                return List.of(c == null ? MetricValue.undefined(id, scope.id(), null, 0, "no such column in the dataset", null)
                        : QualityMetrics.column(id, scope.id(), c, p.confidence()));
            }));
        }
        for (String id : ColumnChecks.IDS) {
            METRICS.put(id, new Definition(id, Kind.COLUMN, Source.VALIDITY, (scope, a, p) -> {
                ValidityState.CheckCount count = a.validity().checks().get(
                        new ValidityState.ColumnCheck(id, scope.attributes().get(0), p.expectation()));
                return List.of(count != null ? ColumnChecks.of(id, scope.id(), count, p.confidence())
                        : MetricValue.undefined(id, scope.id(), null, 0, ColumnChecks.missingParameter(id, p.expectation())
                        .map(param -> "needs a rule declaring parameters." + param).orElse("no such column in the dataset"), null));
            }));
        }
        for (String base : ChangeFromApproved.BASES) {
            METRICS.put(ChangeFromApproved.id(base), new Definition(ChangeFromApproved.id(base), Kind.DATASET, Source.COUNTS,
                    (scope, a, p) -> {
                        MetricValue now = METRICS.get(base).computation().compute(Scope.OVERALL, a, p).stream().findFirst()
                                .orElse(MetricValue.undefined(base, null, null, 0, "no rows", null));
                        return List.of(ChangeFromApproved.of(base, now, a.approved()));
                    }));
        }
        METRICS.put(DocumentationCompleteness.ID, new Definition(DocumentationCompleteness.ID, Kind.DATASET, Source.COUNTS,
                (scope, a, p) -> List.of(DocumentationCompleteness.of(a.card()))));
        perGroup(LabelBalance.ID, (scope, a, p) -> LabelBalance.all(scope.id(), a.groups(scope)));
        METRICS.put(PredictionValidity.ID, new Definition(PredictionValidity.ID, Kind.DATASET, Source.VALIDITY,
                (scope, a, p) -> List.of(PredictionValidity.of(a.validity(), p.confidence()))));
        METRICS.put(SchemaConformance.ID, new Definition(SchemaConformance.ID, Kind.DATASET, Source.VALIDITY,
                (scope, a, p) -> List.of(SchemaConformance.of(a.validity()))));
        for (String id : DriftMetrics.COLUMN_IDS) {
            METRICS.put(id, new Definition(id, Kind.COLUMN, Source.DRIFT, (scope, a, p) -> {
                DriftState d = a.drift().get(scope.attributes().get(0));
                return List.of(d == null ? MetricValue.undefined(id, scope.id(), null, 0,
                        "needs a baseline dataset with this column (the audit's \"baseline\")", null)
                        : DriftMetrics.column(id, scope.id(), d, a.drift()));
            }));
        }
        DriftMetrics.ROLE_IDS.forEach((id, role) -> METRICS.put(id, new Definition(id, Kind.DATASET, Source.DRIFT,
                (scope, a, p) -> List.of(DriftMetrics.role(id, a.roles().outcome(role).orElse(null), a.drift())))));
        METRICS.put(DriftMetrics.DRIFT_SHARE, new Definition(DriftMetrics.DRIFT_SHARE, Kind.DATASET, Source.DRIFT,
                (scope, a, p) -> List.of(DriftMetrics.share(a.drift()))));
        for (String id : List.of(SpecialCategories.SPECIAL_CATEGORY, SpecialCategories.UNDECLARED)) {
            // Read the personal-data scan's sample, for the values of the categories.
            METRICS.put(id, new Definition(id, Kind.COLUMN, Source.PII, (scope, a, p) -> List.of(
                    SpecialCategories.column(id, scope.id(), a.roles(), a.pii().get(scope.attributes().get(0))))));
        }
        METRICS.put(SpecialCategories.PROHIBITED_FEATURE, new Definition(SpecialCategories.PROHIBITED_FEATURE, Kind.DATASET,
                Source.COUNTS, (scope, a, p) -> List.of(SpecialCategories.prohibited(a.roles(), p.proxies()))));
        METRICS.put(PiiDetected.ID, new Definition(PiiDetected.ID, Kind.COLUMN, Source.PII,
                (scope, a, p) -> List.of(PiiDetected.of(scope.id(), a.pii().get(scope.attributes().get(0))))));
        comparison(ImpactRatio.ID, (scope, a, p) -> ImpactRatio.all(scope.id(), a.groups(scope), p.minimumGroupSize(),
                p.confidence(), p.excludeBelowShare()));
        perScope(UnknownCount.ID, (scope, a, p) -> List.of(UnknownCount.of(scope.id(), a.groups(scope))));
        fromScores(ScoringRate.SCORING_RATE, Source.SCORES,
                (scope, a, p) -> ScoringRate.rates(scope.id(), a.scores(scope), p.strictMedian(), p.confidence()));
        fromScores(ScoringRate.SCORING_IMPACT_RATIO, Source.SCORES, (scope, a, p) -> ScoringRate.impactRatios(scope.id(),
                a.scores(scope), p.strictMedian(), p.minimumGroupSize(), p.confidence()));
        for (String id : ReferenceComparisons.IDS) {
            comparison(id, (scope, a, p) -> ReferenceComparisons.all(id, scope.id(), a.groups(scope), p));
        }
        rateDisparity(Disparities.DEMOGRAPHIC_PARITY_DIFFERENCE, GroupRate.SELECTION, Disparities.Kind.DIFFERENCE,
                Disparities.Method.BETWEEN_GROUPS);
        rateDisparity(Disparities.DEMOGRAPHIC_PARITY_RATIO, GroupRate.SELECTION, Disparities.Kind.RATIO,
                Disparities.Method.BETWEEN_GROUPS);
        rateDisparity(Disparities.EQUAL_OPPORTUNITY_DIFFERENCE, ConfusionRates.TRUE_POSITIVE_RATE,
                Disparities.Kind.DIFFERENCE, Disparities.Method.BETWEEN_GROUPS);
        rateDisparity(Disparities.EQUAL_OPPORTUNITY_RATIO, ConfusionRates.TRUE_POSITIVE_RATE, Disparities.Kind.RATIO,
                Disparities.Method.BETWEEN_GROUPS);
        perScope(Disparities.EQUALIZED_ODDS_DIFFERENCE, (scope, a, p) -> List.of(
                Disparities.equalizedOdds(Disparities.Kind.DIFFERENCE, scope.id(), a.groups(scope), p.worstCase(), p.confidence())));
        perScope(Disparities.EQUALIZED_ODDS_RATIO, (scope, a, p) -> List.of(
                Disparities.equalizedOdds(Disparities.Kind.RATIO, scope.id(), a.groups(scope), p.worstCase(), p.confidence())));
        for (GroupRate rate : RATES.values()) {
            for (Disparities.Kind kind : Disparities.Kind.values()) {
                for (Disparities.Method method : Disparities.Method.values()) {
                    String id = rate.id() + "_" + kind.name().toLowerCase(java.util.Locale.ROOT)
                            + (method == Disparities.Method.TO_OVERALL ? "_to_overall" : "");
                    rateDisparity(id, rate, kind, method);
                }
            }
        }
        perScope(InequalityIndices.BETWEEN_GROUP_GENERALIZED_ENTROPY_INDEX,
                (scope, a, p) -> List.of(InequalityIndices.betweenGroups(scope.id(), a.groups(scope), p.alpha())));
        for (String id : List.of(InequalityIndices.GENERALIZED_ENTROPY_INDEX, InequalityIndices.THEIL_INDEX,
                InequalityIndices.COEFFICIENT_OF_VARIATION)) {
            METRICS.put(id, new Definition(id, Kind.DATASET, Source.COUNTS, (scope, a, p) -> List.of(InequalityIndices.individual(
                    id, scope.id(), a.groups(scope).values().stream().reduce(GroupState.EMPTY, GroupState::merge), p.alpha()))));
        }
    }

    private MetricCatalogue() {
    }

    private static void perGroup(String id, GroupMetric m) {
        METRICS.put(id, new Definition(id, Kind.PER_GROUP, Source.COUNTS, m));
    }

    private static void comparison(String id, GroupMetric m) {
        METRICS.put(id, new Definition(id, Kind.GROUP_COMPARISON, Source.COUNTS, m));
    }

    private static void perScope(String id, GroupMetric m) {
        METRICS.put(id, new Definition(id, Kind.PER_SCOPE, Source.COUNTS, m));
    }

    /** A score metric: undefined, with the reason, when the audit has no score sums for the scope. */
    private static void fromScores(String id, Source source, GroupMetric m) {
        METRICS.put(id, new Definition(id, Kind.PER_GROUP, source, (scope, a, p) -> {
            boolean missing = source == Source.SCORES ? !a.hasScores(scope) : !a.hasRanks(scope);
            return missing ? List.of(MetricValue.undefined(id, scope.id(), null, 0,
                    source == Source.SCORES ? "needs a score column in the model card"
                            : "needs a score column and a label in the model card", null)) : m.compute(scope, a, p);
        }));
    }

    private static void rateDisparity(String id, GroupRate rate, Disparities.Kind kind, Disparities.Method method) {
        perScope(id, (scope, a, p) -> List.of(Disparities.of(id, rate, kind, method, scope.id(), a.groups(scope), p.confidence())));
    }

    /** Metrics of the favorable outcome are undefined, with the reason, when the card names none. */
    private static final Set<String> READ_FAVORABLE = Set.of(SelectionRate.ID, ImpactRatio.ID,
            ReferenceComparisons.STATISTICAL_PARITY_DIFFERENCE, ReferenceComparisons.DISPARATE_IMPACT,
            Disparities.DEMOGRAPHIC_PARITY_DIFFERENCE, Disparities.DEMOGRAPHIC_PARITY_RATIO);

    private static boolean readsFavorable(String id) {
        return READ_FAVORABLE.contains(id) || id.startsWith(SelectionRate.ID + "_");
    }

    static {
        METRICS.replaceAll((id, d) -> !readsFavorable(id) ? d : new Definition(id, d.kind(), d.source(),
                (scope, a, p) -> p.favorableKnown() ? d.computation().compute(scope, a, p)
                        : List.of(MetricValue.undefined(id, scope.id(), null, 0, "the model card names no favorable outcome", null))));
    }

    public static Optional<Definition> find(String id) {
        return Optional.ofNullable(METRICS.get(id));
    }

    public static Set<String> ids() {
        return Collections.unmodifiableSet(METRICS.keySet());
    }
}
