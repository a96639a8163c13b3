package dev.assay.metric;

import java.util.List;
import java.util.Map;

/** A metric computed per group of a scope from the groups' counts. */
@FunctionalInterface
public interface GroupMetric {

    List<MetricValue> compute(String scope, Map<GroupKey, GroupState> groups, MetricParameters parameters);
}
