package dev.assay.metric;

import java.util.Comparator;
import java.util.Map;
import java.util.Optional;

/**
 * How the reference group of a comparison is chosen: the group with the highest selection rate
 * (default; among groups with at least the minimum size), the largest group, a named group, or the
 * whole scope ("overall").
 */
public record Reference(Kind kind, String group) {

    public enum Kind {
        HIGHEST_RATE, MAJORITY, NAMED, OVERALL
    }

    public static final Reference HIGHEST_RATE = new Reference(Kind.HIGHEST_RATE, null);
    public static final Reference MAJORITY = new Reference(Kind.MAJORITY, null);
    public static final Reference OVERALL = new Reference(Kind.OVERALL, null);

    public static Reference named(String group) {
        return new Reference(Kind.NAMED, group);
    }

    /** The reference's id (null for overall) and state, or empty when no group qualifies. */
    public Optional<Map.Entry<String, GroupState>> choose(Map<GroupKey, GroupState> groups, long minimumGroupSize) {
        var known = groups.entrySet().stream().filter(e -> !e.getKey().hasUnknown())
                .sorted(Map.Entry.comparingByKey(Comparator.comparing(k -> String.valueOf(k.id())))).toList();
        return switch (kind) {
            case OVERALL -> Optional.of(Map.entry("(overall)",
                    groups.values().stream().reduce(GroupState.EMPTY, GroupState::merge)));
            case NAMED -> known.stream().filter(e -> group.equals(e.getKey().id()))
                    .map(e -> Map.entry(e.getKey().id(), e.getValue())).findFirst();
            case MAJORITY -> known.stream().reduce((a, b) -> b.getValue().rows() > a.getValue().rows() ? b : a)
                    .map(e -> Map.entry(e.getKey().id(), e.getValue()));
            case HIGHEST_RATE -> known.stream()
                    .filter(e -> e.getValue().predicted() >= Math.max(1, minimumGroupSize))
                    .reduce((a, b) -> rate(b.getValue()) > rate(a.getValue()) ? b : a)
                    .map(e -> Map.entry(e.getKey().id(), e.getValue()));
        };
    }

    private static double rate(GroupState s) {
        return (double) s.favorable() / s.predicted();
    }
}
