package dev.assay.metric.fairness;

import dev.assay.metric.GroupKey;
import dev.assay.metric.MetricParameters;
import dev.assay.metric.MetricValue;
import dev.assay.metric.Reference;
import dev.assay.metric.Scope;
import dev.assay.metric.counts.Aggregates;
import dev.assay.metric.counts.GroupState;
import dev.assay.metric.counts.Groups;
import dev.assay.metric.counts.Strata;
import dev.assay.stats.MantelHaenszel;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;

/**
 * {@code mantel_haenszel_impact_ratio}: each group's selection rate over the reference group's, combined across the
 * strata of the rule's control columns by the Mantel-Haenszel risk ratio (Mantel and Haenszel 1959), so that a gap a
 * legitimate factor explains (a group concentrated in a stratum where everyone is selected less) is reported as
 * explained, and a gap within the strata is not hidden by the crude ratio (Simpson's paradox). Fairlearn calls the
 * controls {@code control_features}; this is the impact ratio of conditional demographic parity.
 *
 * <p>Per group g against the reference r, stratum k holding a_k selected of n1_k predictions of g and c_k of n0_k of r
 * (N_k = n1_k + n0_k): RR_MH = Σ_k a_k n0_k / N_k ÷ Σ_k c_k n1_k / N_k, with the Greenland-Robins (1985) interval
 * of ln RR_MH at the rule's confidence and the Cochran-Mantel-Haenszel test (without continuity correction) as the
 * value's test ({@link MantelHaenszel}). A stratum lacking either group compares nothing and contributes nothing (the
 * note says how many); the value is undefined, with the reason, when no stratum has both groups, when the reference
 * selects no one in the strata it shares with g, or when the highest selection rate is 0 (as {@code impact_ratio});
 * 0, with no interval, when g selects no one there. {@code n} is g's predictions in the strata that compare.
 *
 * <p>The reference is the group with the highest selection rate once the controls are accounted for: among the groups
 * with at least {@code minimumGroupSize} predictions, first the highest crude rate (as {@code impact_ratio} chooses);
 * then, if some eligible group's Mantel-Haenszel ratio against it is above 1 (it selects more than the crude leader
 * within the strata), the group with the highest such ratio. So a group that is favoured within every stratum is the
 * yard stick even when the crude rates rank it lower, and the disadvantage of the crude leader is seen, not hidden.
 * Ties keep the earlier group by name. Rows whose protected attribute is unknown form no group.
 */
public final class MantelHaenszelImpactRatio {

    public static final String ID = "mantel_haenszel_impact_ratio";

    private MantelHaenszelImpactRatio() {
    }

    public static List<MetricValue> all(Scope scope, Aggregates states, MetricParameters p) {
        return compare(ID, scope, states, p, MantelHaenszel::riskRatio,
                "the reference group has no favorable outcome in any stratum it shares with this group");
    }

