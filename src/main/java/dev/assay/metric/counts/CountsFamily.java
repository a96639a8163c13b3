package dev.assay.metric.counts;

import dev.assay.metric.AuditData;
import dev.assay.metric.Family;
import dev.assay.metric.GroupMetric;
import dev.assay.metric.MetricDefinition;
import dev.assay.metric.MetricDefinition.Kind;
import dev.assay.metric.MetricDefinition.Source;
import dev.assay.metric.MetricValue;
import dev.assay.metric.Need;
import dev.assay.metric.Scope;
import dev.assay.metric.States;
import dev.assay.metric.scan.ScanEngine;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The shared counts' registration point: no metric of its own, one scan ({@link AggregationPlan}) that
 * fairness, performance and quality metrics read. It serves every need that is not a column's (a group
 * scope, or the whole dataset, which every audit has): the scan always runs, so every scope has its
 * groups, even for metrics (ranks) that only complete them.
 */
public final class CountsFamily implements Family {

    /** Read by NYC LL144's scoring rates: the dataset's median score, one more scan before the counts. */
    public static final MetricDefinition.Input MEDIAN_SCORE = new MetricDefinition.Input("median score");

    /**
     * Read by metrics of the selections alone (rows, predictions, favorable outcomes per group: the selection
     * rate, the impact ratio): when every metric of an audit's counts reads only these, the scan leaves out
     * the label's eight counts, which made the four-fifths audit's scan four times slower than its counts.
     */
    public static final MetricDefinition.Input SELECTIONS_ONLY = new MetricDefinition.Input("selections only");

    @Override
    public List<MetricDefinition> metrics() {
        return List.of();
    }

    @Override
    public boolean serves(Need need) {
        return need.definition().kind() != Kind.COLUMN;
    }

    @Override
    public States scan(ScanEngine engine, AuditData data, List<Need> needs, States before) throws SQLException {
        // A need conditional on control columns reads its scope within their strata: one more grouping of the same scan.
        List<Scope> scopes = needs.stream().flatMap(n -> n.parameters().controls().isEmpty() ? Stream.of(n.scope())
                : Stream.of(n.scope(), Strata.scope(n.scope(), n.parameters().controls()))).distinct().toList();
        boolean regression = needs.stream().anyMatch(n -> n.definition().source() == Source.REGRESSION);
        Optional<String> score = data.outcomes().score();
        boolean scores = score.isPresent() && needs.stream().anyMatch(n -> n.definition().source() == Source.SCORES);
        boolean median = scores && needs.stream().anyMatch(n -> n.definition().reads(MEDIAN_SCORE));
        boolean labels = needs.stream().anyMatch(n -> !n.definition().reads(SELECTIONS_ONLY));
        Aggregates counts = new AggregationPlan(scopes, labels ? data.outcomes() : data.outcomes().withoutLabel(), regression, scores, median
                ? AggregationPlan.median(engine, data.evaluation(), score.get(), data.outcomes().weight()) : Double.NaN)
                .execute(engine, data.evaluation());
        return before.withAll(counts);
    }

    /** Every per-group rate disparities compare: the selection rate and every rate of the confusion matrix, by id. */
    public static List<GroupRate> rates() {
        List<GroupRate> rates = new ArrayList<>();
        rates.add(GroupRate.SELECTION);
        rates.addAll(List.of(ConfusionRates.values()));
        return rates;
    }

    /** A metric of the score sums: undefined, with the reason, when the audit has no score sums for the scope. */
    public static MetricDefinition fromScores(String id, GroupMetric m) {
        return new MetricDefinition(id, Kind.PER_GROUP, Source.SCORES, (scope, s, p) -> Aggregates.of(s).hasScores(scope)
                ? m.compute(scope, s, p)
                : List.of(MetricValue.undefined(id, scope.id(), null, 0, "needs a score column in the model card", null)))
                .reading(MetricDefinition.Input.SCORE_COLUMN);
    }
}
