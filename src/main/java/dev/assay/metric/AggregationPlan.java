package dev.assay.metric;

import dev.assay.infrastructure.Sql;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * Compiles the group counts of several scopes into one SQL statement: one scan of the Parquet file,
 * one GROUPING SET per scope (plus the whole dataset), one FILTER aggregate per counter. The SQL is
 * standard enough to run on another engine (Spark SQL has GROUPING SETS and FILTER too).
 */
public final class AggregationPlan {

    private final List<Scope> scopes;
    private final Outcomes outcomes;
    private final List<String> attributes;

    /** Whether the scan also sums what the regression metrics need (numeric label and prediction). */
    private final boolean regression;

    public AggregationPlan(List<Scope> scopes, Outcomes outcomes) {
        this.regression = outcomes.numeric();
        LinkedHashSet<Scope> unique = new LinkedHashSet<>();
        unique.add(Scope.OVERALL);
        unique.addAll(scopes);
        this.scopes = List.copyOf(unique);
        this.outcomes = outcomes;
        LinkedHashSet<String> attrs = new LinkedHashSet<>();
        this.scopes.forEach(s -> attrs.addAll(s.attributes()));
        this.attributes = List.copyOf(attrs);
    }

    public String sql(Path parquet) {
        StringBuilder select = new StringBuilder("SELECT ");
        for (int i = 0; i < attributes.size(); i++) {
            String a = Sql.identifier(attributes.get(i));
            select.append("GROUPING(").append(a).append(") AS g").append(i).append(", ")
                    .append("CAST(").append(a).append(" AS VARCHAR) AS k").append(i).append(", ");
        }
        String pred = Sql.identifier(outcomes.prediction());
        select.append("count(*) AS n_rows, count(").append(pred).append(") AS n_predicted, ")
                .append("count(*) FILTER (WHERE ").append(outcomes.favorableSql()).append(") AS n_favorable");
        if (outcomes.hasConfusion()) {
            String label = Sql.identifier(outcomes.label().orElseThrow());
            String bothKnown = label + " IS NOT NULL AND " + pred + " IS NOT NULL";
            String pp = "(" + outcomes.predictedPositiveSql() + ")";
            String ap = "(" + outcomes.actualPositiveSql() + ")";
            select.append(", count(*) FILTER (WHERE ").append(bothKnown).append(" AND ").append(ap).append(" AND ").append(pp).append(") AS n_tp")
                    .append(", count(*) FILTER (WHERE ").append(bothKnown).append(" AND NOT ").append(ap).append(" AND ").append(pp).append(") AS n_fp")
                    .append(", count(*) FILTER (WHERE ").append(bothKnown).append(" AND ").append(ap).append(" AND NOT ").append(pp).append(") AS n_fn")
                    .append(", count(*) FILTER (WHERE ").append(bothKnown).append(" AND NOT ").append(ap).append(" AND NOT ").append(pp).append(") AS n_tn");
        }
        if (outcomes.score().isPresent()) {
            String score = Sql.identifier(outcomes.score().get());
            select.append(", count(").append(score).append(") AS n_scored, sum(CAST(").append(score)
                    .append(" AS DOUBLE)) AS score_sum");
        }
        if (regression) {
            String y = "CAST(" + Sql.identifier(outcomes.label().orElseThrow()) + " AS DOUBLE)";
            String yhat = "CAST(" + pred + " AS DOUBLE)";
            String both = " FILTER (WHERE " + y + " IS NOT NULL AND " + yhat + " IS NOT NULL)";
            select.append(", count(*)").append(both).append(" AS r_n")
                    .append(", sum(").append(y).append(")").append(both).append(" AS r_y")
                    .append(", sum(").append(y).append(" * ").append(y).append(")").append(both).append(" AS r_yy")
                    .append(", sum(").append(yhat).append(")").append(both).append(" AS r_p")
                    .append(", sum(abs(").append(y).append(" - ").append(yhat).append("))").append(both).append(" AS r_abs")
                    .append(", sum((").append(y).append(" - ").append(yhat).append(") * (").append(y).append(" - ").append(yhat)
                    .append("))").append(both).append(" AS r_sq");
        }
        select.append(" FROM read_parquet(").append(Sql.literal(parquet.toString())).append(")");
        if (!attributes.isEmpty()) {
            select.append(" GROUP BY GROUPING SETS (");
            for (int i = 0; i < scopes.size(); i++) {
                if (i > 0) {
                    select.append(", ");
                }
                select.append('(');
                select.append(String.join(", ", scopes.get(i).attributes().stream().map(Sql::identifier).toList()));
                select.append(')');
            }
            select.append(')');
        }
        return select.toString();
    }

