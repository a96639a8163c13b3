package dev.assay.metric;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * The values of a scope's attributes that identify one group. A null value is the "unknown"
 * category (the attribute is missing in those rows).
 */
public record GroupKey(List<String> values) {

    /** Report order: by group name, the unknown category last. */
    public static final Comparator<GroupKey> ORDER = Comparator
            .comparing((GroupKey k) -> k.hasUnknown()).thenComparing(k -> String.valueOf(k.id()));

    public GroupKey {
        values = Collections.unmodifiableList(new ArrayList<>(values));
    }

    public boolean hasUnknown() {
        return values.stream().anyMatch(Objects::isNull);
    }

    /** As reported: values joined with {@code *}; null for the whole dataset. */
    public String id() {
        if (values.isEmpty()) {
            return null;
        }
        return String.join("*", values.stream().map(v -> v == null ? "(unknown)" : v).toList());
    }
}
