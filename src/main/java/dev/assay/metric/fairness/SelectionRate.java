package dev.assay.metric.fairness;

import dev.assay.metric.GroupKey;
import dev.assay.metric.counts.GroupRate;
import dev.assay.metric.counts.GroupState;
import dev.assay.metric.counts.Groups;
import dev.assay.metric.MetricValue;
import dev.assay.stats.Proportions;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code selection_rate}: the share of a group's predictions that are the favorable outcome,
 * favorable / predicted (Fairlearn's selection_rate), with a Wilson score interval. The rate itself is
 * {@link GroupRate#SELECTION}, the one definition every fairness metric reads.
 */
public final class SelectionRate {

    public static final String ID = GroupRate.SELECTION.id();

    private SelectionRate() {
    }

    public static MetricValue of(String scope, GroupKey group, GroupState state, double confidence) {
        if (state.predicted() == 0) {
            return MetricValue.undefined(ID, scope, group.id(), 0, "no rows with a prediction in this group", null);
        }
        double rate = GroupRate.SELECTION.of(state).orElseThrow();
        return MetricValue.defined(ID, scope, group.id(), rate,
                Proportions.wilson(state.favorable(), state.predicted(), confidence).orElseThrow(),
                state.predicted(), null);
    }

    public static List<MetricValue> all(String scope, Map<GroupKey, GroupState> groups, double confidence) {
        List<MetricValue> values = new ArrayList<>();
        Groups.sorted(groups).forEach(e -> values.add(of(scope, e.getKey(), e.getValue(), confidence)));
        return values;
    }
}
