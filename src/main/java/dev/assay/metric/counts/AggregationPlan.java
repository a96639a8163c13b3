package dev.assay.metric.counts;

import dev.assay.infrastructure.ValueMatch;

import dev.assay.metric.GroupKey;
import dev.assay.metric.OutcomeClasses;
import dev.assay.metric.OutcomeColumns;
import dev.assay.metric.Scope;
import dev.assay.metric.scan.DuckDbDialect;
import dev.assay.metric.scan.Row;
import dev.assay.metric.scan.ScanEngine;
import dev.assay.metric.scan.SqlDialect;
import dev.assay.metric.scan.Table;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.BinaryOperator;

/**
 * Compiles what an audit needs into one SQL scan of the Parquet file, at the finest grain: one row
 * per combination of the values of every attribute any scope uses (a "cell") and, when scores are
 * needed, per score bin. Each cell becomes mergeable states ({@link GroupState},
 * {@link RegressionState}, {@link ScoreState}), and every scope (an attribute, an intersection, the
 * whole dataset) is the merge of its cells, rolled up in Java.
 *
 * <p>Why not GROUPING SETS, one per scope: on DuckDB the single GROUP BY at the finest grain, with
 * its aggregates evaluated once per row, measured three times faster for six scopes here, and the
 * roll-up is exact because every state is a sum. The price is the number of cells, at most the
 * product of the attributes' category counts (and never more than the rows): fine for protected
 * attributes, not for a high-cardinality column. The SQL is standard and would run on Spark SQL: what
 * engines spell differently comes from the engine's {@link SqlDialect}.
 */
public final class AggregationPlan {

    private final List<Scope> scopes;
    private final OutcomeColumns outcomes;
    private final List<String> attributes;
    private final boolean regression;
    private final boolean scores;
    private final double median;

    public AggregationPlan(List<Scope> scopes, OutcomeColumns outcomes) {
        this(scopes, outcomes, true, false, Double.NaN);
    }

    public AggregationPlan(List<Scope> scopes, OutcomeColumns outcomes, boolean withRegression) {
        this(scopes, outcomes, withRegression, false, Double.NaN);
    }

    /**
     * @param withRegression also sum what regression metrics need (when label and prediction are numeric)
     * @param withScores     also compute the score states (needs a score column)
     * @param median         the dataset's median score, for NYC LL144 scoring rates (NaN when not needed)
     */
    public AggregationPlan(List<Scope> scopes, OutcomeColumns outcomes, boolean withRegression, boolean withScores, double median) {
        LinkedHashSet<Scope> unique = new LinkedHashSet<>();
        unique.add(Scope.OVERALL);
        unique.addAll(scopes);
        this.scopes = List.copyOf(unique);
        this.outcomes = outcomes;
        LinkedHashSet<String> attrs = new LinkedHashSet<>();
        this.scopes.forEach(s -> attrs.addAll(s.attributes()));
        this.attributes = List.copyOf(attrs);
        this.regression = withRegression && outcomes.numeric();
        this.scores = withScores && outcomes.score().isPresent();
        this.median = median;
    }

    /** The median score of the whole dataset (NYC LL144's reference for scoring rates); NaN without scores. */
    public static double median(ScanEngine engine, Table table, String scoreColumn) throws SQLException {
        return median(engine, table, scoreColumn, Optional.empty());
    }

    /** Scores with at most this many distinct values get their median from a histogram rather than a sort. */
    static final long HISTOGRAM_MEDIAN_LIMIT = 100_000;

