package dev.assay.metric.performance;

import dev.assay.metric.GroupKey;
import dev.assay.metric.Scope;
import dev.assay.metric.scan.Row;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * The scopes of a scan that computes its groups in SQL with GROUPING SETS, one set per scope, because what it
 * computes per group is not a sum its cells could be merged into (ranks): the whole dataset always and the
 * scopes asked for, the attributes they use once each, named {@code a0, a1, ...} in the scan, and how a result
 * row says its scope and group ({@code GROUPING(a_i) = 0} for the attributes grouped, {@code k_i} their values).
 */
final class GroupingScopes {

    final List<Scope> scopes;
    final List<String> attributes;

    GroupingScopes(List<Scope> asked) {
        LinkedHashSet<Scope> unique = new LinkedHashSet<>();
        unique.add(Scope.OVERALL);
        unique.addAll(asked);
        this.scopes = List.copyOf(unique);
        LinkedHashSet<String> attrs = new LinkedHashSet<>();
        this.scopes.forEach(s -> attrs.addAll(s.attributes()));
        this.attributes = List.copyOf(attrs);
    }

    /** {@code GROUPING(a_i) AS g_i, a_i AS k_i} for every attribute: what tells a row's scope and group. */
    List<String> keys() {
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < attributes.size(); i++) {
            keys.add("GROUPING(a" + i + ") AS g" + i);
            keys.add("a" + i + " AS k" + i);
        }
        return keys;
    }

    /** {@code g_i, k_i} for every attribute: a group's identity, for a window's PARTITION BY or a GROUP BY. */
    List<String> partition() {
        List<String> partition = new ArrayList<>();
        for (int i = 0; i < attributes.size(); i++) {
            partition.add("g" + i);
            partition.add("k" + i);
        }
        return partition;
    }

    /** One grouping set per scope, its attributes' a_i and then {@code always}: {@code (a0, s), (s), ...}. */
    List<String> sets(List<String> always) {
        List<String> sets = new ArrayList<>();
        for (Scope scope : scopes) {
            List<String> columns = new ArrayList<>(scope.attributes().stream().map(a -> "a" + attributes.indexOf(a)).toList());
            columns.addAll(always);
            sets.add("(" + String.join(", ", columns) + ")");
        }
        return sets;
    }

    /** Every scope, with no group yet. */
    <S> Map<Scope, Map<GroupKey, S>> empty() {
        Map<Scope, Map<GroupKey, S>> out = new LinkedHashMap<>();
        scopes.forEach(s -> out.put(s, new LinkedHashMap<>()));
        return out;
    }

    /** Files a result row's state under its scope and group. */
    <S> void put(Map<Scope, Map<GroupKey, S>> out, Row r, S state) throws SQLException {
        List<String> grouped = new ArrayList<>();
        Map<String, String> values = new LinkedHashMap<>();
        for (int i = 0; i < attributes.size(); i++) {
            if (r.getInt("g" + i) == 0) {
                grouped.add(attributes.get(i));
                values.put(attributes.get(i), r.getString("k" + i));
            }
        }
        Scope scope = scopes.stream().filter(x -> x.attributes().size() == grouped.size() && x.attributes().containsAll(grouped))
                .findFirst().orElseThrow();
        List<String> key = new ArrayList<>();
        scope.attributes().forEach(a -> key.add(values.get(a)));
        out.get(scope).put(new GroupKey(key), state);
    }
}