    public Aggregates execute(Connection connection, Path parquet) throws SQLException {
        Map<Scope, Map<GroupKey, GroupState>> result = new LinkedHashMap<>();
        Map<Scope, Map<GroupKey, RegressionState>> sums = new LinkedHashMap<>();
        scopes.forEach(s -> result.put(s, new LinkedHashMap<>()));
        if (regression) {
            scopes.forEach(s -> sums.put(s, new LinkedHashMap<>()));
        }
        try (Statement s = connection.createStatement(); ResultSet r = s.executeQuery(sql(parquet))) {
            while (r.next()) {
                List<String> grouped = new ArrayList<>();
                Map<String, String> values = new LinkedHashMap<>();
                for (int i = 0; i < attributes.size(); i++) {
                    if (r.getInt("g" + i) == 0) {
                        grouped.add(attributes.get(i));
                        values.put(attributes.get(i), r.getString("k" + i));
                    }
                }
                Scope scope = scopeOf(grouped);
                List<String> key = new ArrayList<>();
                scope.attributes().forEach(a -> key.add(values.get(a)));
                boolean confusion = outcomes.hasConfusion();
                boolean scored = outcomes.score().isPresent();
                GroupState state = new GroupState(r.getLong("n_rows"), r.getLong("n_predicted"), r.getLong("n_favorable"),
                        confusion ? r.getLong("n_tp") : 0,
                        confusion ? r.getLong("n_fp") : 0,
                        confusion ? r.getLong("n_fn") : 0,
                        confusion ? r.getLong("n_tn") : 0,
                        scored ? r.getLong("n_scored") : 0,
                        scored ? r.getDouble("score_sum") : 0.0);
                result.get(scope).merge(new GroupKey(key), state, GroupState::merge);
                if (regression) {
                    sums.get(scope).merge(new GroupKey(key), new RegressionState(r.getLong("r_n"), r.getDouble("r_y"),
                            r.getDouble("r_yy"), r.getDouble("r_p"), r.getDouble("r_abs"), r.getDouble("r_sq")),
                            RegressionState::merge);
                }
            }
        }
        result.forEach((scope, groups) -> {
            if (scope.attributes().size() > 1) {
                fillEmptyIntersections(scope, groups);
            }
        });
        result.forEach((scope, groups) -> {
            if (scope.attributes().size() > 1 && regression) {
                groups.keySet().forEach(k -> sums.get(scope).putIfAbsent(k, RegressionState.EMPTY));
            }
        });
        return new Aggregates(result, Map.of(), Map.of(), sums);
    }

    /**
     * GROUPING SETS returns only the combinations that occur; an intersection that no row falls in is
     * still a group, with n = 0, so that a report shows it instead of silently dropping it.
     */
    private static void fillEmptyIntersections(Scope scope, Map<GroupKey, GroupState> groups) {
        List<java.util.TreeSet<String>> seen = new ArrayList<>();
        scope.attributes().forEach(a -> seen.add(new java.util.TreeSet<>()));
        for (GroupKey key : groups.keySet()) {
            for (int i = 0; i < key.values().size(); i++) {
                if (key.values().get(i) != null) {
                    seen.get(i).add(key.values().get(i));
                }
            }
        }
        List<List<String>> combinations = new ArrayList<>();
        combinations.add(List.of());
        for (java.util.TreeSet<String> values : seen) {
            List<List<String>> next = new ArrayList<>();
            for (List<String> prefix : combinations) {
                for (String v : values) {
                    List<String> c = new ArrayList<>(prefix);
                    c.add(v);
                    next.add(c);
                }
            }
            combinations = next;
        }
        combinations.forEach(c -> groups.putIfAbsent(new GroupKey(c), GroupState.EMPTY));
    }

    private Scope scopeOf(List<String> grouped) {
        for (Scope s : scopes) {
            if (s.attributes().size() == grouped.size() && s.attributes().containsAll(grouped)) {
                return s;
            }
        }
        throw new IllegalStateException("no scope groups by " + grouped);
    }
}
