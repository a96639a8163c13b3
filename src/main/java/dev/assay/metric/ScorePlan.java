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
import java.util.Locale;
import java.util.Map;

/**
 * The score metrics' scans, run only when an audit needs them: one GROUPING SETS scan for the
 * {@link ScoreState} sums (Brier, log loss, calibration bins, threshold sweep), and one for the
 * exact ROC AUC, which ranks each group's score histogram with a window function so that only one
 * row per group comes back.
 */
public final class ScorePlan {

    private final List<Scope> scopes;
    private final List<String> attributes;
    private final String score;
    private final String y;
    private final String labelKnown;

    public ScorePlan(List<Scope> scopes, Outcomes outcomes) {
        LinkedHashSet<Scope> unique = new LinkedHashSet<>();
        unique.add(Scope.OVERALL);
        unique.addAll(scopes);
        this.scopes = List.copyOf(unique);
        LinkedHashSet<String> attrs = new LinkedHashSet<>();
        this.scopes.forEach(s -> attrs.addAll(s.attributes()));
        this.attributes = List.copyOf(attrs);
        this.score = "CAST(" + Sql.identifier(outcomes.score().orElseThrow()) + " AS DOUBLE)";
        // Without a label the label-based sums are simply 0 (scoring rates need only scores).
        boolean labeled = outcomes.label().isPresent() && outcomes.positiveLabel().isPresent();
        this.y = labeled ? "(" + outcomes.actualPositiveSql() + ")" : "FALSE";
        this.labelKnown = labeled ? Sql.identifier(outcomes.label().get()) + " IS NOT NULL" : "FALSE";
    }

