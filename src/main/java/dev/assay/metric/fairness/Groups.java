package dev.assay.metric.fairness;

import dev.assay.metric.GroupKey;
import dev.assay.metric.GroupState;

import java.util.Comparator;
import java.util.List;
import java.util.Map;

/** Deterministic group order for reports: by group name, the unknown category last. */
final class Groups {

    private static final Comparator<GroupKey> ORDER = Comparator.comparing(
            (GroupKey k) -> k.hasUnknown()).thenComparing(k -> String.valueOf(k.id()));

    private Groups() {
    }

    static List<Map.Entry<GroupKey, GroupState>> sorted(Map<GroupKey, GroupState> groups) {
        return groups.entrySet().stream().sorted(Map.Entry.comparingByKey(ORDER)).toList();
    }
}
