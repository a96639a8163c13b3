package dev.assay.metric.fairness;

import dev.assay.metric.GroupKey;
import dev.assay.metric.counts.GroupRate;
import dev.assay.metric.counts.GroupState;
import dev.assay.metric.counts.Groups;
import dev.assay.metric.MetricParameters;
import dev.assay.metric.MetricValue;
import dev.assay.metric.counts.ConfusionRates;
import dev.assay.stats.Proportions;
import dev.assay.stats.SignificanceTests;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * AIF360's signed comparisons of each group with a reference group (AIF360's "privileged" group;
 * here chosen by {@link dev.assay.metric.Reference}, the highest selection rate by default):
 * <ul>
 * <li>{@code statistical_parity_difference} = SR(g) - SR(ref), Newcombe interval, two-proportion test;</li>
 * <li>{@code disparate_impact} = SR(g) / SR(ref), Katz interval, two-proportion test;</li>
 * <li>{@code average_odds_difference} = ((FPR(g) - FPR(ref)) + (TPR(g) - TPR(ref))) / 2;</li>
 * <li>{@code average_abs_odds_difference} = (|FPR(g) - FPR(ref)| + |TPR(g) - TPR(ref)|) / 2;</li>
 * <li>{@code average_predictive_value_difference} = ((PPV(g) - PPV(ref)) + (FOR(g) - FOR(ref))) / 2.</li>
 * </ul>
 * SR counts the favorable outcome; TPR, FPR, PPV, FOR count the positive label. AIF360 takes both
 * from one "favorable label"; Assay keeps them apart, as the model card does.
 *
 * <p>The reference group against itself is exactly 0 (differences) or 1 (ratios), with no interval and no
 * test: it is the same sample, not two independent ones, so a Katz or Newcombe interval and a test (p = 1)
 * would be wrong, and the test would also count as a comparison in the run's Benjamini-Hochberg family.
 */
public final class ReferenceComparisons {

    public static final String STATISTICAL_PARITY_DIFFERENCE = "statistical_parity_difference";
    public static final String DISPARATE_IMPACT = "disparate_impact";
    public static final String AVERAGE_ODDS_DIFFERENCE = "average_odds_difference";
    public static final String AVERAGE_ABS_ODDS_DIFFERENCE = "average_abs_odds_difference";
    public static final String AVERAGE_PREDICTIVE_VALUE_DIFFERENCE = "average_predictive_value_difference";

    public static final List<String> IDS = List.of(STATISTICAL_PARITY_DIFFERENCE, DISPARATE_IMPACT,
            AVERAGE_ODDS_DIFFERENCE, AVERAGE_ABS_ODDS_DIFFERENCE, AVERAGE_PREDICTIVE_VALUE_DIFFERENCE);

    private ReferenceComparisons() {
    }

    public static List<MetricValue> all(String id, String scope, Map<GroupKey, GroupState> groups, MetricParameters p) {
        Optional<Map.Entry<String, GroupState>> reference = Groups.reference(p.reference(), groups, p.minimumGroupSize());
        List<MetricValue> values = new ArrayList<>();
        for (Map.Entry<GroupKey, GroupState> e : Groups.sorted(groups)) {
            if (e.getKey().hasUnknown()) {
                continue;
            }
            String group = e.getKey().id();
            if (reference.isEmpty()) {
                values.add(MetricValue.undefined(id, scope, group, e.getValue().rows(), "no reference group qualifies ("
                        + p.reference().kind().name().toLowerCase(Locale.ROOT) + ")", null));
            } else {
                values.add(compare(id, scope, group, e.getValue(), reference.get().getKey(), reference.get().getValue(),
                        p.confidence()));
            }
        }
        return values;
    }

