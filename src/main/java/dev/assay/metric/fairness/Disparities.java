package dev.assay.metric.fairness;

import dev.assay.metric.GroupKey;
import dev.assay.metric.counts.GroupRate;
import dev.assay.metric.counts.GroupState;
import dev.assay.metric.counts.Groups;
import dev.assay.metric.MetricValue;
import dev.assay.metric.counts.ConfusionRates;
import dev.assay.stats.Interval;
import dev.assay.stats.Proportions;
import dev.assay.stats.SignificanceTests;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Disparities of a per-group rate across the groups of a scope, with Fairlearn's semantics
 * (fairlearn.metrics: MetricFrame.difference / ratio, demographic_parity_*, equalized_odds_*,
 * equal_opportunity_*):
 * <ul>
 * <li>difference, between_groups: max - min over the groups; to_overall: the largest |group - overall|;</li>
 * <li>ratio, between_groups: min / max; to_overall: the smallest of min(group/overall, overall/group);</li>
 * <li>demographic parity: of the selection rate; equal opportunity: of the true positive rate;</li>
 * <li>equalized odds: the worse (or, as an option, the mean) of the true and false positive rate disparities.</li>
 * </ul>
 * Groups whose rate is undefined are skipped and named in the value's note. Rows of unknown
 * category form no group, but are part of "overall". Intervals: Newcombe for a between-groups
 * difference and Katz for a between-groups ratio, both between the two extreme groups; none for
 * to_overall (a group is part of the whole, so the samples are not independent). Each
 * between-groups value carries a chi-square test of independence of group and outcome.
 */
public final class Disparities {

    public static final String DEMOGRAPHIC_PARITY_DIFFERENCE = "demographic_parity_difference";
    public static final String DEMOGRAPHIC_PARITY_RATIO = "demographic_parity_ratio";
    public static final String EQUALIZED_ODDS_DIFFERENCE = "equalized_odds_difference";
    public static final String EQUALIZED_ODDS_RATIO = "equalized_odds_ratio";
    public static final String EQUAL_OPPORTUNITY_DIFFERENCE = "equal_opportunity_difference";
    public static final String EQUAL_OPPORTUNITY_RATIO = "equal_opportunity_ratio";

    public enum Kind {
        DIFFERENCE, RATIO
    }

    public enum Method {
        BETWEEN_GROUPS, TO_OVERALL
    }

    private Disparities() {
    }

    /** The disparity of one rate over the groups of one scope. */
    public static MetricValue of(String id, GroupRate rate, Kind kind, Method method, String scope,
                                 Map<GroupKey, GroupState> groups, double confidence) {
        List<Map.Entry<GroupKey, GroupState>> defined = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        long total = 0;
        for (Map.Entry<GroupKey, GroupState> e : Groups.sorted(groups)) {
            if (e.getKey().hasUnknown()) {
                continue;
            }
            if (rate.of(e.getValue()).isPresent()) {
                defined.add(e);
                total += rate.denominator(e.getValue());
            } else {
                skipped.add(e.getKey().id());
            }
        }
        String note = skipped.isEmpty() ? null : "skipped, " + rate.id() + " undefined: " + String.join(", ", skipped);
        if (defined.isEmpty()) {
            return MetricValue.undefined(id, scope, null, 0, "no group has a defined " + rate.id(), null).withNote(note);
        }
        MetricValue value = method == Method.BETWEEN_GROUPS
                ? betweenGroups(id, rate, kind, scope, defined, total, confidence)
                : toOverall(id, rate, kind, scope, defined, groups, total);
        return value.withNote(note);
    }

    private static MetricValue betweenGroups(String id, GroupRate rate, Kind kind, String scope,
                                             List<Map.Entry<GroupKey, GroupState>> defined, long total, double confidence) {
        Map.Entry<GroupKey, GroupState> max = defined.get(0);
        Map.Entry<GroupKey, GroupState> min = defined.get(0);
        for (Map.Entry<GroupKey, GroupState> e : defined) {
            if (rate.of(e.getValue()).get() > rate.of(max.getValue()).get()) {
                max = e;
            }
            if (rate.of(e.getValue()).get() < rate.of(min.getValue()).get()) {
                min = e;
            }
        }
        double hi = rate.of(max.getValue()).get();
        double lo = rate.of(min.getValue()).get();
        long xHi = rate.numerator(max.getValue());
        long nHi = rate.denominator(max.getValue());
        long xLo = rate.numerator(min.getValue());
        long nLo = rate.denominator(min.getValue());
        String between = "highest " + max.getKey().id() + ", lowest " + min.getKey().id();
        Optional<SignificanceTests.Result> test = chiSquare(rate, defined);
        MetricValue value;
        if (kind == Kind.DIFFERENCE) {
            Interval ci = Proportions.newcombeDifference(xHi, nHi, xLo, nLo, confidence).orElse(null);
            value = MetricValue.defined(id, scope, null, hi - lo, ci, total, between);
        } else if (hi == 0) {
            return MetricValue.undefined(id, scope, null, total, "every group's " + rate.id() + " is 0, so no ratio exists", between);
        } else {
            Interval ci = Proportions.katzRatio(xLo, nLo, xHi, nHi, confidence).orElse(null);
            value = MetricValue.defined(id, scope, null, lo / hi, ci, total, between);
        }
        return test.map(value::withTest).orElse(value);
    }

