package dev.assay.metric;

import java.util.List;

/** A metric computed for one scope from the audit's states (never from rows). */
@FunctionalInterface
public interface GroupMetric {

    List<MetricValue> compute(Scope scope, States states, MetricParameters parameters);
}
