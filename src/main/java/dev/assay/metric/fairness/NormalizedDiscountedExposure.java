package dev.assay.metric.fairness;

import dev.assay.metric.GroupKey;
import dev.assay.metric.MetricValue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code normalized_discounted_exposure}: a group's mean {@link Exposure} over the mean exposure of every ranked
 * row, Exposure(G) / Exposure(all) = (Σ_{i in G} v_i / |G|) / (Σ_i v_i / n), with the same logarithmic discount
 * v_j = 1 / log2(1 + j), the same cut and the same ties. 1 is parity: Singh and Joachims's (2018, §4.1)
 * demographic parity of exposure holds when every group's value is 1; below 1 a group is seen less than an
 * average row. Normalized to the whole as Fairlearn's {@code ratio_to_overall} is, so the values of a scope
 * compare directly; the whole dataset's own value is exactly 1. Undefined for a group without ranked rows, and
 * when nothing is exposed (a cut of k = 0).
 */
public final class NormalizedDiscountedExposure {

    public static final String ID = "normalized_discounted_exposure";

    /** The whole ranking, as comparisons against it name it. */
    static final String OVERALL = "(overall)";

    private NormalizedDiscountedExposure() {
    }

    public static List<MetricValue> all(String scope, RankedGroups ranked) {
        List<MetricValue> values = new ArrayList<>();
        RankedGroup all = ranked.overall();
        for (Map.Entry<GroupKey, RankedGroup> e : ranked.entries()) {
            RankedGroup g = e.getValue();
            String group = e.getKey().id();
            MetricValue v;
            if (g.ranked() == 0) {
                v = MetricValue.undefined(ID, scope, group, 0, RankedGroups.NO_SCORE, null);
            } else if (all.exposure() == 0) {
                v = MetricValue.undefined(ID, scope, group, g.ranked(), "no position within the cut is exposed", OVERALL);
            } else if (e.getKey().values().isEmpty()) {
                // The whole against itself: exactly 1, as the reference of an impact ratio is.
                v = MetricValue.defined(ID, scope, group, 1.0, null, g.ranked(), OVERALL);
            } else {
                v = MetricValue.defined(ID, scope, group, g.meanExposure() / all.meanExposure(), null, g.ranked(), OVERALL);
            }
            values.add(ranked.described(v, g));
        }
        return values;
    }
}
