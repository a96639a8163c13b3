package dev.assay.metric;


import java.util.List;
import java.util.Map;

/** Deterministic group order for reports: by group name, the unknown category last. */
public final class Groups {

    private Groups() {
    }

    public static List<Map.Entry<GroupKey, GroupState>> sorted(Map<GroupKey, GroupState> groups) {
        return groups.entrySet().stream().sorted(Map.Entry.comparingByKey(GroupKey.ORDER)).toList();
    }
}
