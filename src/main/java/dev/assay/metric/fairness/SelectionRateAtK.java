package dev.assay.metric.fairness;

import dev.assay.metric.GroupKey;
import dev.assay.metric.MetricValue;
import dev.assay.stats.Proportions;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code selection_rate_at_k}: the share of a group's ranked rows that a shortlist of the top k by score
 * (descending) selects, selected / ranked, per group and overall (there min(k, ranked) / ranked). The selection
 * rate of Fairlearn and the four-fifths rule with "in the top k" as the favorable decision, as NYC LL144
 * (6 RCNY 5-300) reads a tool that ranks candidates for a shortlist. Rows tied at the k-th score count by their
 * chance of selection ({@link Cut}); the rate is then exact but has no interval. Wilson interval otherwise;
 * {@code at} says the cut ("top 10"), undefined for a group no ranked row of which exists.
 */
public final class SelectionRateAtK {

    public static final String ID = "selection_rate_at_k";

    private SelectionRateAtK() {
    }

    public static List<MetricValue> all(String scope, RankedGroups ranked, double confidence) {
        List<MetricValue> values = new ArrayList<>();
        for (Map.Entry<GroupKey, RankedGroup> e : ranked.entries()) {
            values.add(ranked.described(of(scope, e.getKey().id(), e.getValue(), ranked.cut(), confidence), e.getValue()));
        }
        return values;
    }

    static MetricValue of(String scope, String group, RankedGroup g, Cut cut, double confidence) {
        if (g.ranked() == 0) {
            return MetricValue.undefined(ID, scope, group, 0, RankedGroups.NO_SCORE, null);
        }
        Selections s = g.selections(cut);
        return MetricValue.defined(ID, scope, group, s.rate(),
                s.whole() ? Proportions.wilson(s.count(), s.decided(), confidence).orElseThrow() : null, g.ranked(), null);
    }
}
