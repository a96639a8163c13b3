package dev.assay.metric.performance;

import dev.assay.infrastructure.ValueMatch;
import dev.assay.metric.GroupKey;
import dev.assay.metric.OutcomeColumns;
import dev.assay.metric.Scope;
import dev.assay.metric.scan.Row;
import dev.assay.metric.scan.ScanEngine;
import dev.assay.metric.scan.SqlDialect;
import dev.assay.metric.scan.Table;
import dev.assay.stats.DeLong;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The scans that pair this audit's rows with the approved version's by the model cards' id columns, in the
 * engine: only aggregates come back. The groups are this version's (its protected attributes); each side's
 * label, prediction, score and weight are read with its own card. Ids are compared by meaning
 * ({@link ValueMatch#groupSql}: {@code 7} and {@code "7"} are one id, {@code 7.0} of a double column too).
 *
 * <p>Which rows pair: an id that occurs exactly once in each dataset, with the same label (as each card's
 * positive class reads it; both missing counts as the same) and the same weight. A row without an id, one
 * whose id is duplicated on either side (which row pairs with which is unknowable), one whose id is only on
 * one side, and one whose label or weight differs between the datasets (so it is not the same row) are
 * counted apart and left out of every test.
 *
 * <p>{@link #pairing} counts, per group, this version's rows by how they paired, and the pairs by label
 * class and by which version classifies them right: McNemar's 2 x 2 tables. The counts are sums, mergeable
 * across partitions. {@link #deLong} computes, per group, the sufficient statistics of DeLong's test: each
 * pair's placement integers U (positives) and W (negatives) under both scores need the whole group's score
 * distribution, so they are computed in the engine with window functions over the group's (label, score,
 * score) histogram (RANGE frames: ties count one half, exactly), and only their sums, sums of squares and
 * cross products come back, as DECIMAL(38, 0) integers that neither engine rounds. The statistics are exact
 * integers; the test divides once (see {@link DeLong}). Standard SQL both engines spell alike (FILTER,
 * GROUPING SETS, window RANGE frames, DECIMAL(38, 0)); what differs comes from the engine's {@link SqlDialect}.
 */
public final class PairedPlan {

    /** The approved dataset's rows by how they paired with this version's (rows, not weights). */
    public record ApprovedRows(long rows, long withoutId, long duplicated, long unmatched) {
    }

    /** What {@link #pairing} returns: per scope and group, this version's pairing; the approved dataset's, whole. */
    public record Pairing(Map<Scope, Map<GroupKey, PairedState>> groups, ApprovedRows approved) {

        /** The whole dataset's pairing: how many rows of both versions are paired. */
        public PairedState overall() {
            return groups.getOrDefault(Scope.OVERALL, Map.of()).getOrDefault(new GroupKey(List.of()), PairedState.EMPTY);
        }
    }

    private final GroupingScopes grouping;
    private final List<String> attributes;
    private final OutcomeColumns now;
    private final String nowId;
    private final OutcomeColumns before;
    private final String beforeId;

    /**
     * @param scopes  this version's scopes (the whole dataset is always added)
     * @param now     this version's outcome columns (its card, its dataset's column types)
     * @param nowId   its card's id column
     * @param before  the approved version's outcome columns
     * @param beforeId the approved card's id column
     */
    public PairedPlan(List<Scope> scopes, OutcomeColumns now, String nowId, OutcomeColumns before, String beforeId) {
        this.grouping = new GroupingScopes(scopes);
        this.attributes = grouping.attributes;
        this.now = now;
        this.nowId = nowId;
        this.before = before;
        this.beforeId = beforeId;
    }

    /** Runs the pairing scans: this version's rows per group, then the approved dataset's, whole. */
    public Pairing pairing(ScanEngine engine, Table nowTable, Table beforeTable) throws SQLException {
        SqlDialect d = engine.dialect();
        Map<Scope, Map<GroupKey, PairedState>> out = grouping.empty();
        engine.scan(pairingSql(d, nowTable, beforeTable), r -> {
            PairedState.Cells positives = new PairedState.Cells(r.getLong("p_both"), r.getLong("p_now"), r.getLong("p_before"),
                    r.getLong("p_neither"));
            PairedState.Cells negatives = new PairedState.Cells(r.getLong("n_both"), r.getLong("n_now"), r.getLong("n_before"),
                    r.getLong("n_neither"));
            grouping.put(out, r, new PairedState(r.getLong("n_rows"), r.getLong("n_no_id"), r.getLong("n_dup"), r.getLong("n_unmatched"),
                    r.getLong("n_conflict"), r.getLong("n_pairs"), positives, negatives));
            return true;
        });
        ApprovedRows approved = engine.one(approvedSql(d, nowTable, beforeTable), r -> new ApprovedRows(r.getLong("n_rows"),
                r.getLong("n_no_id"), r.getLong("n_dup"), r.getLong("n_unmatched")));
        return new Pairing(out, approved);
    }

    /**
     * Runs DeLong's scan: per scope and group, the test's sufficient statistics over the pairs with a label and
     * both scores (score 1 this version's, score 2 the approved version's). Needs both cards' score, label and
     * positive class. A group with no such pair is absent.
     */
    public Map<Scope, Map<GroupKey, DeLong.Components>> deLong(ScanEngine engine, Table nowTable, Table beforeTable) throws SQLException {
        Map<Scope, Map<GroupKey, DeLong.Components>> out = grouping.empty();
        engine.scan(deLongSql(engine.dialect(), nowTable, beforeTable), r -> {
            grouping.put(out, r, new DeLong.Components(r.getLong("pos"), r.getLong("neg"), big(r, "su1"), big(r, "su2"), big(r, "su11"),
                    big(r, "su22"), big(r, "su12"), big(r, "sw1"), big(r, "sw2"), big(r, "sw11"), big(r, "sw22"), big(r, "sw12")));
            return true;
        });
        return out;
    }

    /** The pairing scan in {@code d}: one row per group of every scope. */
    String pairingSql(SqlDialect d, Table nowTable, Table beforeTable) {
        String prefix = common(d, nowTable, beforeTable, false);
        String joined = "j AS (SELECT " + columns("c.") + "c.w, c.y, c.p, ak.p AS q, CASE WHEN c.id IS NULL THEN 0"
                + " WHEN ck.k > 1 OR ak.k > 1 THEN 1 WHEN ak.k IS NULL THEN 2"
                + " WHEN c.w <> ak.w OR coalesce(c.y, -1) <> coalesce(ak.y, -1) THEN 3 ELSE 4 END AS s"
                + " FROM c LEFT JOIN ck ON c.id = ck.id LEFT JOIN ak ON c.id = ak.id)";
        List<String> select = new ArrayList<>(grouping.keys());
        select.add("count(*) AS n_rows");
        String[] statuses = {"n_no_id", "n_dup", "n_unmatched", "n_conflict", "n_pairs"};
        for (int s = 0; s < statuses.length; s++) {
            select.add("count(*) FILTER (WHERE s = " + s + ") AS " + statuses[s]);
        }
        // McNemar's cells per label class: right is prediction = label, p for this version, q for the approved.
        String[][] cells = {{"both", "p = y AND q = y"}, {"now", "p = y AND q <> y"}, {"before", "p <> y AND q = y"},
                {"neither", "p <> y AND q <> y"}};
        for (String[] cls : new String[][] {{"p_", "1"}, {"n_", "0"}}) {
            for (String[] cell : cells) {
                select.add("coalesce(sum(w) FILTER (WHERE s = 4 AND y = " + cls[1] + " AND " + cell[1] + "), 0) AS " + cls[0] + cell[0]);
            }
        }
        return prefix + ", " + joined + " SELECT " + String.join(", ", select) + " FROM j" + groupingSets(List.of());
    }

    /** The approved dataset's rows by how they paired: one row. */
    String approvedSql(SqlDialect d, Table nowTable, Table beforeTable) {
        return "WITH c AS (SELECT " + key(d, now, nowId) + " AS id" + nowTable.from() + "), a AS (SELECT " + key(d, before, beforeId)
                + " AS id" + beforeTable.from() + "), ck AS (SELECT id, count(*) AS k FROM c WHERE id IS NOT NULL GROUP BY id),"
                + " ak AS (SELECT id, count(*) AS k FROM a WHERE id IS NOT NULL GROUP BY id)"
                + " SELECT count(*) AS n_rows, count(*) FILTER (WHERE a.id IS NULL) AS n_no_id,"
                + " count(*) FILTER (WHERE a.id IS NOT NULL AND (ak.k > 1 OR ck.k > 1)) AS n_dup,"
                + " count(*) FILTER (WHERE a.id IS NOT NULL AND ak.k = 1 AND ck.k IS NULL) AS n_unmatched"
                + " FROM a LEFT JOIN ak ON a.id = ak.id LEFT JOIN ck ON a.id = ck.id";
    }

    /** DeLong's scan in {@code d}: one row per group that has a pair with a label and both scores. */
    String deLongSql(SqlDialect d, Table nowTable, Table beforeTable) {
        String prefix = common(d, nowTable, beforeTable, true);
        String pairs = "pairs AS (SELECT " + columns("c.") + "c.w, c.y, c.s AS s1, ak.s AS s2 FROM c JOIN ck ON c.id = ck.id"
                + " JOIN ak ON c.id = ak.id WHERE ck.k = 1 AND ak.k = 1 AND c.w = ak.w AND c.y = ak.y"
                + " AND c.s IS NOT NULL AND ak.s IS NOT NULL)";
        // The (label, score 1, score 2) histogram of every group of every scope; g_i/k_i tell the groups apart.
        List<String> keys = new ArrayList<>(grouping.keys());
        keys.addAll(List.of("y", "s1", "s2", "sum(w) AS w"));
        String histogram = "cells AS (SELECT " + String.join(", ", keys) + " FROM pairs" + groupingSets(List.of("y", "s1", "s2")) + ")";
        List<String> partition = grouping.partition();
        List<String> placed = new ArrayList<>(partition);
        placed.addAll(List.of("y", "w"));
        for (String s : List.of("s1", "s2")) {
            String n = s.substring(1);
            // U: 2 (negatives below) + (negatives tied) = 2 (negatives at or below) - (negatives tied); W likewise above.
            placed.add("CAST(2 * " + windowSum(partition, "y = 0", s, "UNBOUNDED PRECEDING AND CURRENT ROW") + " - "
                    + tieSum(partition, "y = 0", s) + " AS DECIMAL(38, 0)) AS u" + n);
            placed.add("CAST(2 * " + windowSum(partition, "y = 1", s, "CURRENT ROW AND UNBOUNDED FOLLOWING") + " - "
                    + tieSum(partition, "y = 1", s) + " AS DECIMAL(38, 0)) AS v" + n);
        }
        String placements = "placed AS (SELECT " + String.join(", ", placed) + " FROM cells)";
        List<String> select = new ArrayList<>(partition);
        select.add("coalesce(sum(w) FILTER (WHERE y = 1), 0) AS pos");
        select.add("coalesce(sum(w) FILTER (WHERE y = 0), 0) AS neg");
        String w = "CAST(w AS DECIMAL(38, 0))";
        for (String[] t : new String[][] {{"u", "1"}, {"w", "0"}}) {
            String x = t[0].equals("u") ? "u" : "v";
            String filter = " FILTER (WHERE y = " + t[1] + "), 0) AS s" + t[0];
            select.add("coalesce(sum(" + w + " * " + x + "1)" + filter + "1");
            select.add("coalesce(sum(" + w + " * " + x + "2)" + filter + "2");
            select.add("coalesce(sum(" + w + " * " + x + "1 * " + x + "1)" + filter + "11");
            select.add("coalesce(sum(" + w + " * " + x + "2 * " + x + "2)" + filter + "22");
            select.add("coalesce(sum(" + w + " * " + x + "1 * " + x + "2)" + filter + "12");
        }
        return prefix + ", " + pairs + ", " + histogram + ", " + placements + " SELECT " + String.join(", ", select) + " FROM placed"
                + (partition.isEmpty() ? "" : " GROUP BY " + String.join(", ", partition));
    }

    /**
     * The two sides as rows of Assay's own names: c (this version: id, attributes a0.., weight w, label class y,
     * predicted class p or score s), a (the approved version's), and the id counts of each (ck, ak: ak also
     * carries the approved row's values, used only where its id is unique).
     */
    private String common(SqlDialect d, Table nowTable, Table beforeTable, boolean scores) {
        List<String> c = new ArrayList<>();
        c.add(key(d, now, nowId) + " AS id");
        for (int i = 0; i < attributes.size(); i++) {
            c.add(ValueMatch.groupSql(d, attributes.get(i), now.columnTypes().get(attributes.get(i))) + " AS a" + i);
        }
        c.add(now.weightSql(d) + " AS w");
        c.add(labelClass(d, now) + " AS y");
        c.add(scores ? score(d, now) + " AS s" : predictedClass(d, now) + " AS p");
        String last = scores ? "s" : "p";
        String a = "a AS (SELECT " + key(d, before, beforeId) + " AS id, " + before.weightSql(d) + " AS w, " + labelClass(d, before)
                + " AS y, " + (scores ? score(d, before) : predictedClass(d, before)) + " AS " + last + beforeTable.from() + ")";
        return "WITH c AS (SELECT " + String.join(", ", c) + nowTable.from() + "), " + a
                + ", ck AS (SELECT id, count(*) AS k FROM c WHERE id IS NOT NULL GROUP BY id)"
                + ", ak AS (SELECT id, count(*) AS k, min(w) AS w, min(y) AS y, min(" + last + ") AS " + last
                + " FROM a WHERE id IS NOT NULL GROUP BY id)";
    }

    /** The id's canonical text (numbers by value, text as written); NULL without a value. */
    private static String key(SqlDialect d, OutcomeColumns o, String id) {
        return ValueMatch.groupSql(d, id, o.columnTypes().get(id));
    }

    /** 1 for the card's positive class, 0 for another label, NULL without a label (or a card that names none). */
    private static String labelClass(SqlDialect d, OutcomeColumns o) {
        if (o.label().isEmpty() || !o.hasPositiveClass()) {
            return "CAST(NULL AS INTEGER)";
        }
        return "CASE WHEN " + d.identifier(o.label().get()) + " IS NULL THEN NULL WHEN " + o.actualPositiveSql(d) + " THEN 1 ELSE 0 END";
    }

    /** 1 for a prediction the card counts as positive, 0 for another, NULL without a prediction. */
    private static String predictedClass(SqlDialect d, OutcomeColumns o) {
        String positive = o.positivePrediction().isEmpty() ? "FALSE" : o.predictedPositiveSql(d);
        return "CASE WHEN " + d.identifier(o.prediction()) + " IS NULL THEN NULL WHEN " + positive + " THEN 1 ELSE 0 END";
    }

    private static String score(SqlDialect d, OutcomeColumns o) {
        return "CAST(" + d.identifier(o.score().orElseThrow()) + " AS DOUBLE)";
    }

    private String columns(String qualifier) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < attributes.size(); i++) {
            b.append(qualifier).append('a').append(i).append(", ");
        }
        return b.toString();
    }

    /** One grouping set per scope, each with {@code always} added; none without attributes. */
    private String groupingSets(List<String> always) {
        if (attributes.isEmpty()) {
            return always.isEmpty() ? "" : " GROUP BY " + String.join(", ", always);
        }
        return " GROUP BY GROUPING SETS (" + String.join(", ", grouping.sets(always)) + ")";
    }

    /** The weight of the group's rows of one class whose score lies in the frame (ordered by that score). */
    private static String windowSum(List<String> partition, String ofClass, String score, String frame) {
        return "sum(CASE WHEN " + ofClass + " THEN w ELSE 0 END) OVER (" + (partition.isEmpty() ? "" : "PARTITION BY "
                + String.join(", ", partition) + " ") + "ORDER BY " + score + " RANGE BETWEEN " + frame + ")";
    }

    /** The weight of the group's rows of one class with this row's score. */
    private static String tieSum(List<String> partition, String ofClass, String score) {
        List<String> by = new ArrayList<>(partition);
        by.add(score);
        return "sum(CASE WHEN " + ofClass + " THEN w ELSE 0 END) OVER (PARTITION BY " + String.join(", ", by) + ")";
    }

    private static BigInteger big(Row r, String column) throws SQLException {
        String text = r.getString(column);
        return text == null ? BigInteger.ZERO : new BigDecimal(text).toBigIntegerExact();
    }
}
