package dev.assay.metric;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** The result of one aggregation scan: the state of every group of every scope. */
public record Aggregates(Map<Scope, Map<GroupKey, GroupState>> byScope) {

    public Aggregates {
        Map<Scope, Map<GroupKey, GroupState>> copy = new LinkedHashMap<>();
        byScope.forEach((s, g) -> copy.put(s, Collections.unmodifiableMap(new LinkedHashMap<>(g))));
        byScope = Collections.unmodifiableMap(copy);
    }

    public Map<GroupKey, GroupState> groups(Scope scope) {
        return byScope.getOrDefault(scope, Map.of());
    }

    public GroupState overall() {
        return groups(Scope.OVERALL).values().stream().findFirst().orElse(GroupState.EMPTY);
    }

    /** Partition states merged group by group: the aggregates of the union of the partitions. */
    public Aggregates merge(Aggregates other) {
        Map<Scope, Map<GroupKey, GroupState>> merged = new LinkedHashMap<>();
        byScope.forEach((s, g) -> merged.put(s, new LinkedHashMap<>(g)));
        other.byScope.forEach((s, g) -> {
            Map<GroupKey, GroupState> target = merged.computeIfAbsent(s, k -> new LinkedHashMap<>());
            g.forEach((k, v) -> target.merge(k, v, GroupState::merge));
        });
        return new Aggregates(merged);
    }
}
