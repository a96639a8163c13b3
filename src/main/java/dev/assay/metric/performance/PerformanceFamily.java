package dev.assay.metric.performance;

import dev.assay.metric.AuditData;
import dev.assay.metric.Family;
import dev.assay.metric.GroupKey;
import dev.assay.metric.MetricDefinition;
import dev.assay.metric.MetricDefinition.Input;
import dev.assay.metric.MetricDefinition.Kind;
import dev.assay.metric.MetricDefinition.Source;
import dev.assay.metric.MetricValue;
import dev.assay.metric.Need;
import dev.assay.metric.Scope;
import dev.assay.metric.States;
import dev.assay.metric.counts.Aggregates;
import dev.assay.metric.counts.ConfusionRates;
import dev.assay.metric.counts.CountsFamily;
import dev.assay.metric.counts.PerClass;
import dev.assay.metric.scan.ScanEngine;

import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The performance family's registration point: confusion rates, F1, score metrics and regression
 * metrics from the shared counts and sums; the exact ROC AUC from its own scan ({@link RankPlan}); the
 * change of each from the last approved version.
 */
public final class PerformanceFamily implements Family {

    /** The rank states per scope and group, as {@link RankPlan} computes them. */
    public static final States.Key<Map<Scope, Map<GroupKey, RankState>>> RANKS = new States.Key<>("ranks");

    private final List<MetricDefinition> metrics = definitions();

    @Override
    public List<MetricDefinition> metrics() {
        return metrics;
    }

    /**
     * The ranks of the scopes that ask for them, when the audit has a score, a label and a positive class; for
     * the changes from the approved version, the approved version's states and the pairing ({@link ChangePlan}).
     */
    @Override
    public States scan(ScanEngine engine, AuditData data, List<Need> needs, States before) throws SQLException {
        List<Scope> ranked = needs.stream().filter(n -> n.definition().source() == Source.RANKS).map(Need::scope).distinct().toList();
        var o = data.outcomes();
        States states = before;
        if (!ranked.isEmpty() && o.score().isPresent() && o.label().isPresent() && o.hasPositiveClass()) {
            states = states.with(RANKS, new RankPlan(ranked, o).ranks(engine, data.evaluation()));
        }
        return ChangePlan.scan(engine, data, needs.stream().filter(n -> ChangeFromApproved.isChange(n.metric())).toList(), states);
    }

    private static List<MetricDefinition> definitions() {
        Map<String, MetricDefinition> m = new LinkedHashMap<>();
        for (ConfusionRates r : ConfusionRates.values()) {
            MetricDefinition d = new MetricDefinition(r.id(), Kind.PER_GROUP, Source.COUNTS,
                    (scope, s, p) -> r.all(scope.id(), Aggregates.of(s).groups(scope), p.confidence()));
            // A multiclass model: accuracy is its own (every class), each other rate per class against the rest.
            add(m, r == ConfusionRates.ACCURACY
                    ? PerClass.orClasses(d, (scope, s, p) -> MulticlassAccuracy.all(scope.id(), Aggregates.of(s).classes(scope),
                    p.confidence()))
                    : PerClass.rate(d, (scope, group, oneVsRest, p) -> r.value(scope, group.id(), oneVsRest, p.confidence())));
        }
        add(m, PerClass.rate(new MetricDefinition(F1Score.ID, Kind.PER_GROUP, Source.COUNTS,
                (scope, s, p) -> F1Score.all(scope.id(), Aggregates.of(s).groups(scope))),
                (scope, group, oneVsRest, p) -> F1Score.of(scope, group.id(), oneVsRest)));
        for (String id : ClassAverages.IDS) {
            add(m, multiclassOnly(id, (scope, s, p) -> ClassAverages.all(id, scope.id(), Aggregates.of(s).classes(scope))));
        }
        add(m, multiclassOnly(ConfusionMatrix.ID, (scope, s, p) -> ConfusionMatrix.all(scope.id(), Aggregates.of(s).classes(scope))));
        for (String id : ScoreMetrics.IDS) {
            MetricDefinition d = CountsFamily.fromScores(id, (scope, s, p) -> ScoreMetrics.all(id, scope.id(),
                    Aggregates.of(s).scores(scope), p.confidence()));
            // The selection rate at a threshold is a selection rate: undefined without a favorable outcome.
            add(m, id.equals(ScoreMetrics.SELECTION_RATE_AT_THRESHOLD) ? d.readingFavorable() : d);
        }
        add(m, new MetricDefinition(RocAuc.ID, Kind.PER_GROUP, Source.RANKS, (scope, s, p) -> {
            if (!s.get(RANKS, Map.of()).containsKey(scope)) {
                return List.of(MetricValue.undefined(RocAuc.ID, scope.id(), null, 0,
                        "needs a score column and a label in the model card", null));
            }
            // A group none of whose rows has a score and a label has no ranks: its AUC is undefined, not absent.
            Map<GroupKey, RankState> ranks = new LinkedHashMap<>(s.get(RANKS, Map.of()).get(scope));
            Aggregates.of(s).groups(scope).keySet().forEach(k -> ranks.putIfAbsent(k, RankState.EMPTY));
            return RocAuc.all(scope.id(), ranks, p.confidence());
        }).reading(Input.SCORE_COLUMN));
        for (String id : RegressionMetrics.PER_GROUP) {
            add(m, new MetricDefinition(id, Kind.PER_GROUP, Source.REGRESSION, (scope, s, p) -> Aggregates.of(s).regression(scope).isEmpty()
                    ? List.of(MetricValue.undefined(id, scope.id(), null, 0, "needs a numeric label and prediction", null))
                    : RegressionMetrics.all(id, scope.id(), Aggregates.of(s).regression(scope))));
        }
        add(m, new MetricDefinition(RegressionMetrics.MEAN_PREDICTION_DIFFERENCE, Kind.PER_SCOPE, Source.REGRESSION,
                (scope, s, p) -> List.of(RegressionMetrics.meanPredictionDifference(scope.id(), Aggregates.of(s).regression(scope)))));
        for (String base : ChangeFromApproved.BASES) {
            MetricDefinition of = m.get(base);
            // Per group as its base, which is a companion (reported beside it) and reads what the base reads.
            add(m, new MetricDefinition(ChangeFromApproved.id(base), Kind.PER_GROUP, of.source(),
                    (scope, s, p) -> ChangeFromApproved.all(base, of, scope, s, p), List.of(base), of.inputs()));
        }
        return List.copyOf(m.values());
    }

    /** A metric of a multiclass model's class matrices: undefined, with the reason, for any other model. */
    private static MetricDefinition multiclassOnly(String id, dev.assay.metric.GroupMetric m) {
        return PerClass.orClasses(new MetricDefinition(id, Kind.PER_GROUP, Source.COUNTS,
                (scope, s, p) -> List.of(MetricValue.undefined(id, scope.id(), null, 0, ClassAverages.NOT_MULTICLASS, null))), m);
    }

    private static void add(Map<String, MetricDefinition> m, MetricDefinition d) {
        m.put(d.id(), d);
    }
}
