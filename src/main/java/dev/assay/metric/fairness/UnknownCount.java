package dev.assay.metric.fairness;

import dev.assay.metric.GroupKey;
import dev.assay.metric.counts.GroupState;
import dev.assay.metric.MetricValue;

import java.util.Map;

/**
 * {@code unknown_count}: the rows of a scope whose attribute is missing (null), which form no group.
 * NYC LL144 (6 RCNY 5-301) requires the number of individuals in an unknown category to be reported.
 */
public final class UnknownCount {

    public static final String ID = "unknown_count";

    private UnknownCount() {
    }

    public static MetricValue of(String scope, Map<GroupKey, GroupState> groups) {
        long unknown = groups.entrySet().stream().filter(e -> e.getKey().hasUnknown()).mapToLong(e -> e.getValue().rows()).sum();
        long total = groups.values().stream().mapToLong(GroupState::rows).sum();
        return MetricValue.defined(ID, scope, null, unknown, null, total, null);
    }
}
