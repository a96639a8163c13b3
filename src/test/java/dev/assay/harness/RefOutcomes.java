package dev.assay.harness;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.ToLongFunction;

import static dev.assay.harness.Expected.Tolerance.COUNT;
import static dev.assay.harness.Expected.Tolerance.RATE;
import static dev.assay.harness.Expected.Tolerance.UNBOUNDED;

/**
 * Row by row, the metrics of the model's outcomes (README, "Metric reference"): counts and every
 * confusion rate per group and overall, the comparisons against the reference group, Fairlearn's
 * disparities, AIF360's inequality indices. Frequency weights count as that many rows.
 *
 * <p>Contract: a missing label leaves the row out of everything that needs labels; a missing
 * prediction out of everything that needs predictions; a missing group forms no group (reported
 * as "(unknown)" for per-group values, never compared). base_rate (AIF360) and label_balance count
 * labeled rows, whatever the prediction.
 */
final class RefOutcomes {

    static final long MINIMUM_GROUP_SIZE = 30;

    /** Counts of one group, summed row by row. */
    static final class Counts {
        long rows;
        long predicted;
        long favorable;
        long tp;
        long fp;
        long fn;
        long tn;
        long labeled;
        long positives;
        long scored;
        double scoreSum;

        void add(Obs o) {
            long w = o.w();
            rows += w;
            if (o.p() != null) {
                predicted += w;
                if (o.p() == 1) {
                    favorable += w;
                }
            }
            if (o.y() != null) {
                labeled += w;
                if (o.y() == 1) {
                    positives += w;
                }
            }
            if (o.y() != null && o.p() != null) {
                if (o.y() == 1 && o.p() == 1) {
                    tp += w;
                } else if (o.y() == 0 && o.p() == 1) {
                    fp += w;
                } else if (o.y() == 1) {
                    fn += w;
                } else {
                    tn += w;
                }
            }
            if (o.s() != null) {
                scored += w;
                scoreSum += w * o.s();
            }
        }

        long both() {
            return tp + fp + fn + tn;
        }
    }

    /** A per-group rate: numerator and denominator. */
    record Rate(String id, ToLongFunction<Counts> num, ToLongFunction<Counts> den) {
        Double of(Counts c) {
            long d = den.applyAsLong(c);
            return d == 0 ? null : (double) num.applyAsLong(c) / d;
        }
    }

    static final List<Rate> RATES = List.of(
            new Rate("selection_rate", c -> c.favorable, c -> c.predicted),
            new Rate("base_rate", c -> c.positives, c -> c.labeled),
            new Rate("label_prevalence", c -> c.positives, c -> c.labeled),
            new Rate("true_positive_rate", c -> c.tp, c -> c.tp + c.fn),
            new Rate("false_positive_rate", c -> c.fp, c -> c.fp + c.tn),
            new Rate("false_negative_rate", c -> c.fn, c -> c.tp + c.fn),
            new Rate("true_negative_rate", c -> c.tn, c -> c.fp + c.tn),
            new Rate("positive_predictive_value", c -> c.tp, c -> c.tp + c.fp),
            new Rate("negative_predictive_value", c -> c.tn, c -> c.tn + c.fn),
            new Rate("false_discovery_rate", c -> c.fp, c -> c.tp + c.fp),
            new Rate("false_omission_rate", c -> c.fn, c -> c.tn + c.fn),
            new Rate("accuracy", c -> c.tp + c.tn, Counts::both),
            new Rate("precision", c -> c.tp, c -> c.tp + c.fp),
            new Rate("recall", c -> c.tp, c -> c.tp + c.fn));

    static Rate rate(String id) {
        return RATES.stream().filter(r -> r.id().equals(id)).findFirst().orElseThrow();
    }

    /** The groups of attribute g (by reported id, "(unknown)" included), in report order. */
    static Map<String, Counts> groups(List<Obs> rows) {
        Map<String, Counts> out = new TreeMap<>((a, b) -> a.equals(b) ? 0 : a.equals(Obs.UNKNOWN) ? 1 : b.equals(Obs.UNKNOWN) ? -1
                : a.compareTo(b));
        rows.forEach(o -> out.computeIfAbsent(o.groupId(), k -> new Counts()).add(o));
        return out;
    }

