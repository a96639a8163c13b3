package dev.assay.metric.fairness;

import dev.assay.metric.GroupKey;
import dev.assay.metric.MetricValue;
import dev.assay.metric.counts.ConfusionRates;
import dev.assay.metric.counts.GroupRate;
import dev.assay.metric.counts.GroupState;
import dev.assay.metric.counts.Groups;
import dev.assay.stats.Power;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * {@code minimum_detectable_<comparison>}: what a comparison of rates could have missed. For every impact ratio,
 * reference comparison and between-groups disparity of a rate, the smallest effect of the same kind the audit
 * could have detected with 80% power ({@link Power#CONVENTIONAL}) by the one-sided two-proportion z-test at
 * α = 1 − the rule's confidence, given the group sizes (Fleiss, Levin and Paik 2003, §4.2, §4.4; see
 * {@link Power}): a ratio r* (a true ratio at or below it would have been seen) or a difference
 * d* = p_ref (1 − r*) (a true shortfall of d* or more would have been seen). The reference's rate is taken as its
 * true rate; the drop is below the reference (the adverse direction the rules judge).
 *
 * <ul>
 * <li>Per group (of {@code impact_ratio}, {@code disparate_impact}, {@code statistical_parity_difference}): the
 * group's predictions against the reference's, at the reference's selection rate; the reference itself has
 * none (no comparison).</li>
 * <li>Per scope (of {@code demographic_parity_*}, {@code equal_opportunity_*}, {@code <rate>_difference},
 * {@code <rate>_ratio}): max − min and min / max compare the extremes, and any group could have been the low
 * one, so the scope's value is the least sensitive group's against the group with the highest rate (each over
 * the rate's denominator: predictions, rows labeled positive, ...), named in the note. Equalized odds: the less
 * sensitive of its two rates. Groups whose rate is undefined are skipped, as the disparity skips them.</li>
 * </ul>
 * Undefined, with the reason, where no drop can be detected at that power: an empty group, a reference rate of
 * 0, or groups so small that even a rate of 0 would be missed more than one time in five.
 */
public final class MinimumDetectable {

    /** The prefix of every id: {@code minimum_detectable_} + the id of the comparison it accompanies. */
    public static final String PREFIX = "minimum_detectable_";

    public static final String IMPACT_RATIO = PREFIX + ImpactRatio.ID;

    /** Whether the effect is read as a ratio (r*) or a difference (d*). */
    public enum Scale {
        RATIO, DIFFERENCE
    }

    private MinimumDetectable() {
    }

    /** The id of the minimum detectable effect of comparison {@code metric}. */
    public static String of(String metric) {
        return PREFIX + metric;
    }

    /** The scale of comparison {@code metric}'s effect: ratios for ratios and impact, differences otherwise. */
    public static Scale scaleOf(String metric) {
        return metric.endsWith("_ratio") || metric.equals(ReferenceComparisons.DISPARATE_IMPACT) ? Scale.RATIO : Scale.DIFFERENCE;
    }

    /** Per group, against the impact ratio's own reference (highest rate among groups of the minimum size, LL144's exclusion). */
    public static List<MetricValue> impactRatio(String scope, Map<GroupKey, GroupState> groups, long minimumGroupSize,
                                                double confidence, double excludeBelowShare) {
        Optional<Map.Entry<String, GroupState>> reference = ImpactRatio.reference(groups, minimumGroupSize, excludeBelowShare);
        var excluded = ImpactRatio.excluded(groups, excludeBelowShare);
        List<MetricValue> values = new ArrayList<>();
        for (Map.Entry<GroupKey, GroupState> e : Groups.sorted(groups)) {
            if (e.getKey().hasUnknown()) {
                continue;
            }
            if (excluded.test(e.getValue())) {
                values.add(MetricValue.undefined(IMPACT_RATIO, scope, e.getKey().id(), e.getValue().predicted(),
                        "excluded from the impact ratio (6 RCNY 5-301)", reference.map(Map.Entry::getKey).orElse(null)));
            } else {
                values.add(perGroup(IMPACT_RATIO, Scale.RATIO, scope, e.getKey().id(), e.getValue(), reference, confidence));
            }
        }
        return values;
    }

    /** Per group, against a reference chosen as the reference comparisons choose it ({@code disparate_impact}, ...). */
    public static List<MetricValue> againstReference(String id, Scale scale, String scope, Map<GroupKey, GroupState> groups,
                                                     Optional<Map.Entry<String, GroupState>> reference, double confidence) {
        List<MetricValue> values = new ArrayList<>();
        for (Map.Entry<GroupKey, GroupState> e : Groups.sorted(groups)) {
            if (!e.getKey().hasUnknown()) {
                values.add(perGroup(id, scale, scope, e.getKey().id(), e.getValue(), reference, confidence));
            }
        }
        return values;
    }

    private static MetricValue perGroup(String id, Scale scale, String scope, String group, GroupState g,
                                        Optional<Map.Entry<String, GroupState>> reference, double confidence) {
        if (reference.isEmpty()) {
            return MetricValue.undefined(id, scope, group, g.predicted(), "no reference group qualifies", null);
        }
        String refId = reference.get().getKey();
        if (group.equals(refId)) {
            return MetricValue.undefined(id, scope, group, g.predicted(), "the reference group: nothing is compared with it", refId);
        }
        return detectable(id, scale, scope, group, GroupRate.SELECTION, g, refId, reference.get().getValue(), confidence);
    }

    /** The effect one group could have shown against a reference, on one rate. */
    private static MetricValue detectable(String id, Scale scale, String scope, String group, GroupRate rate, GroupState g,
                                          String refId, GroupState ref, double confidence) {
        long n = rate.denominator(g);
        long m = rate.denominator(ref);
        Optional<Double> refRate = rate.of(ref);
        if (n == 0) {
            return MetricValue.undefined(id, scope, group, 0, "no rows to compare (" + rate.id() + " undefined)", refId);
        }
        if (refRate.isEmpty() || refRate.get() == 0) {
            return MetricValue.undefined(id, scope, group, n, "the reference's " + rate.id() + " is "
                    + (refRate.isEmpty() ? "undefined" : "0") + ": no lower rate exists to detect", refId);
        }
        double alpha = 1 - confidence;
        Optional<Double> ratio = Power.minimumDetectableRatio(n, m, refRate.get(), alpha, Power.CONVENTIONAL);
        if (ratio.isEmpty()) {
            return MetricValue.undefined(id, scope, group, n, String.format(Locale.ROOT,
                    "too few rows: with %d against %d, even a %s of 0 would be detected with less than 80%% power"
                            + " (one-sided z-test at %s)", n, m, rate.id(), percent(alpha)), refId);
        }
        double r = ratio.get();
        double d = refRate.get() * (1 - r);
        String note = String.format(Locale.ROOT, "with %d rows against %d (reference %s %.4f), a ratio of %.4f or lower"
                        + " (a shortfall of %.4f or more) is detected with 80%% power by the one-sided z-test at %s",
                n, m, rate.id(), refRate.get(), r, d, percent(alpha));
        return MetricValue.defined(id, scope, group, scale == Scale.RATIO ? r : d, null, n, refId).withNote(note);
    }

    /**
     * Per scope, for a between-groups disparity of {@code rate}: the least sensitive group's effect against the group
     * with the highest rate.
     */
    public static MetricValue betweenGroups(String id, Scale scale, GroupRate rate, String scope, Map<GroupKey, GroupState> groups,
                                            double confidence) {
        List<Map.Entry<GroupKey, GroupState>> defined = Groups.sorted(groups).stream()
                .filter(e -> !e.getKey().hasUnknown() && rate.of(e.getValue()).isPresent()).toList();
        if (defined.size() < 2) {
            return MetricValue.undefined(id, scope, null, defined.stream().mapToLong(e -> rate.denominator(e.getValue())).sum(),
                    "fewer than two groups have a defined " + rate.id() + ": nothing is compared", null);
        }
        Map.Entry<GroupKey, GroupState> top = defined.get(0);
        for (Map.Entry<GroupKey, GroupState> e : defined) {
            if (rate.of(e.getValue()).get() > rate.of(top.getValue()).get()) {
                top = e;
            }
        }
        String topId = top.getKey().id();
        MetricValue worst = null;
        long total = 0;
        for (Map.Entry<GroupKey, GroupState> e : defined) {
            total += rate.denominator(e.getValue());
            if (e == top) {
                continue;
            }
            MetricValue v = detectable(id, scale, scope, e.getKey().id(), rate, e.getValue(), topId, top.getValue(), confidence);
            if (!v.isDefined()) {
                return MetricValue.undefined(id, scope, null, v.n(), e.getKey().id() + ": " + v.undefined(), topId);
            }
            if (worst == null || (scale == Scale.RATIO ? v.value() < worst.value() : v.value() > worst.value())) {
                worst = v;
            }
        }
        return new MetricValue(id, scope, null, worst.value(), null, total, null, topId, null, null,
                "least sensitive group " + worst.group() + ": " + worst.note(), null);
    }

    /** Equalized odds: the less sensitive of the true and false positive rates' values. */
    public static MetricValue equalizedOdds(String id, Scale scale, String scope, Map<GroupKey, GroupState> groups, double confidence) {
        MetricValue tpr = betweenGroups(id, scale, ConfusionRates.TRUE_POSITIVE_RATE, scope, groups, confidence);
        MetricValue fpr = betweenGroups(id, scale, ConfusionRates.FALSE_POSITIVE_RATE, scope, groups, confidence);
        if (!tpr.isDefined() || !fpr.isDefined()) {
            return tpr.isDefined() ? fpr : tpr;
        }
        boolean tprWorse = scale == Scale.RATIO ? tpr.value() <= fpr.value() : tpr.value() >= fpr.value();
        MetricValue worse = tprWorse ? tpr : fpr;
        return worse.withNote((tprWorse ? "true_positive_rate" : "false_positive_rate") + ", the less sensitive; " + worse.note());
    }

    private static String percent(double alpha) {
        return String.format(Locale.ROOT, "%.4g%%", 100 * alpha).replaceAll("\\.?0+%", "%");
    }
}
