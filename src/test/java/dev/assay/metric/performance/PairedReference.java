package dev.assay.metric.performance;

import dev.assay.metric.GroupKey;
import dev.assay.metric.Scope;
import dev.assay.stats.DeLong;
import dev.assay.stats.DeLongReference;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The pairing of two datasets by id, row by row in plain Java, as {@link PairedPlan}'s documentation states it:
 * what the engine's scans must equal exactly (counts exactly, DeLong's integer sums exactly).
 */
final class PairedReference {

    /** One row: id (its canonical text; null for none), group, label class, predicted class, score, weight. */
    record Row(String id, String group, Integer y, Integer p, Double s, long w) {
    }

    /** The scopes of the tests: the whole dataset and the group attribute g. */
    static final Scope G = Scope.of("g");

    private PairedReference() {
    }

    static Map<Scope, Map<GroupKey, PairedState>> pairing(List<Row> now, List<Row> before) {
        Map<String, Long> nowIds = counts(now);
        Map<String, Long> beforeIds = counts(before);
        Map<String, Row> beforeById = new HashMap<>();
        before.forEach(r -> beforeById.put(r.id(), r));
        Map<Scope, Map<GroupKey, PairedState>> out = new LinkedHashMap<>();
        out.put(Scope.OVERALL, new LinkedHashMap<>());
        out.put(G, new LinkedHashMap<>());
        for (Row r : now) {
            Row b = beforeById.get(r.id());
            long[] status = new long[5];
            PairedState.Cells positives = PairedState.Cells.EMPTY;
            PairedState.Cells negatives = PairedState.Cells.EMPTY;
            if (r.id() == null) {
                status[0] = 1;
            } else if (nowIds.get(r.id()) > 1 || beforeIds.getOrDefault(r.id(), 0L) > 1) {
                status[1] = 1;
            } else if (b == null) {
                status[2] = 1;
            } else if (r.w() != b.w() || !Objects.equals(r.y(), b.y())) {
                status[3] = 1;
            } else {
                status[4] = 1;
                if (r.y() != null && r.p() != null && b.p() != null) {
                    boolean now1 = r.p().equals(r.y());
                    boolean before1 = b.p().equals(r.y());
                    PairedState.Cells c = new PairedState.Cells(now1 && before1 ? r.w() : 0, now1 && !before1 ? r.w() : 0,
                            !now1 && before1 ? r.w() : 0, !now1 && !before1 ? r.w() : 0);
                    positives = r.y() == 1 ? c : positives;
                    negatives = r.y() == 0 ? c : negatives;
                }
            }
            PairedState one = new PairedState(1, status[0], status[1], status[2], status[3], status[4], positives, negatives);
            out.get(Scope.OVERALL).merge(new GroupKey(List.of()), one, PairedState::plus);
            out.get(G).merge(new GroupKey(Arrays.asList(r.group())), one, PairedState::plus);
        }
        return out;
    }

    static PairedPlan.ApprovedRows approved(List<Row> now, List<Row> before) {
        Map<String, Long> nowIds = counts(now);
        Map<String, Long> beforeIds = counts(before);
        long withoutId = before.stream().filter(r -> r.id() == null).count();
        long duplicated = before.stream().filter(r -> r.id() != null && (beforeIds.get(r.id()) > 1 || nowIds.getOrDefault(r.id(), 0L) > 1))
                .count();
        long unmatched = before.stream().filter(r -> r.id() != null && beforeIds.get(r.id()) == 1 && !nowIds.containsKey(r.id())).count();
        return new PairedPlan.ApprovedRows(before.size(), withoutId, duplicated, unmatched);
    }

    /** DeLong's components per group over the pairs with a label and both scores; groups without one are absent. */
    static Map<Scope, Map<GroupKey, DeLong.Components>> deLong(List<Row> now, List<Row> before) {
        Map<String, Long> nowIds = counts(now);
        Map<String, Long> beforeIds = counts(before);
        Map<String, Row> beforeById = new HashMap<>();
        before.forEach(r -> beforeById.put(r.id(), r));
        Map<Scope, Map<GroupKey, List<DeLongReference.Ranked>>> ranked = new LinkedHashMap<>();
        ranked.put(Scope.OVERALL, new LinkedHashMap<>());
        ranked.put(G, new LinkedHashMap<>());
        for (Row r : now) {
            Row b = beforeById.get(r.id());
            if (r.id() == null || nowIds.get(r.id()) > 1 || beforeIds.getOrDefault(r.id(), 0L) > 1 || b == null || r.w() != b.w()
                    || r.y() == null || !r.y().equals(b.y()) || r.s() == null || b.s() == null) {
                continue;
            }
            DeLongReference.Ranked x = new DeLongReference.Ranked(r.y() == 1, r.s(), b.s(), r.w());
            ranked.get(Scope.OVERALL).computeIfAbsent(new GroupKey(List.of()), k -> new ArrayList<>()).add(x);
            ranked.get(G).computeIfAbsent(new GroupKey(Arrays.asList(r.group())), k -> new ArrayList<>()).add(x);
        }
        Map<Scope, Map<GroupKey, DeLong.Components>> out = new LinkedHashMap<>();
        ranked.forEach((scope, groups) -> {
            Map<GroupKey, DeLong.Components> m = new LinkedHashMap<>();
            groups.forEach((k, rows) -> m.put(k, DeLongReference.components(rows)));
            out.put(scope, m);
        });
        return out;
    }

    private static Map<String, Long> counts(List<Row> rows) {
        Map<String, Long> out = new HashMap<>();
        rows.stream().filter(r -> r.id() != null).forEach(r -> out.merge(r.id(), 1L, Long::sum));
        return out;
    }
}
