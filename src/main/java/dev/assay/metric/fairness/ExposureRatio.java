package dev.assay.metric.fairness;

import dev.assay.metric.GroupKey;
import dev.assay.metric.MetricValue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code exposure_ratio}: per scope, the lowest group's mean {@link Exposure} over the highest's, in [0, 1]
 * (1 is Singh and Joachims's 2018 demographic parity of exposure; FairRankTune's exposure ratio, Cachel et
 * al., takes min over max of the same group means). Over the known groups with at least the rule's minimum group
 * size of ranked rows, as the impact ratio's reference is chosen: a group of one row has the exposure of a single
 * position, which says nothing of the ranker. The groups compared are named in {@code reference} ("highest A,
 * lowest B"), those left out in the note. Undefined when fewer than two groups qualify or the highest is 0.
 */
public final class ExposureRatio {

    public static final String ID = "exposure_ratio";

    private ExposureRatio() {
    }

    public static MetricValue of(String scope, RankedGroups ranked, long minimumGroupSize) {
        List<Map.Entry<GroupKey, RankedGroup>> compared = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        long n = 0;
        for (Map.Entry<GroupKey, RankedGroup> e : ranked.entries()) {
            if (e.getKey().hasUnknown() || e.getKey().values().isEmpty()) {
                continue;
            }
            if (e.getValue().ranked() >= Math.max(1, minimumGroupSize)) {
                compared.add(e);
                n += e.getValue().ranked();
            } else {
                skipped.add(e.getKey().id() + " (" + e.getValue().ranked() + " ranked)");
            }
        }
        String note = skipped.isEmpty() ? null : "skipped, fewer than " + minimumGroupSize + " ranked rows: " + String.join(", ", skipped);
        if (compared.size() < 2) {
            return atCut(ranked, MetricValue.undefined(ID, scope, null, n, "needs two groups of at least " + Math.max(1, minimumGroupSize)
                    + " ranked rows", null).withNote(note));
        }
        Map.Entry<GroupKey, RankedGroup> max = compared.get(0);
        Map.Entry<GroupKey, RankedGroup> min = compared.get(0);
        for (Map.Entry<GroupKey, RankedGroup> e : compared) {
            if (e.getValue().meanExposure() > max.getValue().meanExposure()) {
                max = e;
            }
            if (e.getValue().meanExposure() < min.getValue().meanExposure()) {
                min = e;
            }
        }
        String between = "highest " + max.getKey().id() + ", lowest " + min.getKey().id();
        double hi = max.getValue().meanExposure();
        if (hi == 0) {
            return atCut(ranked, MetricValue.undefined(ID, scope, null, n, "no compared group is exposed within the cut", between)
                    .withNote(note));
        }
        return atCut(ranked, MetricValue.defined(ID, scope, null, min.getValue().meanExposure() / hi, null, n, between).withNote(note));
    }

    /** The value with its cut, and the cut's facts the whole ranking's note states. */
    private static MetricValue atCut(RankedGroups ranked, MetricValue v) {
        RankedGroup whole = new RankedGroup(ranked.overall().ranked(), ranked.overall().unranked(), 0, 0, 0);
        return ranked.described(v, whole);
    }
}