    /**
     * The median of the scores, each row counted by its frequency weight: the median of the sample the
     * weights stand for (positions (N+1) div 2 and N div 2 + 1 of the N weighted scores, averaged, as
     * DuckDB's median does unweighted). Unweighted scores with few distinct values (rounded
     * probabilities, deciles) take the same histogram path, ten times faster than DuckDB's median
     * there; continuous ones keep DuckDB's median, which is faster than a histogram of millions of
     * values. A cheap approximate distinct count chooses; both paths are exact.
     */
    public static double median(ScanEngine engine, Table table, String scoreColumn, Optional<String> weight) throws SQLException {
        SqlDialect d = engine.dialect();
        String score = "CAST(" + d.identifier(scoreColumn) + " AS DOUBLE)";
        String file = table.sql();
        boolean histogram = weight.isPresent()
                || engine.one("SELECT approx_count_distinct(" + score + ") FROM " + file, r -> r.getLong(1) <= HISTOGRAM_MEDIAN_LIMIT);
        String count = weight.map(w -> "sum(CAST(" + d.identifier(w) + " AS BIGINT))").orElse("count(*)");
        String sql = !histogram
                ? "SELECT median(" + score + ") FROM " + file
                : "SELECT (min(s) FILTER (WHERE cum >= " + d.integerDivide("(total + 1)", "2") + ") + min(s) FILTER (WHERE cum >= "
                + d.integerDivide("total", "2") + " + 1)) / 2"
                + " FROM (SELECT s, sum(w) OVER (ORDER BY s ROWS UNBOUNDED PRECEDING) AS cum, sum(w) OVER () AS total"
                + " FROM (SELECT " + score + " AS s, " + count + " AS w FROM " + file + " WHERE " + score
                + " IS NOT NULL GROUP BY 1 HAVING " + count + " > 0))";
        return engine.one(sql, r -> r.isNull(1) ? Double.NaN : r.getDouble(1));
    }

    /**
     * The scan. Row-level facts (is the prediction favorable, positive; is the label positive; which
     * score bin) are evaluated once in an inner projection, as 0/1 integers under names Assay
     * controls (a0, a1, ... for the attributes), so the aggregates are plain sums (measured twice as
     * fast as FILTER clauses here) and no user column name can collide with them. In DuckDB's dialect:
     * the text the bench times and tests read; a scan runs {@link #sql(SqlDialect, Table)} in its engine's.
     */
    public String sql(Table table) {
        return sql(DuckDbDialect.INSTANCE, table);
    }

