package dev.assay.metric.fairness;

import dev.assay.metric.GroupKey;
import dev.assay.metric.counts.GroupState;
import dev.assay.metric.counts.Groups;
import dev.assay.metric.MetricValue;

import java.util.List;
import java.util.Map;

/** {@code count}: the rows of each group (Fairlearn's count), exact; an empty intersection is 0. */
public final class GroupCount {

    public static final String ID = "count";

    private GroupCount() {
    }

    public static List<MetricValue> all(String scope, Map<GroupKey, GroupState> groups) {
        return Groups.sorted(groups).stream()
                .map(e -> MetricValue.defined(ID, scope, e.getKey().id(), e.getValue().rows(), null, e.getValue().rows(), null))
                .toList();
    }
}