    private String keys() {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < attributes.size(); i++) {
            String a = Sql.identifier(attributes.get(i));
            b.append("GROUPING(").append(a).append(") AS g").append(i).append(", CAST(").append(a)
                    .append(" AS VARCHAR) AS k").append(i).append(", ");
        }
        return b.toString();
    }

    private String groupingSets(String extra) {
        if (attributes.isEmpty() && extra.isEmpty()) {
            return "";
        }
        List<String> sets = new ArrayList<>();
        for (Scope s : scopes) {
            List<String> columns = new ArrayList<>(s.attributes().stream().map(Sql::identifier).toList());
            if (!extra.isEmpty()) {
                columns.add(extra);
            }
            sets.add("(" + String.join(", ", columns) + ")");
        }
        return " GROUP BY GROUPING SETS (" + String.join(", ", sets) + ")";
    }

    String sumsSql(Path parquet, double median) {
        String labeled = score + " IS NOT NULL AND " + labelKnown;
        String clipped = "greatest(" + ScoreState.EPSILON + ", least(1 - " + ScoreState.EPSILON + ", " + score + "))";
        StringBuilder b = new StringBuilder("SELECT ").append(keys());
        b.append("count(").append(score).append(") AS n_scored");
        b.append(", count(*) FILTER (WHERE ").append(labeled).append(") AS n_labeled");
        b.append(", count(*) FILTER (WHERE ").append(labeled).append(" AND ").append(y).append(") AS n_pos");
        b.append(", sum(power(").append(score).append(" - CASE WHEN ").append(y).append(" THEN 1 ELSE 0 END, 2)) FILTER (WHERE ")
                .append(labeled).append(") AS brier");
        b.append(", sum(CASE WHEN ").append(y).append(" THEN -ln(").append(clipped).append(") ELSE -ln(1 - ").append(clipped)
                .append(") END) FILTER (WHERE ").append(labeled).append(") AS logloss");
        String bin = "least(greatest(floor(" + score + " * " + ScoreState.BINS + "), 0), " + (ScoreState.BINS - 1) + ")";
        for (int i = 0; i < ScoreState.BINS; i++) {
            String in = labeled + " AND " + bin + " = " + i;
            b.append(", count(*) FILTER (WHERE ").append(in).append(") AS bc").append(i);
            b.append(", sum(").append(score).append(") FILTER (WHERE ").append(in).append(") AS bs").append(i);
            b.append(", count(*) FILTER (WHERE ").append(in).append(" AND ").append(y).append(") AS bp").append(i);
        }
        for (int i = 0; i < ScoreState.THRESHOLDS.length; i++) {
            String at = score + " >= " + String.format(Locale.ROOT, "%.1f", ScoreState.THRESHOLDS[i]);
            b.append(", count(*) FILTER (WHERE ").append(at).append(") AS sel").append(i);
            b.append(", count(*) FILTER (WHERE ").append(labeled).append(" AND ").append(y).append(" AND ").append(at)
                    .append(") AS tp").append(i);
            b.append(", count(*) FILTER (WHERE ").append(labeled).append(" AND NOT ").append(y).append(" AND ").append(at)
                    .append(") AS fp").append(i);
        }
        String m = Double.isNaN(median) ? "NULL" : Double.toString(median);
        b.append(", count(*) FILTER (WHERE ").append(score).append(" > ").append(m).append(") AS above_median");
        b.append(", count(*) FILTER (WHERE ").append(score).append(" >= ").append(m).append(") AS at_or_above_median");
        b.append(" FROM read_parquet(").append(Sql.literal(parquet.toString())).append(")").append(groupingSets(""));
        return b.toString();
    }

    String ranksSql(Path parquet) {
        StringBuilder keyColumns = new StringBuilder();
        List<String> partition = new ArrayList<>();
        for (int i = 0; i < attributes.size(); i++) {
            keyColumns.append("g").append(i).append(", k").append(i).append(", ");
            partition.add("g" + i);
            partition.add("k" + i);
        }
        String histogram = "SELECT " + keys() + score + " AS s, count(*) FILTER (WHERE " + y + ") AS p, count(*) FILTER (WHERE NOT "
                + y + ") AS n FROM read_parquet(" + Sql.literal(parquet.toString()) + ") WHERE " + score + " IS NOT NULL AND "
                + labelKnown + groupingSets(score);
        String window = "sum(n) OVER (" + (partition.isEmpty() ? "" : "PARTITION BY " + String.join(", ", partition) + " ")
                + "ORDER BY s ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING)";
        return "SELECT " + keyColumns + "sum(p) AS pos, sum(n) AS neg, sum(p * (coalesce(below, 0) + n / 2.0)) AS u FROM ("
                + "SELECT *, " + window + " AS below FROM (" + histogram + ")) GROUP BY ALL";
    }

    /** The median score of the whole dataset (NYC LL144's reference for scoring rates); NaN without scores. */
    double median(Connection connection, Path parquet) throws SQLException {
        try (Statement s = connection.createStatement(); ResultSet r = s.executeQuery("SELECT median(" + score
                + ") FROM read_parquet(" + Sql.literal(parquet.toString()) + ")")) {
            r.next();
            double m = r.getDouble(1);
            return r.wasNull() ? Double.NaN : m;
        }
    }

    public Map<Scope, Map<GroupKey, ScoreState>> sums(Connection connection, Path parquet) throws SQLException {
        Map<Scope, Map<GroupKey, ScoreState>> out = empty();
        double median = median(connection, parquet);
        try (Statement s = connection.createStatement(); ResultSet r = s.executeQuery(sumsSql(parquet, median))) {
            while (r.next()) {
                long[] bc = new long[ScoreState.BINS];
                double[] bs = new double[ScoreState.BINS];
                long[] bp = new long[ScoreState.BINS];
                for (int i = 0; i < ScoreState.BINS; i++) {
                    bc[i] = r.getLong("bc" + i);
                    bs[i] = r.getDouble("bs" + i);
                    bp[i] = r.getLong("bp" + i);
                }
                int t = ScoreState.THRESHOLDS.length;
                long[] sel = new long[t];
                long[] tp = new long[t];
                long[] fp = new long[t];
                for (int i = 0; i < t; i++) {
                    sel[i] = r.getLong("sel" + i);
                    tp[i] = r.getLong("tp" + i);
                    fp[i] = r.getLong("fp" + i);
                }
                ScoreState state = new ScoreState(r.getLong("n_scored"), r.getLong("n_labeled"), r.getLong("n_pos"),
                        r.getDouble("brier"), r.getDouble("logloss"), bc, bs, bp, sel, tp, fp,
                        r.getLong("above_median"), r.getLong("at_or_above_median"));
                place(out, r, state, ScoreState::merge);
            }
        }
        return out;
    }

    public Map<Scope, Map<GroupKey, RankState>> ranks(Connection connection, Path parquet) throws SQLException {
        Map<Scope, Map<GroupKey, RankState>> out = empty();
        try (Statement s = connection.createStatement(); ResultSet r = s.executeQuery(ranksSql(parquet))) {
            while (r.next()) {
                place(out, r, new RankState(r.getLong("pos"), r.getLong("neg"), r.getDouble("u")), (a, b) -> {
                    throw new IllegalStateException("one rank row per group expected");
                });
            }
        }
        return out;
    }

    private <S> Map<Scope, Map<GroupKey, S>> empty() {
        Map<Scope, Map<GroupKey, S>> out = new LinkedHashMap<>();
        scopes.forEach(s -> out.put(s, new LinkedHashMap<>()));
        return out;
    }

    private <S> void place(Map<Scope, Map<GroupKey, S>> out, ResultSet r, S state,
                           java.util.function.BinaryOperator<S> merge) throws SQLException {
        List<String> grouped = new ArrayList<>();
        Map<String, String> values = new LinkedHashMap<>();
        for (int i = 0; i < attributes.size(); i++) {
            if (r.getInt("g" + i) == 0) {
                grouped.add(attributes.get(i));
                values.put(attributes.get(i), r.getString("k" + i));
            }
        }
        Scope scope = scopes.stream().filter(s -> s.attributes().size() == grouped.size() && s.attributes().containsAll(grouped))
                .findFirst().orElseThrow();
        List<String> key = new ArrayList<>();
        scope.attributes().forEach(a -> key.add(values.get(a)));
        out.get(scope).merge(new GroupKey(key), state, merge);
    }
}