    /** The scan in {@code d}, the dialect of the engine that will run it. */
    public String sql(SqlDialect d, Table table) {
        String pred = d.identifier(outcomes.prediction());
        if (outcomes.classes().isPresent()) {
            return classesSql(d, table);
        }
        boolean labeled = outcomes.label().isPresent() && outcomes.hasPositiveClass();
        if (!labeled && !scores && !regression && outcomes.score().isEmpty() && outcomes.weight().isEmpty()) {
            return selectionsSql(d, table, pred);
        }
        List<String> inner = new ArrayList<>();
        for (int i = 0; i < attributes.size(); i++) {
            inner.add(ValueMatch.groupSql(d, attributes.get(i), outcomes.columnTypes().get(attributes.get(i))) + " AS a" + i);
        }
        if (outcomes.weight().isPresent()) {
            inner.add(outcomes.weightSql(d) + " AS w");
        }
        inner.add("(" + pred + " IS NOT NULL)::INT AS predicted");
        inner.add("coalesce((" + outcomes.favorableSql(d) + ")::INT, 0) AS fav");
        String label = labeled ? d.identifier(outcomes.label().get()) : null;
        String ap = labeled ? "(" + outcomes.actualPositiveSql(d) + ")" : "FALSE";
        String pp = labeled && !outcomes.positivePrediction().isEmpty() ? "(" + outcomes.predictedPositiveSql(d) + ")" : "FALSE";
        if (labeled) {
            String known = label + " IS NOT NULL AND " + pred + " IS NOT NULL";
            inner.add("(" + known + " AND " + ap + " AND " + pp + ")::INT AS tp");
            inner.add("(" + known + " AND NOT " + ap + " AND " + pp + ")::INT AS fp");
            inner.add("(" + known + " AND " + ap + " AND NOT " + pp + ")::INT AS fn");
            inner.add("(" + known + " AND NOT " + ap + " AND NOT " + pp + ")::INT AS tn");
            // AIF360's benefit counts, by the favorable outcome (not the positive class): b = 2 and b = 0.
            // When the favorable outcome is the one positive prediction they are the false positives and
            // false negatives already counted: two fewer expressions per row in the common case.
            if (!outcomes.favorableIsPositive()) {
                String pf = "coalesce((" + outcomes.favorableSql(d) + "), FALSE)";
                String lf = "coalesce((" + outcomes.labelFavorableSql(d) + "), FALSE)";
                inner.add("(" + known + " AND " + pf + " AND NOT " + lf + ")::INT AS b2");
                inner.add("(" + known + " AND NOT " + pf + " AND " + lf + ")::INT AS b0");
            }
            // The label's own counts, with or without a prediction: the base rate needs no prediction.
            inner.add("(" + label + " IS NOT NULL)::INT AS lab");
            inner.add("coalesce((" + label + " IS NOT NULL AND " + ap + ")::INT, 0) AS labp");
        }
        String score = outcomes.score().map(c -> "CAST(" + d.identifier(c) + " AS DOUBLE)").orElse(null);
        if (score != null) {
            inner.add(score + " AS s");
        }
        if (scores) {
            String sl = labeled ? score + " IS NOT NULL AND " + label + " IS NOT NULL" : "FALSE";
            inner.add("(" + sl + ")::INT AS sl");
            inner.add("(" + sl + " AND " + ap + ")::INT AS slp");
            // Bins by the same comparisons as the thresholds (score >= k/10), so sweeps and bins agree exactly.
            StringBuilder bin = new StringBuilder("CASE");
            for (int k = ScoreState.BINS - 1; k >= 1; k--) {
                bin.append(" WHEN ").append(score).append(" >= ").append(ScoreState.THRESHOLDS[k - 1]).append(" THEN ").append(k);
            }
            inner.add(bin.append(" WHEN ").append(score).append(" IS NOT NULL THEN 0 END AS bin").toString());
            String clipped = "greatest(" + ScoreState.EPSILON + ", least(1 - " + ScoreState.EPSILON + ", " + score + "))";
            // (s - y) * (s - y), not power(s - y, 2): the same value, measured 7% faster for the whole scan.
            String error = "(" + score + " - CASE WHEN " + ap + " THEN 1 ELSE 0 END)";
            inner.add("CASE WHEN " + sl + " THEN " + error + " * " + error + " END AS brier");
            inner.add("CASE WHEN " + sl + " THEN CASE WHEN " + ap + " THEN -ln(" + clipped + ") ELSE -ln(1 - " + clipped
                    + ") END END AS logloss");
            String m = Double.isNaN(median) ? "NULL" : Double.toString(median);
            inner.add("coalesce((" + score + " > " + m + ")::INT, 0) AS above");
            inner.add("coalesce((" + score + " >= " + m + ")::INT, 0) AS at_or_above");
        }
        if (regression) {
            String y = "CAST(" + d.identifier(outcomes.label().orElseThrow()) + " AS DOUBLE)";
            String yhat = "CAST(" + pred + " AS DOUBLE)";
            String both = y + " IS NOT NULL AND " + yhat + " IS NOT NULL";
            inner.add("(" + both + ")::INT AS rb");
            inner.add("CASE WHEN " + both + " THEN " + y + " END AS y");
            inner.add("CASE WHEN " + both + " THEN " + yhat + " END AS yhat");
        }

        List<String> keys = new ArrayList<>();
        for (int i = 0; i < attributes.size(); i++) {
            keys.add("a" + i);
        }
        if (scores) {
            keys.add("bin");
        }
        List<String> aggregates = new ArrayList<>(keys);
        aggregates.add(outcomes.rows() + " AS n_rows");
        aggregates.add(outcomes.total("predicted") + " AS n_predicted");
        aggregates.add(outcomes.total("fav") + " AS n_favorable");
        if (labeled) {
            aggregates.add(outcomes.total("tp") + " AS n_tp");
            aggregates.add(outcomes.total("fp") + " AS n_fp");
            aggregates.add(outcomes.total("fn") + " AS n_fn");
            aggregates.add(outcomes.total("tn") + " AS n_tn");
            if (!outcomes.favorableIsPositive()) {
                aggregates.add(outcomes.total("b2") + " AS n_b2");
                aggregates.add(outcomes.total("b0") + " AS n_b0");
            }
            aggregates.add(outcomes.total("lab") + " AS n_lab");
            aggregates.add(outcomes.total("labp") + " AS n_labp");
        }
        if (score != null) {
            aggregates.add(outcomes.total("(s IS NOT NULL)::INT") + " AS n_scored");
            aggregates.add(outcomes.total("s") + " AS score_sum");
        }
        if (scores) {
            aggregates.add(outcomes.total("sl") + " AS n_sl");
            aggregates.add(outcomes.total("slp") + " AS n_pos");
            aggregates.add(outcomes.total("s * sl") + " AS sl_score_sum");
            aggregates.add(outcomes.total("brier") + " AS brier");
            aggregates.add(outcomes.total("logloss") + " AS logloss");
            aggregates.add(outcomes.total("above") + " AS above_median");
            aggregates.add(outcomes.total("at_or_above") + " AS at_or_above_median");
        }
        if (regression) {
            aggregates.add(outcomes.total("rb") + " AS r_n");
            aggregates.add(outcomes.total("y") + " AS r_y");
            aggregates.add(outcomes.total("y * y") + " AS r_yy");
            aggregates.add(outcomes.total("yhat") + " AS r_p");
            aggregates.add(outcomes.total("abs(y - yhat)") + " AS r_abs");
            aggregates.add(outcomes.total("(y - yhat) * (y - yhat)") + " AS r_sq");
        }
        return "SELECT " + String.join(", ", aggregates) + " FROM (SELECT " + String.join(", ", inner) + table.from() + ")" + (keys.isEmpty() ? "" : " GROUP BY " + String.join(", ", keys));
    }

