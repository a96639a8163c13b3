package dev.assay.metric.fairness;

import dev.assay.metric.AuditData;
import dev.assay.metric.Family;
import dev.assay.metric.GroupKey;
import dev.assay.metric.GroupMetric;
import dev.assay.metric.MetricDefinition;
import dev.assay.metric.MetricDefinition.Kind;
import dev.assay.metric.MetricDefinition.Source;
import dev.assay.metric.Need;
import dev.assay.metric.Scope;
import dev.assay.metric.States;
import dev.assay.metric.counts.Aggregates;
import dev.assay.metric.counts.ConfusionRates;
import dev.assay.metric.counts.CountsFamily;
import dev.assay.metric.counts.GroupRate;
import dev.assay.metric.counts.GroupState;
import dev.assay.metric.counts.Groups;
import dev.assay.metric.counts.PerClass;
import dev.assay.metric.scan.ScanEngine;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The fairness family's registration point: every group fairness metric, each computed from the shared
 * counts (and, for NYC LL144's scoring rates, the score sums); no scan of its own. Besides the ids
 * listed, any per-group rate ({@code selection_rate}, {@code false_positive_rate}, ...) has derived
 * disparities {@code <rate>_difference}, {@code <rate>_ratio} (between groups) and
 * {@code <rate>_difference_to_overall}, {@code <rate>_ratio_to_overall}, as Fairlearn's
 * MetricFrame.difference() and ratio() give them. Metrics of the favorable outcome (selection rates and
 * what compares them) are undefined, with the reason, when the card names no favorable outcome.
 */
public final class FairnessFamily implements Family {

    private final List<MetricDefinition> metrics = definitions();

    @Override
    public List<MetricDefinition> metrics() {
        return metrics;
    }

    /** Reads the counts only: nothing to scan. */
    @Override
    public States scan(ScanEngine engine, AuditData data, List<Need> needs, States before) {
        return before;
    }

    private static List<MetricDefinition> definitions() {
        List<MetricDefinition> m = new ArrayList<>();
        m.add(perGroup(GroupCount.ID, (scope, s, p) -> GroupCount.all(scope.id(), groups(s, scope))));
        // A multiclass model: the favorable classes' rate, then each class's share of the predictions.
        m.add(PerClass.rate(perGroup(SelectionRate.ID, (scope, s, p) -> SelectionRate.all(scope.id(), groups(s, scope), p.confidence()))
                .readingFavorable().reading(CountsFamily.SELECTIONS_ONLY),
                (scope, group, oneVsRest, p) -> SelectionRate.of(scope, group, oneVsRest, p.confidence())));
        m.add(perGroup(MeanScore.ID, (scope, s, p) -> MeanScore.all(scope.id(), groups(s, scope)))
                .reading(MetricDefinition.Input.SCORE_COLUMN));
        m.add(comparison(ImpactRatio.ID, (scope, s, p) -> ImpactRatio.all(scope.id(), groups(s, scope), p.minimumGroupSize(),
                p.confidence(), p.excludeBelowShare())).readingFavorable()
                // What a regulator's table shows beside each ratio (6 RCNY 5-301): the category's rows, its rate, the unknown count.
                .withCompanions(GroupCount.ID, SelectionRate.ID, UnknownCount.ID)
                .reading(CountsFamily.SELECTIONS_ONLY));
        m.add(perScope(UnknownCount.ID, (scope, s, p) -> List.of(UnknownCount.of(scope.id(), groups(s, scope)))));
        m.add(CountsFamily.fromScores(ScoringRate.SCORING_RATE, (scope, s, p) -> ScoringRate.rates(scope.id(),
                Aggregates.of(s).scores(scope), p.strictMedian(), p.confidence())).reading(CountsFamily.MEDIAN_SCORE));
        m.add(CountsFamily.fromScores(ScoringRate.SCORING_IMPACT_RATIO, (scope, s, p) -> ScoringRate.impactRatios(scope.id(),
                Aggregates.of(s).scores(scope), p.strictMedian(), p.minimumGroupSize(), p.confidence())).reading(CountsFamily.MEDIAN_SCORE)
                // Not unknown_count: a scoring ratio is a per-group metric, also asked over the whole dataset, where
                // no attribute is unknown; LL144's pack asks for the unknown count by its own rule.
                .withCompanions(GroupCount.ID, ScoringRate.SCORING_RATE));
        for (String id : ReferenceComparisons.IDS) {
            MetricDefinition d = comparison(id, (scope, s, p) -> ReferenceComparisons.all(id, scope.id(), groups(s, scope), p));
            boolean favorable = id.equals(ReferenceComparisons.STATISTICAL_PARITY_DIFFERENCE) || id.equals(ReferenceComparisons.DISPARATE_IMPACT);
            m.add(favorable ? d.readingFavorable() : d);
        }
        // A multiclass model: over its classes, each against the rest (ClassDisparities), the worst class or the mean.
        m.add(overClasses(rateDisparity(Disparities.DEMOGRAPHIC_PARITY_DIFFERENCE, GroupRate.SELECTION, Disparities.Kind.DIFFERENCE,
                Disparities.Method.BETWEEN_GROUPS), ClassDisparities.Of.DEMOGRAPHIC_PARITY, Disparities.Kind.DIFFERENCE));
        m.add(overClasses(rateDisparity(Disparities.DEMOGRAPHIC_PARITY_RATIO, GroupRate.SELECTION, Disparities.Kind.RATIO,
                Disparities.Method.BETWEEN_GROUPS), ClassDisparities.Of.DEMOGRAPHIC_PARITY, Disparities.Kind.RATIO));
        m.add(overClasses(rateDisparity(Disparities.EQUAL_OPPORTUNITY_DIFFERENCE, ConfusionRates.TRUE_POSITIVE_RATE,
                Disparities.Kind.DIFFERENCE, Disparities.Method.BETWEEN_GROUPS), ClassDisparities.Of.EQUAL_OPPORTUNITY,
                Disparities.Kind.DIFFERENCE));
        m.add(overClasses(rateDisparity(Disparities.EQUAL_OPPORTUNITY_RATIO, ConfusionRates.TRUE_POSITIVE_RATE, Disparities.Kind.RATIO,
                Disparities.Method.BETWEEN_GROUPS), ClassDisparities.Of.EQUAL_OPPORTUNITY, Disparities.Kind.RATIO));
        m.add(overClasses(perScope(Disparities.EQUALIZED_ODDS_DIFFERENCE, (scope, s, p) -> List.of(Disparities.equalizedOdds(
                Disparities.Kind.DIFFERENCE, scope.id(), groups(s, scope), p.worstCase(), p.confidence()))),
                ClassDisparities.Of.EQUALIZED_ODDS, Disparities.Kind.DIFFERENCE));
        m.add(overClasses(perScope(Disparities.EQUALIZED_ODDS_RATIO, (scope, s, p) -> List.of(Disparities.equalizedOdds(
                Disparities.Kind.RATIO, scope.id(), groups(s, scope), p.worstCase(), p.confidence()))),
                ClassDisparities.Of.EQUALIZED_ODDS, Disparities.Kind.RATIO));
        for (GroupRate rate : CountsFamily.rates()) {
            for (Disparities.Kind kind : Disparities.Kind.values()) {
                for (Disparities.Method method : Disparities.Method.values()) {
                    String id = rate.id() + "_" + kind.name().toLowerCase(Locale.ROOT)
                            + (method == Disparities.Method.TO_OVERALL ? "_to_overall" : "");
                    m.add(rateDisparity(id, rate, kind, method));
                }
            }
        }
        m.addAll(minimumDetectable());
        m.add(perScope(InequalityIndices.BETWEEN_GROUP_GENERALIZED_ENTROPY_INDEX,
                (scope, s, p) -> List.of(InequalityIndices.betweenGroups(scope.id(), groups(s, scope), p.alpha()))));
        for (String id : List.of(InequalityIndices.GENERALIZED_ENTROPY_INDEX, InequalityIndices.THEIL_INDEX,
                InequalityIndices.COEFFICIENT_OF_VARIATION)) {
            m.add(new MetricDefinition(id, Kind.DATASET, Source.COUNTS, (scope, s, p) -> List.of(InequalityIndices.individual(
                    id, scope.id(), groups(s, scope).values().stream().reduce(GroupState.EMPTY, GroupState::merge), p.alpha()))));
        }
        return List.copyOf(m);
    }

    /**
     * {@code minimum_detectable_<id>} for every comparison of rates: the impact ratio,
     * the selection comparisons against a reference, and every between-groups disparity (not those to the overall
     * rate, whose samples overlap, nor the half sums of two rates).
     */
    private static List<MetricDefinition> minimumDetectable() {
        List<MetricDefinition> m = new ArrayList<>();
        m.add(comparison(MinimumDetectable.IMPACT_RATIO, (scope, s, p) -> MinimumDetectable.impactRatio(scope.id(), groups(s, scope),
                p.minimumGroupSize(), p.confidence(), p.excludeBelowShare())).readingFavorable().reading(CountsFamily.SELECTIONS_ONLY));
        for (String id : List.of(ReferenceComparisons.DISPARATE_IMPACT, ReferenceComparisons.STATISTICAL_PARITY_DIFFERENCE)) {
            String kin = MinimumDetectable.of(id);
            m.add(comparison(kin, (scope, s, p) -> MinimumDetectable.againstReference(kin, MinimumDetectable.scaleOf(id), scope.id(),
                    groups(s, scope), Groups.reference(p.reference(), groups(s, scope), p.minimumGroupSize()), p.confidence()))
                    .readingFavorable().reading(CountsFamily.SELECTIONS_ONLY));
        }
        for (Disparities.Kind kind : Disparities.Kind.values()) {
            String suffix = "_" + kind.name().toLowerCase(Locale.ROOT);
            MinimumDetectable.Scale scale = kind == Disparities.Kind.RATIO ? MinimumDetectable.Scale.RATIO
                    : MinimumDetectable.Scale.DIFFERENCE;
            String eo = MinimumDetectable.of("equalized_odds" + suffix);
            m.add(PerClass.notForClasses(perScope(eo, (scope, s, p) -> List.of(MinimumDetectable.equalizedOdds(eo, scale, scope.id(),
                    groups(s, scope), p.confidence()))), NOT_OVER_CLASSES));
            List<Map.Entry<String, GroupRate>> rates = new ArrayList<>();
            rates.add(Map.entry("demographic_parity" + suffix, GroupRate.SELECTION));
            rates.add(Map.entry("equal_opportunity" + suffix, ConfusionRates.TRUE_POSITIVE_RATE));
            CountsFamily.rates().forEach(rate -> rates.add(Map.entry(rate.id() + suffix, rate)));
            for (Map.Entry<String, GroupRate> e : rates) {
                String kin = MinimumDetectable.of(e.getKey());
                GroupRate rate = e.getValue();
                MetricDefinition d = perScope(kin, (scope, s, p) -> List.of(MinimumDetectable.betweenGroups(kin, scale, rate, scope.id(),
                        groups(s, scope), p.confidence())));
                MetricDefinition def = rate == GroupRate.SELECTION ? d.readingFavorable() : d;
                // demographic parity and equal opportunity are judged over the classes of a multiclass model: no single comparison.
                m.add(e.getKey().startsWith("demographic_parity") || e.getKey().startsWith("equal_opportunity")
                        ? PerClass.notForClasses(def, NOT_OVER_CLASSES) : def);
            }
        }
        return m;
    }

    /** Why no minimum detectable effect is given for a disparity a multiclass model has over its classes. */
    static final String NOT_OVER_CLASSES = "not computed for a multiclass model, whose disparity is taken over its classes";

    /** {@code d} on a binary model; over the classes, each against the rest, on a multiclass one. */
    private static MetricDefinition overClasses(MetricDefinition d, ClassDisparities.Of of, Disparities.Kind kind) {
        return PerClass.orClasses(d, (scope, s, p) -> List.of(ClassDisparities.of(d.id(), of, kind, scope.id(),
                Aggregates.of(s).classes(scope), p.worstClass(), p.worstCase(), p.confidence())));
    }

    private static Map<GroupKey, GroupState> groups(States s, Scope scope) {
        return Aggregates.of(s).groups(scope);
    }

    private static MetricDefinition perGroup(String id, GroupMetric m) {
        return new MetricDefinition(id, Kind.PER_GROUP, Source.COUNTS, m);
    }

    private static MetricDefinition comparison(String id, GroupMetric m) {
        return new MetricDefinition(id, Kind.GROUP_COMPARISON, Source.COUNTS, m);
    }

    private static MetricDefinition perScope(String id, GroupMetric m) {
        return new MetricDefinition(id, Kind.PER_SCOPE, Source.COUNTS, m);
    }

    /** A disparity of a rate; those of the selection rate read the favorable outcome. */
    private static MetricDefinition rateDisparity(String id, GroupRate rate, Disparities.Kind kind, Disparities.Method method) {
        MetricDefinition d = perScope(id, (scope, s, p) -> List.of(Disparities.of(id, rate, kind, method, scope.id(),
                groups(s, scope), p.confidence())));
        return rate == GroupRate.SELECTION ? d.readingFavorable() : d;
    }
}
