package dev.assay.metric.fairness;

import dev.assay.metric.GroupKey;
import dev.assay.metric.counts.GroupState;
import dev.assay.metric.counts.Groups;
import dev.assay.metric.MetricValue;
import dev.assay.stats.Proportions;
import dev.assay.stats.SignificanceTests;

import java.util.ArrayList;
import java.util.Comparator;
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
        return ratios(ID, scope, selections(groups), minimumGroupSize, confidence, excludeBelowShare,
                "no rows with a prediction in this group");
    }

    /**
     * The impact ratio of any selection, by the rules above: {@code impact_ratio} of predictions, and
     * {@code impact_ratio_at_k} of a shortlist ({@link ImpactRatioAtK}). A ratio whose two counts are not whole
     * rows (a shortlist cut inside a tie) is exact, but has no interval or test, which count rows: its note says so.
     *
     * @param id        the metric's id
     * @param undecided why a group without decided rows has no ratio
     */
    static List<MetricValue> ratios(String id, String scope, Map<GroupKey, Selections> groups, long minimumGroupSize,
                                    double confidence, double excludeBelowShare, String undecided) {
        long total = groups.values().stream().mapToLong(Selections::rows).sum();
        Predicate<Selections> excluded = excluded(total, excludeBelowShare);
        Optional<Map.Entry<GroupKey, Selections>> reference = referenceOf(groups, minimumGroupSize, excludeBelowShare);
        String refId = reference.map(e -> e.getKey().id()).orElse(null);
        List<MetricValue> values = new ArrayList<>();
        for (Map.Entry<GroupKey, Selections> e : groups.entrySet().stream().sorted(Map.Entry.comparingByKey(GroupKey.ORDER)).toList()) {
            if (e.getKey().hasUnknown()) {
                continue;
            }
            String group = e.getKey().id();
            Selections s = e.getValue();
            if (excluded.test(s)) {
                values.add(MetricValue.undefined(id, scope, group, s.decided(), String.format(Locale.ROOT,
                                "excluded: %.2f%% of the data, under the %.0f%% threshold (6 RCNY 5-301)",
                                100.0 * s.rows() / total, 100 * excludeBelowShare), refId)
                        .withNote(s.decided() == 0 ? null : "selection rate " + s.rate()));
            } else if (s.decided() == 0) {
                values.add(MetricValue.undefined(id, scope, group, 0, undecided, null));
            } else if (reference.isEmpty()) {
                values.add(MetricValue.undefined(id, scope, group, s.decided(),
                        "no group has at least " + minimumGroupSize + " rows to serve as reference", null));
            } else {
                Selections ref = reference.get().getValue();
                if (ref.selected() == 0) {
                    values.add(MetricValue.undefined(id, scope, group, s.decided(),
                            "the highest selection rate is 0, so no ratio exists", refId));
                } else if (group.equals(refId)) {
                    // The same sample on both sides: exactly 1, and no interval or test (they assume two independent samples).
                    values.add(MetricValue.defined(id, scope, group, 1.0, null, s.decided(), refId).withNote("the reference group"));
                } else if (!s.whole() || !ref.whole()) {
                    values.add(MetricValue.defined(id, scope, group, s.rate() / ref.rate(), null, s.decided(), refId)
                            .withNote("no interval or test: rows tied at the cut are counted by their chance of selection, not as whole rows"));
                } else {
                    MetricValue v = MetricValue.defined(id, scope, group, s.rate() / ref.rate(),
                            Proportions.katzRatio(s.count(), s.decided(), ref.count(), ref.decided(), confidence).orElse(null),
                            s.decided(), refId);
                    v = SignificanceTests.compareProportions(s.count(), s.decided(), ref.count(), ref.decided())
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
        return referenceOf(selections(groups), minimumGroupSize, excludeBelowShare)
                .map(e -> Map.entry(e.getKey().id(), groups.get(e.getKey())));
    }

    /**
     * The highest rate among the known groups with at least {@code minimumGroupSize} (and at least one) decided rows
     * that the exclusion leaves in, the first by group name among equal rates: {@link Groups#reference}'s highest rate.
     */
    static Optional<Map.Entry<GroupKey, Selections>> referenceOf(Map<GroupKey, Selections> groups, long minimumGroupSize,
                                                                 double excludeBelowShare) {
        Predicate<Selections> excluded = excluded(groups.values().stream().mapToLong(Selections::rows).sum(), excludeBelowShare);
        return groups.entrySet().stream()
                .filter(e -> e.getKey().id() != null && !e.getKey().hasUnknown() && !excluded.test(e.getValue()))
                .filter(e -> e.getValue().decided() >= Math.max(1, minimumGroupSize))
                .sorted(Map.Entry.comparingByKey(Comparator.comparing(k -> String.valueOf(k.id()))))
                .reduce((a, b) -> b.getValue().rate() > a.getValue().rate() ? b : a);
    }

    private static Map<GroupKey, Selections> selections(Map<GroupKey, GroupState> groups) {
        Map<GroupKey, Selections> out = new LinkedHashMap<>();
        groups.forEach((k, v) -> out.put(k, Selections.of(v)));
        return out;
    }

    /** LL144's optional exclusion: a category under {@code excludeBelowShare} of the rows (never, at 0). */
    static Predicate<GroupState> excluded(Map<GroupKey, GroupState> groups, double excludeBelowShare) {
        Predicate<Selections> excluded = excluded(groups.values().stream().mapToLong(GroupState::rows).sum(), excludeBelowShare);
        return g -> excluded.test(Selections.of(g));
    }

    private static Predicate<Selections> excluded(long total, double excludeBelowShare) {
        return g -> excludeBelowShare > 0 && total > 0 && (double) g.rows() / total < excludeBelowShare;
    }
}