    /**
     * The scan when only selections are counted (no label, score, regression or weight: the four-fifths rule):
     * one flat aggregate, without the inner projection the other counts share. The same counts: rows, rows
     * with a prediction ({@code count} skips NULL as {@code IS NOT NULL} does), rows whose prediction is
     * favorable (NULL comparisons add nothing); measured 15-20% faster on 10M rows, as fast as the bare query.
     */
    private String selectionsSql(SqlDialect d, Table table, String pred) {
        List<String> columns = new ArrayList<>();
        List<String> positions = new ArrayList<>();
        for (int i = 0; i < attributes.size(); i++) {
            columns.add(ValueMatch.groupSql(d, attributes.get(i), outcomes.columnTypes().get(attributes.get(i))) + " AS a" + i);
            positions.add(String.valueOf(i + 1));
        }
        columns.add("count(*) AS n_rows");
        columns.add("count(" + pred + ") AS n_predicted");
        columns.add("coalesce(sum((" + outcomes.favorableSql(d) + ")::INT), 0) AS n_favorable");
        return "SELECT " + String.join(", ", columns) + table.from()
                + (positions.isEmpty() ? "" : " GROUP BY " + String.join(", ", positions));
    }

    /**
     * A multiclass model's scan: rows counted by cell, the class of their label and the class of their prediction
     * ({@link OutcomeClasses#indexSql}: 0 to K-1, K outside the classes, NULL missing), at most (K+2)² rows per
     * cell. Every count of the binary metrics (through the favorable classes) and of the per-class ones is a sum
     * of these ({@link ClassMatrix}), so one GROUP BY serves both, with two CASE expressions per row.
     */
    private String classesSql(SqlDialect d, Table table) {
        OutcomeClasses classes = outcomes.classes().orElseThrow();
        List<String> inner = new ArrayList<>();
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < attributes.size(); i++) {
            inner.add(ValueMatch.groupSql(d, attributes.get(i), outcomes.columnTypes().get(attributes.get(i))) + " AS a" + i);
            keys.add("a" + i);
        }
        if (outcomes.weight().isPresent()) {
            inner.add(outcomes.weightSql(d) + " AS w");
        }
        String prediction = outcomes.prediction();
        inner.add(outcomes.label().map(l -> classes.indexSql(d, l, outcomes.columnTypes().get(l))).orElse("CAST(NULL AS INT)") + " AS lc");
        inner.add(classes.indexSql(d, prediction, outcomes.columnTypes().get(prediction)) + " AS pc");
        keys.add("lc");
        keys.add("pc");
        List<String> aggregates = new ArrayList<>(keys);
        aggregates.add(outcomes.rows() + " AS n_rows");
        return "SELECT " + String.join(", ", aggregates) + " FROM (SELECT " + String.join(", ", inner) + table.from() + ") GROUP BY "
                + String.join(", ", keys);
    }

    /** The multiclass scan run: each scope's class matrices, and the binary counts through the favorable classes. */
    private Aggregates executeClasses(ScanEngine engine, Table table) throws SQLException {
        OutcomeClasses classes = outcomes.classes().orElseThrow();
        List<String> names = classes.names();
        int missing = classes.size() + 1;
        Map<List<String>, ClassMatrix> cells = new LinkedHashMap<>();
        engine.scan(classesSql(engine.dialect(), table), r -> {
            List<String> cell = new ArrayList<>();
            for (int i = 0; i < attributes.size(); i++) {
                cell.add(r.getString("a" + i));
            }
            int label = r.isNull("lc") ? missing : r.getInt("lc");
            int prediction = r.isNull("pc") ? missing : r.getInt("pc");
            cells.merge(cell, ClassMatrix.empty(names).plus(label, prediction, r.getLong("n_rows")), ClassMatrix::merge);
            return true;
        });
        Map<Scope, Map<GroupKey, ClassMatrix>> matrices = empty();
        cells.forEach((cell, m) -> rollUp(matrices, cell, m, ClassMatrix::merge));
        Map<Scope, Map<GroupKey, GroupState>> counts = empty();
        matrices.forEach((scope, groups) -> {
            if (scope.attributes().isEmpty()) {
                groups.putIfAbsent(new GroupKey(List.of()), ClassMatrix.empty(names));
            }
            if (scope.attributes().size() > 1) {
                Map<GroupKey, GroupState> present = new LinkedHashMap<>();
                groups.keySet().forEach(k -> present.put(k, GroupState.EMPTY));
                fillEmptyIntersections(scope, present);
                present.keySet().forEach(k -> groups.putIfAbsent(k, ClassMatrix.empty(names)));
            }
            groups.forEach((k, m) -> counts.get(scope).put(k, m.favorable(classes)));
        });
        return new Aggregates(counts).withClasses(matrices);
    }

    /** Runs the scan on {@code engine} over {@code table}: the counts, and the score and regression sums asked for, of every scope. */
    public Aggregates execute(ScanEngine engine, Table table) throws SQLException {
        if (outcomes.classes().isPresent()) {
            return executeClasses(engine, table);
        }
        Map<Scope, Map<GroupKey, GroupState>> counts = empty();
        Map<Scope, Map<GroupKey, RegressionState>> sums = regression ? empty() : Map.of();
        Map<Scope, Map<GroupKey, ScoreState>> scoreStates = scores ? empty() : Map.of();
        boolean labeled = outcomes.label().isPresent() && outcomes.hasPositiveClass();
        boolean scored = outcomes.score().isPresent();
        engine.scan(sql(engine.dialect(), table), r -> {
            List<String> cell = new ArrayList<>();
            for (int i = 0; i < attributes.size(); i++) {
                cell.add(r.getString("a" + i));
            }
            GroupState g = new GroupState(r.getLong("n_rows"), r.getLong("n_predicted"), r.getLong("n_favorable"),
                    labeled ? r.getLong("n_tp") : 0, labeled ? r.getLong("n_fp") : 0,
                    labeled ? r.getLong("n_fn") : 0, labeled ? r.getLong("n_tn") : 0,
                    scored ? r.getLong("n_scored") : 0, scored ? r.getDouble("score_sum") : 0.0,
                    !labeled ? 0 : outcomes.favorableIsPositive() ? r.getLong("n_fp") : r.getLong("n_b2"),
                    !labeled ? 0 : outcomes.favorableIsPositive() ? r.getLong("n_fn") : r.getLong("n_b0"),
                    labeled ? r.getLong("n_lab") : 0, labeled ? r.getLong("n_labp") : 0);
            rollUp(counts, cell, g, GroupState::merge);
            if (regression) {
                rollUp(sums, cell, new RegressionState(r.getLong("r_n"), r.getDouble("r_y"), r.getDouble("r_yy"),
                        r.getDouble("r_p"), r.getDouble("r_abs"), r.getDouble("r_sq")), RegressionState::merge);
            }
            if (scores) {
                if (!r.isNull("bin")) {
                    rollUp(scoreStates, cell, binState(r.getInt("bin"), r), ScoreState::merge);
                }
            }
            return true;
        });
        counts.forEach((scope, groups) -> {
            if (scope.attributes().isEmpty()) {
                // An empty dataset still has its whole: count 0, every rate undefined (never no value at all).
                groups.putIfAbsent(new GroupKey(List.of()), GroupState.EMPTY);
            }
            if (scope.attributes().size() > 1) {
                fillEmptyIntersections(scope, groups);
            }
            // A group none of whose rows has a score (or a label and prediction) is still a group: its
            // score and regression values are undefined, not missing.
            if (regression) {
                groups.keySet().forEach(k -> sums.get(scope).putIfAbsent(k, RegressionState.EMPTY));
            }
            if (scores) {
                groups.keySet().forEach(k -> scoreStates.get(scope).putIfAbsent(k, ScoreState.empty()));
            }
        });
        return new Aggregates(counts, scoreStates, sums);
    }

    /** The score state of the rows of one cell that fall into one score bin. */
    private static ScoreState binState(int bin, Row r) throws SQLException {
        long scoredRows = r.getLong("n_scored");
        long labeledRows = r.getLong("n_sl");
        long positives = r.getLong("n_pos");
        long[] binCount = new long[ScoreState.BINS];
        double[] binScoreSum = new double[ScoreState.BINS];
        long[] binPositives = new long[ScoreState.BINS];
        binCount[bin] = labeledRows;
        binScoreSum[bin] = r.getDouble("sl_score_sum");
        binPositives[bin] = positives;
        int t = ScoreState.THRESHOLDS.length;
        long[] selected = new long[t];
        long[] truePositives = new long[t];
        long[] falsePositives = new long[t];
        // Bin k holds scores in [k/10, (k+1)/10): they pass every threshold up to k/10.
        for (int i = 0; i < t && i + 1 <= bin; i++) {
            selected[i] = scoredRows;
            truePositives[i] = positives;
            falsePositives[i] = labeledRows - positives;
        }
        return new ScoreState(scoredRows, labeledRows, positives, r.getDouble("brier"), r.getDouble("logloss"),
                binCount, binScoreSum, binPositives, selected, truePositives, falsePositives,
                r.getLong("above_median"), r.getLong("at_or_above_median"));
    }

    private <S> Map<Scope, Map<GroupKey, S>> empty() {
        Map<Scope, Map<GroupKey, S>> out = new LinkedHashMap<>();
        scopes.forEach(s -> out.put(s, new LinkedHashMap<>()));
        return out;
    }

    /** Adds one cell's state to the group it belongs to in every scope. */
    private <S> void rollUp(Map<Scope, Map<GroupKey, S>> out, List<String> cell, S state, BinaryOperator<S> merge) {
        for (Map.Entry<Scope, Map<GroupKey, S>> e : out.entrySet()) {
            List<String> key = new ArrayList<>(e.getKey().attributes().size());
            for (String attribute : e.getKey().attributes()) {
                key.add(cell.get(attributes.indexOf(attribute)));
            }
            e.getValue().merge(new GroupKey(key), state, merge);
        }
    }

    /**
     * Only the combinations that occur come back from the scan; an intersection that no row falls in
     * is still a group, with n = 0, so that a report shows it instead of silently dropping it.
     */
    private static void fillEmptyIntersections(Scope scope, Map<GroupKey, GroupState> groups) {
        List<TreeSet<String>> seen = new ArrayList<>();
        scope.attributes().forEach(a -> seen.add(new TreeSet<>()));
        for (GroupKey key : groups.keySet()) {
            for (int i = 0; i < key.values().size(); i++) {
                if (key.values().get(i) != null) {
                    seen.get(i).add(key.values().get(i));
                }
            }
        }
        List<List<String>> combinations = new ArrayList<>();
        combinations.add(List.of());
        for (TreeSet<String> values : seen) {
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
}