    static Counts overall(List<Obs> rows) {
        Counts c = new Counts();
        rows.forEach(c::add);
        return c;
    }

    static void expect(List<Obs> rows, Expected e) {
        Counts all = overall(rows);
        Map<String, Counts> groups = groups(rows);
        perGroup(e, null, null, all);
        groups.forEach((id, c) -> perGroup(e, "g", id, c));
        Counts unknown = groups.get(Obs.UNKNOWN);
        e.defined("unknown_count", "g", null, unknown == null ? 0 : unknown.rows, all.rows, COUNT);
        comparisons(e, groups);
        disparities(e, groups, all);
        inequality(e, rows, groups);
        // A binary classifier has no classes: the averages over classes and the class matrix are undefined, each
        // once per scope (MulticlassAuditTest holds their multiclass values to a reference).
        for (String id : List.of("precision_macro", "recall_macro", "f1_macro", "precision_micro", "recall_micro", "f1_micro",
                "confusion_matrix")) {
            e.undefined(id, null, null);
            e.undefined(id, "g", null);
        }
    }

    private static void perGroup(Expected e, String scope, String group, Counts c) {
        e.defined("count", scope, group, c.rows, c.rows, COUNT);
        for (Rate r : RATES) {
            e.rate(r.id(), scope, group, r.num().applyAsLong(c), r.den().applyAsLong(c));
        }
        long f1 = 2 * c.tp + c.fp + c.fn;
        if (f1 == 0) {
            e.undefined("f1", scope, group);
        } else {
            e.defined("f1", scope, group, 2.0 * c.tp / f1, c.both(), RATE);
        }
        if (c.scored == 0) {
            e.undefined("mean_score", scope, group);
        } else {
            e.defined("mean_score", scope, group, c.scoreSum / c.scored, c.scored, UNBOUNDED);
        }
        long negatives = c.labeled - c.positives;
        if (c.labeled == 0) {
            e.undefined("label_balance", scope, group);
        } else {
            e.defined("label_balance", scope, group, (double) Math.min(c.positives, negatives) / Math.max(c.positives, negatives),
                    c.labeled, RATE);
        }
    }

    /** The reference group: highest selection rate among known groups with at least 30 predictions; ties to the first by name. */
    static String reference(Map<String, Counts> groups) {
        String best = null;
        double rate = -1;
        for (Map.Entry<String, Counts> g : groups.entrySet()) {
            Counts c = g.getValue();
            if (g.getKey().equals(Obs.UNKNOWN) || c.predicted < MINIMUM_GROUP_SIZE) {
                continue;
            }
            double r = (double) c.favorable / c.predicted;
            if (r > rate) {
                rate = r;
                best = g.getKey();
            }
        }
        return best;
    }

