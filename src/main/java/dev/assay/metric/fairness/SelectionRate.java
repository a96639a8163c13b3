package dev.assay.metric.fairness;

import dev.assay.metric.GroupKey;
import dev.assay.metric.counts.GroupState;
import dev.assay.metric.counts.Groups;
import dev.assay.metric.MetricValue;
import dev.assay.stats.Proportions;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code selection_rate}: the share of a group's predictions that are the favorable outcome,
 * favorable / predicted (Fairlearn's selection_rate), with a Wilson score interval.
 */
public final class SelectionRate {

    public static final String ID = "selection_rate";

    private SelectionRate() {
    }

    public static MetricValue of(String scope, GroupKey group, GroupState state, double confidence) {
        if (state.predicted() == 0) {
            return MetricValue.undefined(ID, scope, group.id(), 0, "no rows with a prediction in this group", null);
        }
        double rate = (double) state.favorable() / state.predicted();
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
