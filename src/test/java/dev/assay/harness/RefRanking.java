package dev.assay.harness;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static dev.assay.harness.Expected.Tolerance.RATE;
import static dev.assay.harness.Expected.Tolerance.UNBOUNDED;

/**
 * Row by row, the ranking metrics an audit's extra metrics give (README, "Rankings and shortlists"): no rule, so
 * no cut, so the whole ranking. The rows with a score, sorted by score, descending; each tie of equal scores
 * (0.0 and -0.0 are equal) takes positions above+1 .. above+t, t its weight, and each of its rows the mean of
 * 1 / log2(1 + j) over them, times its weight. {@code exposure} per group and overall is the mean;
 * {@code normalized_discounted_exposure} a group's over the whole's; {@code exposure_ratio} the lowest group's over
 * the highest's among the known groups of at least 30 ranked rows (the default minimum group size). The shortlist's
 * metrics need a rule's cut, so they are undefined. A missing or non-finite score ranks nowhere.
 */
final class RefRanking {

    static final int MINIMUM_GROUP_SIZE = 30;

    private RefRanking() {
    }

    static void expect(List<Obs> rows, Expected e) {
        List<Obs> scored = new ArrayList<>(rows.stream().filter(o -> o.s() != null).toList());
        scored.sort(Comparator.comparingDouble((Obs o) -> o.s()).reversed());
        Map<String, double[]> sums = new LinkedHashMap<>();   // group id -> {ranked, exposure}
        RefOutcomes.groups(rows).keySet().forEach(k -> sums.put(k, new double[2]));
        double[] whole = new double[2];
        long above = 0;
        int i = 0;
        while (i < scored.size()) {
            int j = i;
            long t = 0;
            while (j < scored.size() && scored.get(j).s().doubleValue() == scored.get(i).s().doubleValue()) {
                t += scored.get(j).w();
                j++;
            }
            double bias = 0;
            for (long position = above + 1; position <= above + t; position++) {
                bias += 1 / (Math.log(1 + position) / Math.log(2));
            }
            for (int r = i; r < j; r++) {
                Obs o = scored.get(r);
                double[] g = sums.get(o.groupId());
                g[0] += o.w();
                whole[0] += o.w();
                if (t > 0) {
                    g[1] += o.w() * bias / t;
                    whole[1] += o.w() * bias / t;
                }
            }
            above += t;
            i = j;
        }
        exposure(e, null, null, whole, whole);
        sums.forEach((g, s) -> exposure(e, "g", g, s, whole));
        e.undefined("selection_rate_at_k", null, null);
        e.undefined("selection_rate_at_k", "g", null);
        e.undefined("impact_ratio_at_k", "g", null);

        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        long n = 0;
        int compared = 0;
        for (Map.Entry<String, double[]> s : sums.entrySet()) {
            if (!s.getKey().equals(Obs.UNKNOWN) && s.getValue()[0] >= MINIMUM_GROUP_SIZE) {
                double mean = s.getValue()[1] / s.getValue()[0];
                lo = Math.min(lo, mean);
                hi = Math.max(hi, mean);
                n += (long) s.getValue()[0];
                compared++;
            }
        }
        if (compared < 2) {
            e.undefined("exposure_ratio", "g", null);
        } else {
            e.defined("exposure_ratio", "g", null, lo / hi, n, RATE);
        }
    }

    private static void exposure(Expected e, String scope, String group, double[] s, double[] whole) {
        if (s[0] == 0) {
            e.undefined("exposure", scope, group);
            e.undefined("normalized_discounted_exposure", scope, group);
            return;
        }
        e.defined("exposure", scope, group, s[1] / s[0], (long) s[0], RATE);
        e.defined("normalized_discounted_exposure", scope, group, (s[1] / s[0]) / (whole[1] / whole[0]), (long) s[0], UNBOUNDED);
    }
}
