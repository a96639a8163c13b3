package dev.assay.metric;

import java.util.List;

/** A metric computed for one scope from the audit's aggregates. */
@FunctionalInterface
public interface GroupMetric {

    List<MetricValue> compute(Scope scope, Aggregates aggregates, MetricParameters parameters);
}
