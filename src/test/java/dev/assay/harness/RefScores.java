package dev.assay.harness;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static dev.assay.harness.Expected.Tolerance.RATE;
import static dev.assay.harness.Expected.Tolerance.UNBOUNDED;

/**
 * Row by row, the score metrics per group and overall (README, "Metric reference"): Brier, log loss
 * (p clipped to [1e-15, 1 - 1e-15]), calibration in ten bins, expected calibration error, threshold
 * sweeps at 0.1 ... 0.9, the exact ROC AUC (Mann-Whitney U over every positive-negative pair, ties one
 * half), NYC LL144's scoring rate (strictly above the sample median) and scoring impact ratio. A
 * missing or non-finite score leaves the row out of every score metric; a missing label out of those
 * needing labels. Every group of the scope gets a value, undefined when it has no rows for it.
 */
final class RefScores {

    static final double[] THRESHOLDS = {0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9};
    static final double EPSILON = 1e-15;

    static void expect(List<Obs> rows, Expected e) {
        Map<String, List<Obs>> groups = new LinkedHashMap<>();
        RefOutcomes.groups(rows).keySet().forEach(k -> groups.put(k, new ArrayList<>()));
        rows.forEach(o -> groups.get(o.groupId()).add(o));
        perGroup(e, null, null, rows);
        groups.forEach((id, members) -> perGroup(e, "g", id, members));
        Double median = median(rows);
        scoring(e, groups, rows, median);
    }

    static int bin(double s) {
        for (int k = THRESHOLDS.length; k >= 1; k--) {
            if (s >= THRESHOLDS[k - 1]) {
                return k;
            }
        }
        return 0;
    }

    static String binLabel(int b) {
        return String.format(Locale.ROOT, "score in [%.1f, %.1f%s", b / 10.0, (b + 1) / 10.0, b == 9 ? "]" : ")");
    }

    private static void perGroup(Expected e, String scope, String group, List<Obs> rows) {
        long n = 0;
        double brier = 0;
        double logLoss = 0;
        long[] binCount = new long[10];
        long[] binPositives = new long[10];
        double[] binSum = new double[10];
        long scored = 0;
        long positives = 0;
        long negatives = 0;
        long[] selected = new long[9];
        long[] tp = new long[9];
        long[] fp = new long[9];
        for (Obs o : rows) {
            if (o.s() == null) {
                continue;
            }
            double s = o.s();
            long w = o.w();
            scored += w;
            for (int i = 0; i < 9; i++) {
                if (s >= THRESHOLDS[i]) {
                    selected[i] += w;
                }
            }
            if (o.y() == null) {
                continue;
            }
            int y = o.y();
            n += w;
            brier += w * (s - y) * (s - y);
            double p = Math.max(EPSILON, Math.min(1 - EPSILON, s));
            logLoss += w * (y == 1 ? -Math.log(p) : -Math.log(1 - p));
            int b = bin(s);
            binCount[b] += w;
            binSum[b] += w * s;
            binPositives[b] += w * y;
            if (y == 1) {
                positives += w;
            } else {
                negatives += w;
            }
            for (int i = 0; i < 9; i++) {
                if (s >= THRESHOLDS[i]) {
                    if (y == 1) {
                        tp[i] += w;
                    } else {
                        fp[i] += w;
                    }
                }
            }
        }
        if (n == 0) {
            e.undefined("brier_score", scope, group);
            e.undefined("log_loss", scope, group);
            e.undefined("expected_calibration_error", scope, group);
        } else {
            e.defined("brier_score", scope, group, brier / n, n, UNBOUNDED);
            e.defined("log_loss", scope, group, logLoss / n, n, UNBOUNDED);
            double ece = 0;
            for (int b = 0; b < 10; b++) {
                if (binCount[b] > 0) {
                    ece += Math.abs((double) binPositives[b] / binCount[b] - binSum[b] / binCount[b]) * binCount[b];
                }
            }
            e.defined("expected_calibration_error", scope, group, ece / n, n, UNBOUNDED);
        }
        for (int b = 0; b < 10; b++) {
            e.put("calibration", scope, group, binLabel(b), binCount[b] == 0 ? null : (double) binPositives[b] / binCount[b],
                    binCount[b], RATE);
        }
        for (int i = 0; i < 9; i++) {
            String at = String.format(Locale.ROOT, "score >= %.1f", THRESHOLDS[i]);
            e.put("selection_rate_at_threshold", scope, group, at, scored == 0 ? null : (double) selected[i] / scored, scored, RATE);
            e.put("true_positive_rate_at_threshold", scope, group, at, positives == 0 ? null : (double) tp[i] / positives,
                    positives, RATE);
            e.put("false_positive_rate_at_threshold", scope, group, at, negatives == 0 ? null : (double) fp[i] / negatives,
                    negatives, RATE);
        }
        auc(e, scope, group, rows);
    }