    private static void comparisons(Expected e, Map<String, Counts> groups) {
        String refId = reference(groups);
        Counts ref = refId == null ? null : groups.get(refId);
        Rate sr = rate("selection_rate");
        for (Map.Entry<String, Counts> g : groups.entrySet()) {
            if (g.getKey().equals(Obs.UNKNOWN)) {
                continue;
            }
            String id = g.getKey();
            Counts c = g.getValue();
            // impact_ratio (EEOC): SR(g) / SR(ref)
            if (c.predicted == 0 || ref == null || ref.favorable == 0) {
                e.undefined("impact_ratio", "g", id);
            } else {
                e.defined("impact_ratio", "g", id, sr.of(c) / sr.of(ref), c.predicted, UNBOUNDED);
            }
            // The Mantel-Haenszel ratios without control columns: one stratum, the crude risk ratio and the crude odds
            // ratio ad / bc; the reference's own is 1.
            if (c.predicted == 0 || ref == null || ref.favorable == 0) {
                e.undefined("mantel_haenszel_impact_ratio", "g", id);
                e.undefined("mantel_haenszel_odds_ratio", "g", id);
            } else {
                e.defined("mantel_haenszel_impact_ratio", "g", id, sr.of(c) / sr.of(ref), c.predicted, UNBOUNDED);
                long b = c.predicted - c.favorable;
                if (id.equals(refId)) {
                    e.defined("mantel_haenszel_odds_ratio", "g", id, 1.0, c.predicted, UNBOUNDED);
                } else if (b == 0) {
                    e.undefined("mantel_haenszel_odds_ratio", "g", id);
                } else {
                    e.defined("mantel_haenszel_odds_ratio", "g", id, (double) c.favorable * (ref.predicted - ref.favorable)
                            / ((double) b * ref.favorable), c.predicted, UNBOUNDED);
                }
            }
            if (ref == null || c.predicted == 0) {
                e.undefined("statistical_parity_difference", "g", id);
                e.undefined("disparate_impact", "g", id);
            } else {
                e.defined("statistical_parity_difference", "g", id, sr.of(c) - sr.of(ref), c.predicted, RATE);
                if (ref.favorable == 0) {
                    e.undefined("disparate_impact", "g", id);
                } else {
                    e.defined("disparate_impact", "g", id, sr.of(c) / sr.of(ref), c.predicted, UNBOUNDED);
                }
            }
            // What the comparison could have missed: Power's r* (its formula is PowerTest's) on this reference's counts.
            Double md = ref == null || id.equals(refId) ? null : detectable(c.predicted, ref.predicted, sr.of(ref));
            e.put("minimum_detectable_impact_ratio", "g", id, null, md, md == null ? null : c.predicted, UNBOUNDED);
            e.put("minimum_detectable_disparate_impact", "g", id, null, md, md == null ? null : c.predicted, UNBOUNDED);
            Double mdd = md == null ? null : sr.of(ref) * (1 - md);
            e.put("minimum_detectable_statistical_parity_difference", "g", id, null, mdd, md == null ? null : c.predicted, RATE);
            halfSum(e, "average_odds_difference", id, c, ref, rate("false_positive_rate"), rate("true_positive_rate"), false);
            halfSum(e, "average_abs_odds_difference", id, c, ref, rate("false_positive_rate"), rate("true_positive_rate"), true);
            halfSum(e, "average_predictive_value_difference", id, c, ref, rate("positive_predictive_value"),
                    rate("false_omission_rate"), false);
        }
    }

    private static void halfSum(Expected e, String metric, String group, Counts c, Counts ref, Rate first, Rate second,
                                boolean absolute) {
        if (ref == null || first.of(c) == null || first.of(ref) == null || second.of(c) == null || second.of(ref) == null) {
            e.undefined(metric, "g", group);
            return;
        }
        double x = first.of(c) - first.of(ref);
        double y = second.of(c) - second.of(ref);
        e.defined(metric, "g", group, absolute ? (Math.abs(x) + Math.abs(y)) / 2 : (x + y) / 2, c.both(), RATE);
    }

    /** Fairlearn's MetricFrame.difference / ratio over the known groups whose rate is defined. */
    private static Double disparity(Rate r, boolean ratio, boolean toOverall, Map<String, Counts> groups, Counts all) {
        List<Double> defined = new ArrayList<>();
        groups.forEach((id, c) -> {
            if (!id.equals(Obs.UNKNOWN) && r.of(c) != null) {
                defined.add(r.of(c));
            }
        });
        if (defined.isEmpty()) {
            return null;
        }
        double max = defined.stream().mapToDouble(Double::doubleValue).max().orElseThrow();
        double min = defined.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
        if (!toOverall) {
            if (ratio) {
                return max == 0 ? null : Double.valueOf(min / max);
            }
            return max - min;
        }
        Double o = r.of(all);
        if (o == null) {
            return null;
        }
        double worst = ratio ? 1 : 0;
        for (double g : defined) {
            worst = ratio ? Math.min(worst, g == o ? 1 : Math.max(g, o) == 0 ? 1 : Math.min(g, o) / Math.max(g, o))
                    : Math.max(worst, Math.abs(g - o));
        }
        return worst;
    }

