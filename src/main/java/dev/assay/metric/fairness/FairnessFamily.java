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
import dev.assay.metric.MetricParameters;
import dev.assay.metric.MetricValue;
import dev.assay.metric.TopK;
import dev.assay.metric.counts.Strata;
import dev.assay.metric.scan.ScanEngine;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The fairness family's registration point: every group fairness metric, each computed from the shared
 * counts (and, for NYC LL144's scoring rates, the score sums); no scan of its own. Besides the ids
 * listed, any per-group rate ({@code selection_rate}, {@code false_positive_rate}, ...) has derived
 * disparities {@code <rate>_difference}, {@code <rate>_ratio} (between groups) and
 * {@code <rate>_difference_to_overall}, {@code <rate>_ratio_to_overall}, as Fairlearn's
 * MetricFrame.difference() and ratio() give them. Metrics of the favorable outcome (selection rates and
 * what compares them) are undefined, with the reason, when the card names no favorable outcome.
 *
 * <p>Rankings (shortlists): {@code selection_rate_at_k}, {@code impact_ratio_at_k}, {@code exposure},
 * {@code normalized_discounted_exposure} and {@code exposure_ratio} read the ranking by the card's score, from
 * the family's one scan ({@link RankingPlan}), cut where the rule's {@code k} or {@code share} says.
 *
 * <p>With a rule's control columns (Fairlearn's {@code control_features}), the metrics of the per-group counts are
 * computed within each stratum ({@link Strata#within}, values marked with their stratum), and the Mantel-Haenszel
 * comparisons combine the strata ({@link MantelHaenszelImpactRatio}, {@link MantelHaenszelOddsRatio}); both read
 * {@link MetricDefinition.Input#CONTROL_COLUMNS}, and a rule may name controls only for such a metric.
 */
public final class FairnessFamily implements Family {

    /** What the ranking metrics read: the score's ranking, cut where their rules say. */
    public static final Source RANKING_SOURCE = new Source("ranking");

    /** The ranking's state, as {@link RankingPlan} computes it. */
    public static final States.Key<Ranking> RANKING = new States.Key<>("ranking");

    /** Why a ranking metric of a card without a score column is undefined. */
    static final String NO_SCORE_COLUMN = "needs a score column in the model card (columns.score): the ranking is by score";

    private final List<MetricDefinition> metrics = definitions();

    @Override
    public List<MetricDefinition> metrics() {
        return metrics;
    }

    /**
     * The counts serve every metric but the ranking's: one scan of the scores' histogram ({@link RankingPlan}) for
     * every scope and cut the ranking metrics ask for, when the card names a score column.
     */
    @Override
    public States scan(ScanEngine engine, AuditData data, List<Need> needs, States before) throws SQLException {
        List<Need> ranked = needs.stream().filter(n -> n.definition().source().equals(RANKING_SOURCE)).toList();
        if (ranked.isEmpty() || data.outcomes().score().isEmpty()) {
            return before;
        }
        List<Scope> scopes = ranked.stream().map(Need::scope).distinct().toList();
        List<TopK> cuts = ranked.stream().map(n -> n.parameters().topK()).distinct().toList();
        return before.with(RANKING, new RankingPlan(scopes, data.outcomes(), cuts).ranking(engine, data.evaluation()));
    }

    private static List<MetricDefinition> definitions() {
        List<MetricDefinition> m = new ArrayList<>();
        m.add(stratified(perGroup(GroupCount.ID, (scope, s, p) -> GroupCount.all(scope.id(), groups(s, scope)))));
        // A multiclass model: the favorable classes' rate, then each class's share of the predictions.
        m.add(stratified(PerClass.rate(perGroup(SelectionRate.ID, (scope, s, p) -> SelectionRate.all(scope.id(), groups(s, scope),
                        p.confidence())).readingFavorable().reading(CountsFamily.SELECTIONS_ONLY),
                (scope, group, oneVsRest, p) -> SelectionRate.of(scope, group, oneVsRest, p.confidence()))));
        m.add(perGroup(MeanScore.ID, (scope, s, p) -> MeanScore.all(scope.id(), groups(s, scope)))
                .reading(MetricDefinition.Input.SCORE_COLUMN));
        m.add(stratified(comparison(ImpactRatio.ID, (scope, s, p) -> ImpactRatio.all(scope.id(), groups(s, scope), p.minimumGroupSize(),
                p.confidence(), p.excludeBelowShare())).readingFavorable()
                // What a regulator's table shows beside each ratio (6 RCNY 5-301): the category's rows, its rate, the unknown count.
                .withCompanions(GroupCount.ID, SelectionRate.ID, UnknownCount.ID)
                .reading(CountsFamily.SELECTIONS_ONLY)));
        // Conditional on the rule's controls natively (combined across strata), beside the crude and per-stratum values.
        m.add(comparison(MantelHaenszelImpactRatio.ID, (scope, s, p) -> MantelHaenszelImpactRatio.all(scope, Aggregates.of(s), p))
                .readingFavorable().withCompanions(GroupCount.ID, SelectionRate.ID, ImpactRatio.ID)
                .reading(CountsFamily.SELECTIONS_ONLY, MetricDefinition.Input.CONTROL_COLUMNS));
        m.add(comparison(MantelHaenszelOddsRatio.ID, (scope, s, p) -> MantelHaenszelOddsRatio.all(scope, Aggregates.of(s), p))
                .readingFavorable().withCompanions(GroupCount.ID, SelectionRate.ID)
                .reading(CountsFamily.SELECTIONS_ONLY, MetricDefinition.Input.CONTROL_COLUMNS));
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
            m.add(stratified(favorable ? d.readingFavorable() : d));
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
        m.add(stratified(overClasses(perScope(Disparities.EQUALIZED_ODDS_DIFFERENCE, (scope, s, p) -> List.of(Disparities.equalizedOdds(
                Disparities.Kind.DIFFERENCE, scope.id(), groups(s, scope), p.worstCase(), p.confidence()))),
                ClassDisparities.Of.EQUALIZED_ODDS, Disparities.Kind.DIFFERENCE)));
        m.add(stratified(overClasses(perScope(Disparities.EQUALIZED_ODDS_RATIO, (scope, s, p) -> List.of(Disparities.equalizedOdds(
                Disparities.Kind.RATIO, scope.id(), groups(s, scope), p.worstCase(), p.confidence()))),
                ClassDisparities.Of.EQUALIZED_ODDS, Disparities.Kind.RATIO)));
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
        m.addAll(rankings());
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

    /** The ranking metrics; those of a shortlist need the rule's cut, exposure takes the whole ranking without one. */
    private static List<MetricDefinition> rankings() {
        return List.of(
                ranked(SelectionRateAtK.ID, Kind.PER_GROUP, true, (scope, r, p) -> SelectionRateAtK.all(scope.id(), r, p.confidence())),
                ranked(ImpactRatioAtK.ID, Kind.GROUP_COMPARISON, true, (scope, r, p) -> ImpactRatioAtK.all(scope.id(), r,
                        p.minimumGroupSize(), p.confidence(), p.excludeBelowShare()))
                        .withCompanions(GroupCount.ID, SelectionRateAtK.ID, UnknownCount.ID),
                ranked(Exposure.ID, Kind.PER_GROUP, false, (scope, r, p) -> Exposure.all(scope.id(), r)),
                ranked(NormalizedDiscountedExposure.ID, Kind.PER_GROUP, false,
                        (scope, r, p) -> NormalizedDiscountedExposure.all(scope.id(), r)),
                ranked(ExposureRatio.ID, Kind.PER_SCOPE, false,
                        (scope, r, p) -> List.of(ExposureRatio.of(scope.id(), r, p.minimumGroupSize()))));
    }

    /** A ranking metric computed from one scope's groups at the rule's cut. */
    @FunctionalInterface
    private interface RankedMetric {
        List<MetricValue> compute(Scope scope, RankedGroups ranked, MetricParameters parameters);
    }

    /**
     * A ranking metric: undefined, with the reason, without the cut it needs or a score column; otherwise computed
     * from the scope's groups at the cut, completed with the groups of the counts that no row fell in (an empty
     * intersection), so every group is reported.
     */
    private static MetricDefinition ranked(String id, Kind kind, boolean needsCut, RankedMetric metric) {
        return new MetricDefinition(id, kind, RANKING_SOURCE, (scope, s, p) -> {
            if (needsCut && p.topK().isNone()) {
                return List.of(MetricValue.undefined(id, scope.id(), null, 0,
                        "needs a cut of the ranking: the rule's parameters k (rows) or share (of the ranked rows)", null));
            }
            Optional<Ranking> ranking = s.find(RANKING);
            Optional<Cut> cut = ranking.flatMap(r -> r.cut(p.topK()));
            Optional<Map<GroupKey, RankedGroup>> groups = ranking.flatMap(r -> r.groups(p.topK(), scope));
            Optional<Map<GroupKey, RankedGroup>> whole = ranking.flatMap(r -> r.groups(p.topK(), Scope.OVERALL));
            if (cut.isEmpty() || groups.isEmpty() || whole.isEmpty()) {
                return List.of(MetricValue.undefined(id, scope.id(), null, 0, NO_SCORE_COLUMN, null));
            }
            Map<GroupKey, RankedGroup> all = new LinkedHashMap<>(groups.get());
            groups(s, scope).keySet().forEach(k -> all.putIfAbsent(k, RankedGroup.EMPTY));
            RankedGroup overall = whole.get().getOrDefault(new GroupKey(List.of()), RankedGroup.EMPTY);
            return metric.compute(scope, new RankedGroups(cut.get(), all, overall), p);
        }).reading(MetricDefinition.Input.SCORE_COLUMN, needsCut ? MetricDefinition.Input.TOP_K : MetricDefinition.Input.OPTIONAL_TOP_K,
                CountsFamily.SELECTIONS_ONLY);
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

    /** A disparity of a rate, also within the strata of a rule's controls; those of the selection rate read the favorable outcome. */
    private static MetricDefinition rateDisparity(String id, GroupRate rate, Disparities.Kind kind, Disparities.Method method) {
        MetricDefinition d = perScope(id, (scope, s, p) -> List.of(Disparities.of(id, rate, kind, method, scope.id(),
                groups(s, scope), p.confidence())));
        return stratified(rate == GroupRate.SELECTION ? d.readingFavorable() : d);
    }

    /**
     * The same metric, computed within each stratum of a rule's control columns when it names any ({@link Strata#within}):
     * a metric of the per-group counts means within a stratum what it means overall.
     */
    private static MetricDefinition stratified(MetricDefinition d) {
        return new MetricDefinition(d.id(), d.kind(), d.source(), Strata.within(d.computation()), d.companions(), d.inputs())
                .reading(MetricDefinition.Input.CONTROL_COLUMNS);
    }
}