    static MetricValue compare(String id, String scope, String group, GroupState g, String refId, GroupState ref,
                               double confidence) {
        if (group.equals(refId) && (id.equals(STATISTICAL_PARITY_DIFFERENCE) || id.equals(DISPARATE_IMPACT))) {
            return itself(id, scope, group, g, refId);
        }
        return switch (id) {
            case STATISTICAL_PARITY_DIFFERENCE, DISPARATE_IMPACT -> selection(id, scope, group, g, refId, ref, confidence);
            case AVERAGE_ODDS_DIFFERENCE -> halfSum(id, scope, group, g, refId, ref,
                    ConfusionRates.FALSE_POSITIVE_RATE, ConfusionRates.TRUE_POSITIVE_RATE, false);
            case AVERAGE_ABS_ODDS_DIFFERENCE -> halfSum(id, scope, group, g, refId, ref,
                    ConfusionRates.FALSE_POSITIVE_RATE, ConfusionRates.TRUE_POSITIVE_RATE, true);
            case AVERAGE_PREDICTIVE_VALUE_DIFFERENCE -> halfSum(id, scope, group, g, refId, ref,
                    ConfusionRates.POSITIVE_PREDICTIVE_VALUE, ConfusionRates.FALSE_OMISSION_RATE, false);
            default -> throw new IllegalArgumentException(id);
        };
    }

    /**
     * The reference against itself, for the selection comparisons: 1 (ratio) or 0 (difference), where its
     * selection rate is defined. (The half sums of the odds and predictive values need no case: the same
     * rate minus itself is exactly 0, and they carry no interval or test.)
     */
    private static MetricValue itself(String id, String scope, String group, GroupState g, String refId) {
        if (g.predicted() == 0) {
            return MetricValue.undefined(id, scope, group, 0, "no rows with a prediction", refId);
        }
        if (id.equals(DISPARATE_IMPACT) && g.favorable() == 0) {
            return MetricValue.undefined(id, scope, group, g.predicted(), "the reference group's selection rate is 0", refId);
        }
        return MetricValue.defined(id, scope, group, id.equals(DISPARATE_IMPACT) ? 1.0 : 0.0, null, g.predicted(), refId)
                .withNote("the reference group");
    }

    private static MetricValue selection(String id, String scope, String group, GroupState g, String refId,
                                         GroupState ref, double confidence) {
        GroupRate sr = GroupRate.SELECTION;
        if (g.predicted() == 0 || ref.predicted() == 0) {
            return MetricValue.undefined(id, scope, group, g.predicted(), "no rows with a prediction", refId);
        }
        double rg = sr.of(g).get();
        double rr = sr.of(ref).get();
        MetricValue v;
        if (id.equals(STATISTICAL_PARITY_DIFFERENCE)) {
            v = MetricValue.defined(id, scope, group, rg - rr,
                    Proportions.newcombeDifference(g.favorable(), g.predicted(), ref.favorable(), ref.predicted(), confidence)
                            .orElse(null), g.predicted(), refId);
        } else if (rr == 0) {
            return MetricValue.undefined(id, scope, group, g.predicted(), "the reference group's selection rate is 0", refId);
        } else {
            v = MetricValue.defined(id, scope, group, rg / rr,
                    Proportions.katzRatio(g.favorable(), g.predicted(), ref.favorable(), ref.predicted(), confidence)
                            .orElse(null), g.predicted(), refId);
        }
        return SignificanceTests.compareProportions(g.favorable(), g.predicted(), ref.favorable(), ref.predicted())
                .map(v::withTest).orElse(v);
    }

    private static MetricValue halfSum(String id, String scope, String group, GroupState g, String refId, GroupState ref,
                                       ConfusionRates first, ConfusionRates second, boolean absolute) {
        Optional<Double> a = first.of(g);
        Optional<Double> b = first.of(ref);
        Optional<Double> c = second.of(g);
        Optional<Double> d = second.of(ref);
        if (a.isEmpty() || b.isEmpty() || c.isEmpty() || d.isEmpty()) {
            return MetricValue.undefined(id, scope, group, g.labeled(),
                    first.id() + " or " + second.id() + " is undefined for this group or the reference", refId);
        }
        double x = a.get() - b.get();
        double y = c.get() - d.get();
        double value = absolute ? (Math.abs(x) + Math.abs(y)) / 2 : (x + y) / 2;
        return MetricValue.defined(id, scope, group, value, null, g.labeled(), refId);
    }
}
