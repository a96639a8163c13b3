package dev.assay.metric.fairness;

import dev.assay.metric.GroupKey;
import dev.assay.metric.counts.GroupRate;
import dev.assay.metric.counts.GroupState;
import dev.assay.metric.counts.Groups;
import dev.assay.metric.MetricValue;
import dev.assay.metric.Reference;
import dev.assay.stats.Proportions;
import dev.assay.stats.SignificanceTests;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * {@code impact_ratio}: each group's selection rate over the highest group's selection rate
 * (EEOC four-fifths rule, 29 CFR 1607.4(D); NYC LL144 impact ratio), with a Katz log interval and a
 * test of the difference from the reference group (Fisher's exact test for small groups or small
 * expected counts, the two-proportion z-test otherwise).
 *
 * <p>The reference is the group with the highest rate among the groups with at least
 * {@code minimumGroupSize} predictions: a group of three with a 100% rate must not become the yard
 * stick for everyone else. Rows whose attribute is unknown (null) form no group here. The reference's own
 * ratio is exactly 1, with no interval and no test (the same sample on both sides).
 *
 * <p>NYC LL144 (6 RCNY 5-301) lets an auditor exclude categories with less than 2% of the data from
 * the impact ratio calculation: with {@code excludeBelowShare} set, such a category gets no ratio
 * (undefined, saying so, with its rate in the note) and cannot be the reference.
 */
public final class ImpactRatio {

    public static final String ID = "impact_ratio";

    private ImpactRatio() {
    }

    public static List<MetricValue> all(String scope, Map<GroupKey, GroupState> groups, long minimumGroupSize,
                                        double confidence) {
        return all(scope, groups, minimumGroupSize, confidence, 0.0);
    }

    public static List<MetricValue> all(String scope, Map<GroupKey, GroupState> groups, long minimumGroupSize,
                                        double confidence, double excludeBelowShare) {
        long total = groups.values().stream().mapToLong(GroupState::rows).sum();
        Predicate<GroupState> excluded = excluded(groups, excludeBelowShare);
        Optional<Map.Entry<String, GroupState>> reference = reference(groups, minimumGroupSize, excludeBelowShare);
        List<MetricValue> values = new ArrayList<>();
        for (Map.Entry<GroupKey, GroupState> e : Groups.sorted(groups)) {
            if (e.getKey().hasUnknown()) {
                continue;
            }
            String group = e.getKey().id();
            GroupState s = e.getValue();
            if (excluded.test(s)) {
                values.add(MetricValue.undefined(ID, scope, group, s.predicted(), String.format(Locale.ROOT,
                                "excluded: %.2f%% of the data, under the %.0f%% threshold (6 RCNY 5-301)",
                                100.0 * s.rows() / total, 100 * excludeBelowShare), reference.map(Map.Entry::getKey).orElse(null))
                        .withNote(GroupRate.SELECTION.of(s).map(rate -> "selection rate " + rate).orElse(null)));
            } else if (s.predicted() == 0) {
                values.add(MetricValue.undefined(ID, scope, group, 0, "no rows with a prediction in this group", null));
            } else if (reference.isEmpty()) {
                values.add(MetricValue.undefined(ID, scope, group, s.predicted(),
                        "no group has at least " + minimumGroupSize + " rows to serve as reference", null));
            } else {
                GroupState ref = reference.get().getValue();
                String refId = reference.get().getKey();
                if (ref.favorable() == 0) {
                    values.add(MetricValue.undefined(ID, scope, group, s.predicted(),
                            "the highest selection rate is 0, so no ratio exists", refId));
                } else if (group.equals(refId)) {
                    // The same sample on both sides: exactly 1, and no interval or test (they assume two independent samples).
                    values.add(MetricValue.defined(ID, scope, group, 1.0, null, s.predicted(), refId).withNote("the reference group"));
                } else {
                    double refRate = GroupRate.SELECTION.of(ref).orElseThrow();
                    double ratio = GroupRate.SELECTION.of(s).orElseThrow() / refRate;
                    MetricValue v = MetricValue.defined(ID, scope, group, ratio,
                            Proportions.katzRatio(s.favorable(), s.predicted(), ref.favorable(), ref.predicted(), confidence)
                                    .orElse(null),
                            s.predicted(), refId);
                    v = SignificanceTests.compareProportions(s.favorable(), s.predicted(), ref.favorable(), ref.predicted())
                            .map(v::withTest).orElse(v);
                    values.add(v);
                }
            }
        }
        return values;
    }

    /**
     * The impact ratio's reference: the highest selection rate among the groups of at least {@code minimumGroupSize}
     * predictions that LL144's exclusion leaves in; empty when none qualifies.
     */
    public static Optional<Map.Entry<String, GroupState>> reference(Map<GroupKey, GroupState> groups, long minimumGroupSize,
                                                                   double excludeBelowShare) {
        Predicate<GroupState> excluded = excluded(groups, excludeBelowShare);
        Map<GroupKey, GroupState> eligible = new LinkedHashMap<>();
        groups.forEach((k, v) -> {
            if (!excluded.test(v)) {
                eligible.put(k, v);
            }
        });
        return Groups.reference(Reference.HIGHEST_RATE, eligible, minimumGroupSize);
    }

    /** LL144's optional exclusion: a category under {@code excludeBelowShare} of the rows (never, at 0). */
    static Predicate<GroupState> excluded(Map<GroupKey, GroupState> groups, double excludeBelowShare) {
        long total = groups.values().stream().mapToLong(GroupState::rows).sum();
        return g -> excludeBelowShare > 0 && total > 0 && (double) g.rows() / total < excludeBelowShare;
    }
}