    private static MetricValue toOverall(String id, GroupRate rate, Kind kind, String scope,
                                         List<Map.Entry<GroupKey, GroupState>> defined,
                                         Map<GroupKey, GroupState> all, long total) {
        GroupState overall = all.values().stream().reduce(GroupState.EMPTY, GroupState::merge);
        Optional<Double> o = rate.of(overall);
        if (o.isEmpty()) {
            return MetricValue.undefined(id, scope, null, total, "the overall " + rate.id() + " is undefined", "(overall)");
        }
        double worst = kind == Kind.DIFFERENCE ? 0 : 1;
        for (Map.Entry<GroupKey, GroupState> e : defined) {
            double g = rate.of(e.getValue()).get();
            if (kind == Kind.DIFFERENCE) {
                worst = Math.max(worst, Math.abs(g - o.get()));
            } else {
                double r = g == o.get() ? 1 : Math.max(g, o.get()) == 0 ? 1 : Math.min(g, o.get()) / Math.max(g, o.get());
                worst = Math.min(worst, r);
            }
        }
        return MetricValue.defined(id, scope, null, worst, null, total, "(overall)");
    }

    private static Optional<SignificanceTests.Result> chiSquare(GroupRate rate, List<Map.Entry<GroupKey, GroupState>> defined) {
        long[] x = new long[defined.size()];
        long[] n = new long[defined.size()];
        for (int i = 0; i < defined.size(); i++) {
            x[i] = rate.numerator(defined.get(i).getValue());
            n[i] = rate.denominator(defined.get(i).getValue());
        }
        return SignificanceTests.chiSquareIndependence(x, n);
    }

    /**
     * Equalized odds: the true and false positive rate disparities combined, worst case (the larger
     * difference, the smaller ratio) or their mean. Undefined when either part is.
     */
    public static MetricValue equalizedOdds(Kind kind, String scope, Map<GroupKey, GroupState> groups,
                                            boolean worstCase, double confidence) {
        String id = kind == Kind.DIFFERENCE ? EQUALIZED_ODDS_DIFFERENCE : EQUALIZED_ODDS_RATIO;
        MetricValue tpr = of(id, ConfusionRates.TRUE_POSITIVE_RATE, kind, Method.BETWEEN_GROUPS, scope, groups, confidence);
        MetricValue fpr = of(id, ConfusionRates.FALSE_POSITIVE_RATE, kind, Method.BETWEEN_GROUPS, scope, groups, confidence);
        if (!tpr.isDefined() || !fpr.isDefined()) {
            MetricValue undefinedPart = tpr.isDefined() ? fpr : tpr;
            return MetricValue.undefined(id, scope, null, undefinedPart.n(), undefinedPart.undefined(), null)
                    .withNote(undefinedPart.note());
        }
        String note = "true_positive_rate " + kind.name().toLowerCase(Locale.ROOT) + " " + tpr.value()
                + " (" + tpr.reference() + "), false_positive_rate " + fpr.value() + " (" + fpr.reference() + ")";
        if (worstCase) {
            boolean tprWorse = kind == Kind.DIFFERENCE ? tpr.value() >= fpr.value() : tpr.value() <= fpr.value();
            MetricValue worse = tprWorse ? tpr : fpr;
            return new MetricValue(id, scope, null, worse.value(), worse.ci(), tpr.n() + fpr.n(), null,
                    worse.reference(), worse.test(), null, note, null);
        }
        return new MetricValue(id, scope, null, (tpr.value() + fpr.value()) / 2, null, tpr.n() + fpr.n(), null, null,
                null, null, note + "; mean of the two", null);
    }
}