    private static long definedDenominators(Rate r, Map<String, Counts> groups) {
        long n = 0;
        for (Map.Entry<String, Counts> g : groups.entrySet()) {
            if (!g.getKey().equals(Obs.UNKNOWN) && r.of(g.getValue()) != null) {
                n += r.den().applyAsLong(g.getValue());
            }
        }
        return n;
    }

    private static void disparity(Expected e, String id, Rate r, boolean ratio, boolean toOverall, Map<String, Counts> groups,
                                  Counts all) {
        Double v = disparity(r, ratio, toOverall, groups, all);
        e.put(id, "g", null, null, v, v == null ? null : definedDenominators(r, groups), ratio ? UNBOUNDED : RATE);
    }

    /** r* of n rows against m at the reference's rate, one-sided 5%, 80% power; null when none exists. */
    private static Double detectable(long n, long m, Double refRate) {
        if (n == 0 || refRate == null || refRate == 0) {
            return null;
        }
        return dev.assay.stats.Power.minimumDetectableRatio(n, m, refRate, 0.05, 0.8).orElse(null);
    }

    /**
     * A scope's minimum detectable disparity: the least sensitive group's r* (or d*) against the group with the highest
     * rate (the first by name among ties); null when fewer than two groups have the rate or any group has none.
     */
    private static Double detectableDisparity(Rate r, boolean ratio, Map<String, Counts> groups) {
        String top = null;
        for (Map.Entry<String, Counts> g : groups.entrySet()) {
            if (!g.getKey().equals(Obs.UNKNOWN) && r.of(g.getValue()) != null && (top == null || r.of(g.getValue()) > r.of(groups.get(top)))) {
                top = g.getKey();
            }
        }
        Double worst = null;
        int defined = 0;
        for (Map.Entry<String, Counts> g : groups.entrySet()) {
            if (g.getKey().equals(Obs.UNKNOWN) || r.of(g.getValue()) == null) {
                continue;
            }
            defined++;
            if (g.getKey().equals(top)) {
                continue;
            }
            Counts t = groups.get(top);
            Double v = detectable(r.den().applyAsLong(g.getValue()), r.den().applyAsLong(t), r.of(t));
            if (v == null) {
                return null;
            }
            double effect = ratio ? v : r.of(t) * (1 - v);
            worst = worst == null ? effect : ratio ? Math.min(worst, effect) : Math.max(worst, effect);
        }
        return defined < 2 ? null : worst;
    }

    private static void detectableDisparity(Expected e, String id, Rate r, boolean ratio, Map<String, Counts> groups) {
        Double v = detectableDisparity(r, ratio, groups);
        e.put("minimum_detectable_" + id, "g", null, null, v, v == null ? null : definedDenominators(r, groups), ratio ? UNBOUNDED : RATE);
    }