    /** Mann-Whitney over every (positive, negative) pair, each pair weighted by both rows' weights. */
    private static void auc(Expected e, String scope, String group, List<Obs> rows) {
        double u = 0;
        long p = 0;
        long q = 0;
        for (Obs a : rows) {
            if (a.s() == null || a.y() == null) {
                continue;
            }
            if (a.y() == 1) {
                p += a.w();
            } else {
                q += a.w();
                continue;
            }
            for (Obs b : rows) {
                if (b.s() == null || b.y() == null || b.y() != 0) {
                    continue;
                }
                double win = a.s() > b.s() ? 1 : a.s().equals(b.s()) ? 0.5 : 0;
                u += a.w() * b.w() * win;
            }
        }
        if (p == 0 || q == 0) {
            e.undefined("roc_auc", scope, group);
        } else {
            e.defined("roc_auc", scope, group, u / ((double) p * q), p + q, RATE);
        }
    }

    /** The median of the scores of the whole dataset, each row counted by its weight; null without scores. */
    static Double median(List<Obs> rows) {
        List<Double> all = new ArrayList<>();
        rows.forEach(o -> {
            if (o.s() != null) {
                for (long i = 0; i < o.w(); i++) {
                    all.add(o.s());
                }
            }
        });
        if (all.isEmpty()) {
            return null;
        }
        all.sort(Double::compare);
        int n = all.size();
        return n % 2 == 1 ? all.get(n / 2) : (all.get(n / 2 - 1) + all.get(n / 2)) / 2;
    }

    private static void scoring(Expected e, Map<String, List<Obs>> groups, List<Obs> rows, Double median) {
        Map<String, long[]> counts = new LinkedHashMap<>();
        for (Map.Entry<String, List<Obs>> g : groups.entrySet()) {
            long scored = 0;
            long above = 0;
            for (Obs o : g.getValue()) {
                if (o.s() != null) {
                    scored += o.w();
                    if (median != null && o.s() > median) {
                        above += o.w();
                    }
                }
            }
            counts.put(g.getKey(), new long[] {above, scored});
        }
        // Overall too (scope null, group null): scoring_rate is a per-group metric.
        long all = 0;
        long allAbove = 0;
        for (Obs o : rows) {
            if (o.s() != null) {
                all += o.w();
                allAbove += median != null && o.s() > median ? o.w() : 0;
            }
        }
        e.rate("scoring_rate", null, null, allAbove, all);
        counts.forEach((g, c) -> e.rate("scoring_rate", "g", g, c[0], c[1]));
        // The whole dataset is one category: its own reference when it has 30 scored rows.
        if (all == 0 || all < RefOutcomes.MINIMUM_GROUP_SIZE || allAbove == 0) {
            e.undefined("scoring_impact_ratio", null, null);
        } else {
            e.defined("scoring_impact_ratio", null, null, 1.0, all, UNBOUNDED);
        }
        String reference = null;
        double best = -1;
        for (Map.Entry<String, long[]> c : counts.entrySet()) {
            if (c.getKey().equals(Obs.UNKNOWN) || c.getValue()[1] < RefOutcomes.MINIMUM_GROUP_SIZE) {
                continue;
            }
            double rate = (double) c.getValue()[0] / c.getValue()[1];
            if (rate > best) {
                best = rate;
                reference = c.getKey();
            }
        }
        for (Map.Entry<String, long[]> c : counts.entrySet()) {
            if (c.getKey().equals(Obs.UNKNOWN)) {
                continue;
            }
            long[] v = c.getValue();
            if (v[1] == 0 || reference == null || best == 0) {
                e.undefined("scoring_impact_ratio", "g", c.getKey());
            } else {
                e.defined("scoring_impact_ratio", "g", c.getKey(), ((double) v[0] / v[1]) / best, v[1], UNBOUNDED);
            }
        }
    }
}
