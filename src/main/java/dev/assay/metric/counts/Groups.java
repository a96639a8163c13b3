package dev.assay.metric.counts;

import dev.assay.metric.GroupKey;
import dev.assay.metric.Reference;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Map;

/** Deterministic group order for reports (by group name, the unknown category last), and the reference group of comparisons. */
public final class Groups {

    private Groups() {
    }

    public static List<Map.Entry<GroupKey, GroupState>> sorted(Map<GroupKey, GroupState> groups) {
        return groups.entrySet().stream().sorted(Map.Entry.comparingByKey(GroupKey.ORDER)).toList();
    }

    /**
     * The reference's id ({@code (overall)} for the whole dataset) and state, or empty when no group qualifies. The
     * whole dataset's own key (a scope without groups: a pack stored before its parser refused comparisons over
     * {@code scope: overall}) is no group, so a comparison there has no reference and is undefined, never a failure.
     */
    public static Optional<Map.Entry<String, GroupState>> reference(Reference reference, Map<GroupKey, GroupState> groups,
                                                                 long minimumGroupSize) {
        var known = groups.entrySet().stream().filter(e -> e.getKey().id() != null && !e.getKey().hasUnknown())
                .sorted(Map.Entry.comparingByKey(Comparator.comparing(k -> String.valueOf(k.id())))).toList();
        return switch (reference.kind()) {
            case OVERALL -> Optional.of(Map.entry("(overall)",
                    groups.values().stream().reduce(GroupState.EMPTY, GroupState::merge)));
            case NAMED -> known.stream().filter(e -> reference.group().equals(e.getKey().id()))
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
        return GroupRate.SELECTION.of(s).orElseThrow();
    }
}
