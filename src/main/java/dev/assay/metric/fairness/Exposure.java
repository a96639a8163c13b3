package dev.assay.metric.fairness;

import dev.assay.metric.GroupKey;
import dev.assay.metric.MetricValue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code exposure}: a group's mean exposure in the ranking by score (descending), (1/|G|) Σ_{i in G} v(rank i)
 * with the position bias v(j) = 1 / log2(1 + j) (Singh and Joachims 2018, "Fairness of Exposure in Rankings",
 * KDD, §3 and §4.1: Exposure(G | P), the DCG discount of Järvelin and Kekäläinen 2002). Without a cut, every
 * position of the whole ranking counts; with the rule's k or share, positions beyond the k-th count 0 (a
 * shortlist of k is all a reader sees). Rows tied in score each take the mean of v over the positions the tie
 * occupies (their expected exposure under a random tie-break), so ties are exact and order-free. In (0, 1]
 * (0 only beyond the cut); undefined for a group none of whose rows has a score.
 */
public final class Exposure {

    public static final String ID = "exposure";

    private Exposure() {
    }

    public static List<MetricValue> all(String scope, RankedGroups ranked) {
        List<MetricValue> values = new ArrayList<>();
        for (Map.Entry<GroupKey, RankedGroup> e : ranked.entries()) {
            RankedGroup g = e.getValue();
            MetricValue v = g.ranked() == 0 ? MetricValue.undefined(ID, scope, e.getKey().id(), 0, RankedGroups.NO_SCORE, null)
                    : MetricValue.defined(ID, scope, e.getKey().id(), g.meanExposure(), null, g.ranked(), null);
            values.add(ranked.described(v, g));
        }
        return values;
    }
}
