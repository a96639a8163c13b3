package dev.assay.metric;

import dev.assay.metric.fairness.ImpactRatio;
import dev.assay.metric.fairness.SelectionRate;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Every metric Assay can compute, by its fixed id. */
public final class MetricCatalogue {

    private static final Map<String, GroupMetric> METRICS = Map.of(
            SelectionRate.ID, (scope, groups, p) -> SelectionRate.all(scope, groups, p.confidence()),
            ImpactRatio.ID, (scope, groups, p) -> ImpactRatio.all(scope, groups, p.minimumGroupSize(), p.confidence()));

    private MetricCatalogue() {
    }

    public static Optional<GroupMetric> find(String id) {
        return Optional.ofNullable(METRICS.get(id));
    }

    public static Set<String> ids() {
        return METRICS.keySet();
    }
}