    /**
     * Each known group against the reference, by {@code estimator} over the strata: the shared shape of the
     * Mantel-Haenszel comparisons (risk and odds ratios).
     *
     * @param noDenominator why the estimator gave nothing (its denominator is 0)
     */
    static List<MetricValue> compare(String id, Scope scope, Aggregates states, MetricParameters p,
                                     BiFunction<List<MantelHaenszel.Table>, Double, Optional<MantelHaenszel.Estimate>> estimator,
                                     String noDenominator) {
        String scopeId = scope.id();
        Map<GroupKey, Map<GroupKey, GroupState>> strata = Strata.of(states, scope, p.controls());
        Map<GroupKey, GroupState> crude = states.groups(scope);
        Optional<String> reference = reference(crude, strata, p.minimumGroupSize());
        String where = p.controls().isEmpty() ? "no control columns: one stratum, the crude comparison"
                : String.join(", ", p.controls());
        boolean referenceSelectsNoOne = reference.isPresent() && crude.entrySet().stream()
                .filter(e -> !e.getKey().hasUnknown() && reference.get().equals(e.getKey().id()))
                .allMatch(e -> e.getValue().favorable() == 0);
        List<MetricValue> values = new ArrayList<>();
        for (Map.Entry<GroupKey, GroupState> e : Groups.sorted(crude)) {
            if (e.getKey().hasUnknown()) {
                continue;
            }
            String group = e.getKey().id();
            if (e.getValue().predicted() == 0) {
                values.add(MetricValue.undefined(id, scopeId, group, 0, "no rows with a prediction in this group", null));
                continue;
            }
            if (reference.isEmpty()) {
                values.add(MetricValue.undefined(id, scopeId, group, e.getValue().predicted(),
                        "no group has at least " + p.minimumGroupSize() + " rows to serve as reference", null));
                continue;
            }
            String ref = reference.get();
            if (referenceSelectsNoOne) {
                // Every rate is 0 (the reference has the highest): no ratio exists, the reference's own included.
                values.add(MetricValue.undefined(id, scopeId, group, e.getValue().predicted(),
                        "the highest selection rate is 0, so no ratio exists", ref));
                continue;
            }
            if (group.equals(ref)) {
                values.add(MetricValue.defined(id, scopeId, group, 1.0, null, e.getValue().predicted(), ref)
                        .withNote("the reference group"));
                continue;
            }
            List<MantelHaenszel.Table> tables = tables(strata, group, ref);
            List<String> lacking = new ArrayList<>();
            List<GroupKey> keys = List.copyOf(strata.keySet());
            long n = 0;
            for (int k = 0; k < tables.size(); k++) {
                if (tables.get(k).comparesBoth()) {
                    n += tables.get(k).n1();
                } else {
                    lacking.add(String.valueOf(keys.get(k).id()));
                }
            }
            int comparing = tables.size() - lacking.size();
            String note = "Mantel-Haenszel over " + (p.controls().isEmpty() ? "1 stratum (" + where + ")"
                    : comparing + " of " + tables.size() + " strata of " + where)
                    + (lacking.isEmpty() ? "" : "; " + lacking.size() + " lacking " + group + " or " + ref
                    + " contribute nothing: " + abbreviated(lacking));
            if (comparing == 0) {
                values.add(MetricValue.undefined(id, scopeId, group, 0, "no stratum of " + where + " has rows of both "
                        + group + " and " + ref, ref).withNote(note));
                continue;
            }
            long used = n;
            MetricValue v = estimator.apply(tables, p.confidence())
                    .map(est -> MetricValue.defined(id, scopeId, group, est.value(), est.ci(), used, ref))
                    .orElse(MetricValue.undefined(id, scopeId, group, used, noDenominator, ref))
                    .withNote(note);
            // A test beside an undefined ratio would invite reading it as the ratio's.
            values.add(v.isDefined() ? MantelHaenszel.test(tables, false).map(v::withTest).orElse(v) : v);
        }
        return values;
    }

    /**
     * The reference: the highest crude selection rate among groups of at least {@code minimumGroupSize} predictions,
     * replaced by the eligible group whose Mantel-Haenszel ratio against it is highest, when that is above 1.
     */
    static Optional<String> reference(Map<GroupKey, GroupState> crude, Map<GroupKey, Map<GroupKey, GroupState>> strata,
                                      long minimumGroupSize) {
        Optional<String> leader = Groups.reference(Reference.HIGHEST_RATE, crude, minimumGroupSize).map(Map.Entry::getKey);
        if (leader.isEmpty()) {
            return leader;
        }
        String best = leader.get();
        double highest = 1.0;
        for (Map.Entry<GroupKey, GroupState> e : Groups.sorted(crude)) {
            GroupKey key = e.getKey();
            if (key.hasUnknown() || key.id().equals(leader.get()) || e.getValue().predicted() < Math.max(1, minimumGroupSize)) {
                continue;
            }
            Optional<MantelHaenszel.Estimate> ratio = MantelHaenszel.riskRatio(tables(strata, key.id(), leader.get()), 0.95);
            if (ratio.isPresent() && ratio.get().value() > highest) {
                highest = ratio.get().value();
                best = key.id();
            }
        }
        return Optional.of(best);
    }

    /** Stratum by stratum (in the strata's order): the group's selections and predictions against the reference's. */
    static List<MantelHaenszel.Table> tables(Map<GroupKey, Map<GroupKey, GroupState>> strata, String group, String reference) {
        List<MantelHaenszel.Table> tables = new ArrayList<>();
        for (Map<GroupKey, GroupState> groups : strata.values()) {
            GroupState g = state(groups, group);
            GroupState r = state(groups, reference);
            tables.add(new MantelHaenszel.Table(g.favorable(), g.predicted(), r.favorable(), r.predicted()));
        }
        return tables;
    }

    private static GroupState state(Map<GroupKey, GroupState> groups, String id) {
        return groups.entrySet().stream().filter(e -> !e.getKey().hasUnknown() && id.equals(e.getKey().id()))
                .map(Map.Entry::getValue).findFirst().orElse(GroupState.EMPTY);
    }

    /** At most five names, then how many more: a note stays readable with hundreds of strata. */
    private static String abbreviated(List<String> names) {
        return names.size() <= 5 ? String.join(", ", names)
                : String.join(", ", names.subList(0, 5)) + " and " + (names.size() - 5) + " more";
    }
}
