package dev.assay.metric.counts;

import dev.assay.metric.GroupKey;
import dev.assay.metric.GroupMetric;
import dev.assay.metric.MetricValue;
import dev.assay.metric.Scope;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The strata of a rule's control columns (Fairlearn's {@code control_features}): the counts of a scope's groups within
 * each combination of the controls' values. They come from the same scan as every other count: the scope and its
 * controls are one more grouping at the finest grain ({@link AggregationPlan} rolls it up like an intersection), so
 * strata cost no scan of their own and run on every engine unchanged.
 *
 * <p>A stratum is named as groups are ({@link GroupKey#id()}): the controls' values joined with {@code *}, "(unknown)"
 * for a missing one. Rows whose control value is missing form the "(unknown)" stratum, compared within like any other
 * (they are alike in what is not known of them); it is listed last.
 */
public final class Strata {

    private Strata() {
    }

    /** The grouping the scan must serve for {@code scope} within {@code controls}: the scope's attributes, then the controls. */
    public static Scope scope(Scope scope, List<String> controls) {
        LinkedHashSet<String> attributes = new LinkedHashSet<>(scope.attributes());
        attributes.addAll(controls);
        return new Scope(List.copyOf(attributes));
    }

    /**
     * The groups of {@code scope} within each stratum of {@code controls}, strata in report order (by name, "(unknown)"
     * last). Without controls, one stratum (the empty key, whose id is null) holding the scope's groups. A group that
     * has no row in a stratum has an empty state there (n = 0), as an intersection no row falls in does.
     */
    public static Map<GroupKey, Map<GroupKey, GroupState>> of(Aggregates states, Scope scope, List<String> controls) {
        Scope fine = scope(scope, controls);
        List<String> attributes = fine.attributes();
        Map<GroupKey, Map<GroupKey, GroupState>> strata = new TreeMap<>(GroupKey.ORDER);
        states.groups(fine).forEach((key, state) -> {
            List<String> group = new ArrayList<>();
            scope.attributes().forEach(a -> group.add(key.values().get(attributes.indexOf(a))));
            List<String> stratum = new ArrayList<>();
            controls.forEach(c -> stratum.add(key.values().get(attributes.indexOf(c))));
            strata.computeIfAbsent(new GroupKey(stratum), k -> new LinkedHashMap<>())
                    .merge(new GroupKey(group), state, GroupState::merge);
        });
        if (controls.isEmpty() && strata.isEmpty()) {
            strata.put(new GroupKey(List.of()), new LinkedHashMap<>(states.groups(scope)));
        }
        // Every group of the scope is a group of every stratum: one without rows there is reported as such (n = 0).
        strata.values().forEach(groups -> states.groups(scope).keySet().forEach(k -> groups.putIfAbsent(k, GroupState.EMPTY)));
        return strata;
    }

    /**
     * {@code metric} computed within each stratum of the parameters' controls, each value marked with its stratum
     * ({@link MetricValue#inStratum}); without controls, {@code metric} itself. The metric sees, for its scope, the
     * stratum's groups only: every metric of the per-group counts means within a stratum what it means overall.
     */
    public static GroupMetric within(GroupMetric metric) {
        return (scope, s, p) -> {
            if (p.controls().isEmpty()) {
                return metric.compute(scope, s, p);
            }
            Aggregates all = Aggregates.of(s);
            List<MetricValue> values = new ArrayList<>();
            of(all, scope, p.controls()).forEach((stratum, groups) -> {
                Map<Scope, Map<GroupKey, GroupState>> byScope = new LinkedHashMap<>(all.byScope());
                byScope.put(scope, groups);
                metric.compute(scope, all.with(Aggregates.GROUPS, byScope), p.withControls(List.of()))
                        .forEach(v -> values.add(v.inStratum(stratum.id())));
            });
            return values;
        };
    }
}