    private static void disparities(Expected e, Map<String, Counts> groups, Counts all) {
        for (Rate r : RATES) {
            detectableDisparity(e, r.id() + "_difference", r, false, groups);
            detectableDisparity(e, r.id() + "_ratio", r, true, groups);
            disparity(e, r.id() + "_difference", r, false, false, groups, all);
            disparity(e, r.id() + "_ratio", r, true, false, groups, all);
            disparity(e, r.id() + "_difference_to_overall", r, false, true, groups, all);
            disparity(e, r.id() + "_ratio_to_overall", r, true, true, groups, all);
        }
        disparity(e, "demographic_parity_difference", rate("selection_rate"), false, false, groups, all);
        disparity(e, "demographic_parity_ratio", rate("selection_rate"), true, false, groups, all);
        disparity(e, "equal_opportunity_difference", rate("true_positive_rate"), false, false, groups, all);
        disparity(e, "equal_opportunity_ratio", rate("true_positive_rate"), true, false, groups, all);
        detectableDisparity(e, "demographic_parity_difference", rate("selection_rate"), false, groups);
        detectableDisparity(e, "demographic_parity_ratio", rate("selection_rate"), true, groups);
        detectableDisparity(e, "equal_opportunity_difference", rate("true_positive_rate"), false, groups);
        detectableDisparity(e, "equal_opportunity_ratio", rate("true_positive_rate"), true, groups);
        for (boolean ratio : new boolean[] {false, true}) {
            Double tpr = detectableDisparity(rate("true_positive_rate"), ratio, groups);
            Double fpr = detectableDisparity(rate("false_positive_rate"), ratio, groups);
            // The less sensitive of the two rates: the smaller ratio, the larger difference; its own rate's denominators.
            boolean tprWorse = tpr != null && fpr != null && (ratio ? tpr <= fpr : tpr >= fpr);
            Double v = tpr == null || fpr == null ? null : tprWorse ? tpr : fpr;
            e.put("minimum_detectable_" + (ratio ? "equalized_odds_ratio" : "equalized_odds_difference"), "g", null, null, v,
                    v == null ? null : definedDenominators(rate(tprWorse ? "true_positive_rate" : "false_positive_rate"), groups),
                    ratio ? UNBOUNDED : RATE);
        }
        for (boolean ratio : new boolean[] {false, true}) {
            // Fairlearn's equalized odds, agg "worst_case": the worse of the TPR and FPR disparities.
            Double tpr = disparity(rate("true_positive_rate"), ratio, false, groups, all);
            Double fpr = disparity(rate("false_positive_rate"), ratio, false, groups, all);
            String id = ratio ? "equalized_odds_ratio" : "equalized_odds_difference";
            Double v = tpr == null || fpr == null ? null : ratio ? Math.min(tpr, fpr) : Math.max(tpr, fpr);
            e.put(id, "g", null, null, v, v == null ? null
                    : definedDenominators(rate("true_positive_rate"), groups) + definedDenominators(rate("false_positive_rate"), groups),
                    ratio ? UNBOUNDED : RATE);
        }
    }

    /** AIF360's generalized entropy index of b = prediction - label + 1 over the rows with both, alpha = 2. */
    private static void inequality(Expected e, List<Obs> rows, Map<String, Counts> groups) {
        long n = 0;
        double sum = 0;
        for (Obs o : rows) {
            if (o.y() != null && o.p() != null) {
                n += o.w();
                sum += o.w() * (o.p() - o.y() + 1);
            }
        }
        double mu = n == 0 ? 0 : sum / n;
        if (n == 0 || mu == 0) {
            e.undefined("generalized_entropy_index", null, null);
            e.undefined("theil_index", null, null);
            e.undefined("coefficient_of_variation", null, null);
        } else {
            double gei = 0;
            double theil = 0;
            for (Obs o : rows) {
                if (o.y() != null && o.p() != null) {
                    double r = (o.p() - o.y() + 1) / mu;
                    gei += o.w() * (r * r - 1);
                    theil += o.w() * (r == 0 ? 0 : r * Math.log(r));
                }
            }
            gei /= n * 2.0;
            e.defined("generalized_entropy_index", null, null, gei, n, UNBOUNDED);
            e.defined("theil_index", null, null, theil / n, n, UNBOUNDED);
            e.defined("coefficient_of_variation", null, null, Math.sqrt(2 * gei), n, UNBOUNDED);
        }
        // Between groups: each benefit replaced by its group's mean (rows of unknown group are a group here).
        if (n == 0 || sum == 0) {
            e.undefined("between_group_generalized_entropy_index", "g", null);
            return;
        }
        double between = 0;
        for (Counts c : groups.values()) {
            long m = c.both();
            if (m == 0) {
                continue;
            }
            double r = ((c.tp + c.tn + 2.0 * c.fp) / m) / mu;
            between += m * (r * r - 1);
        }
        e.defined("between_group_generalized_entropy_index", "g", null, between / (n * 2.0), n, UNBOUNDED);
    }
}
