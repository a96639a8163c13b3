package dev.assay.metric;

import dev.assay.infrastructure.ValueMatch;
import dev.assay.infrastructure.Sql;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The data-quality and re-identification scans: per column, in one statement, non-null counts (and
 * min and max of numeric columns); per column, one grouping for its distinct values and those occurring
 * exactly once; the duplicate rows (none, without a scan, when some column is distinct on every row);
 * and the quasi-identifier classes, aggregated in SQL so only their summary comes back.
 */
public final class QualityPlan {

    private final List<String> columns;
    private final Map<String, String> types;
    private final List<String> quasiIdentifiers;
    private final int k;

    public QualityPlan(List<String> columns, Map<String, String> types, List<String> quasiIdentifiers, int k) {
        this.columns = List.copyOf(columns);
        this.types = Map.copyOf(types);
        this.quasiIdentifiers = List.copyOf(quasiIdentifiers);
        this.k = k;
    }

    private static String from(Path parquet) {
        return " FROM read_parquet(" + Sql.literal(parquet.toString()) + ")";
    }

    public Map<String, ColumnState> columns(Connection c, Path parquet) throws SQLException {
        return columns(c, parquet, Map.of());
    }

    /** As {@link #columns(Connection, Path)}, with the frequencies another scan of this file already counted. */
    public Map<String, ColumnState> columns(Connection c, Path parquet, Map<String, ValueFrequencies> known) throws SQLException {
        Map<String, ColumnState> out = new LinkedHashMap<>();
        if (columns.isEmpty()) {
            return out;
        }
        StringBuilder sql = new StringBuilder("SELECT count(*) AS n");
        for (int i = 0; i < columns.size(); i++) {
            String col = Sql.identifier(columns.get(i));
            sql.append(", count(").append(col).append(") AS nn").append(i);
            if (ValueMatch.isNumeric(types.get(columns.get(i)))) {
                sql.append(", min(CAST(").append(col).append(" AS DOUBLE)) AS lo").append(i)
                        .append(", max(CAST(").append(col).append(" AS DOUBLE)) AS hi").append(i);
            }
        }
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql.append(from(parquet)).toString())) {
            r.next();
            long rows = r.getLong("n");
            for (int i = 0; i < columns.size(); i++) {
                String name = columns.get(i);
                Double lo = null;
                Double hi = null;
                if (ValueMatch.isNumeric(types.get(name))) {
                    lo = r.getDouble("lo" + i);
                    lo = r.wasNull() ? null : lo;
                    hi = r.getDouble("hi" + i);
                    hi = r.wasNull() ? null : hi;
                }
                ValueFrequencies f = known.containsKey(name) ? known.get(name) : frequencies(c, parquet, name);
                out.put(name, new ColumnState(rows, r.getLong("nn" + i), f.distinct(), f.singletons(), lo, hi));
            }
        }
        return out;
    }

    /**
     * The distinct non-null values of a column, and those occurring exactly once (Deequ's uniqueness
     * counts them), from one grouping of the column: a separate count(DISTINCT) would group it twice.
     * (One grouped scan with a grouping set per column measured no faster at 10M rows x 20 columns.)
     */
    private static ValueFrequencies frequencies(Connection c, Path parquet, String column) throws SQLException {
        String col = Sql.identifier(column);
        // Only the counts leave the inner query: a column named like the alias cannot be taken for it.
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("SELECT count(*), count(*) FILTER (WHERE f = 1) "
                + "FROM (SELECT count(*) AS f" + from(parquet) + " WHERE " + col + " IS NOT NULL GROUP BY " + col + ")")) {
            r.next();
            return new ValueFrequencies(r.getLong(1), r.getLong(2));
        }
    }

    /** The classes and diversity of each sensitive column within the quasi-identifier classes. */
    public DatasetState dataset(Connection c, Path parquet, List<String> sensitive) throws SQLException {
        return dataset(c, parquet, sensitive, Map.of());
    }

    /**
     * As {@link #dataset(Connection, Path, List)}, told what {@link #columns} found: a column with a
     * distinct value on every row makes every row distinct, so the duplicate count is 0 without the
     * DISTINCT over whole rows (the costliest of these scans).
     */
    public DatasetState dataset(Connection c, Path parquet, List<String> sensitive, Map<String, ColumnState> known) throws SQLException {
        DatasetState d = dataset(c, parquet, known);
        if (quasiIdentifiers.isEmpty() || sensitive.isEmpty()) {
            return d;
        }
        Map<String, DatasetState.Diversity> diversity = new LinkedHashMap<>();
        // The user's columns are renamed q0, q1, ... and v first, so that no column name can shadow an alias.
        StringBuilder renamed = new StringBuilder();
        List<String> keys = new java.util.ArrayList<>();
        for (int i = 0; i < quasiIdentifiers.size(); i++) {
            renamed.append(Sql.identifier(quasiIdentifiers.get(i))).append(" AS q").append(i).append(", ");
            keys.add("q" + i);
        }
        String qi = String.join(", ", keys);
        for (String column : sensitive) {
            if (!types.containsKey(column)) {
                continue;
            }
            String s = Sql.identifier(column);
            // Within each class: the distinct values and their entropy -sum p ln p, p = count / class total.
            String sql = "WITH base AS (SELECT " + renamed + s + " AS v" + from(parquet) + " WHERE " + s + " IS NOT NULL), "
                    + "cells AS (SELECT " + qi + ", v, count(*) AS c FROM base GROUP BY " + qi + ", v), "
                    + "shares AS (SELECT " + qi + ", CAST(c AS DOUBLE) / sum(c) OVER (PARTITION BY " + qi + ") AS p FROM cells) "
                    + "SELECT count(*), min(d), min(h) FROM (SELECT count(*) AS d, -sum(p * ln(p)) AS h FROM shares GROUP BY " + qi + ")";
            try (Statement st = c.createStatement(); ResultSet r = st.executeQuery(sql)) {
                r.next();
                diversity.put(column, new DatasetState.Diversity(r.getLong(1), r.getLong(2), r.getDouble(3)));
            }
        }
        return new DatasetState(d.rows(), d.duplicateRows(), d.classes(), d.smallestClass(), d.rowsBelowK(), d.uniqueRows(),
                d.k(), diversity);
    }

    public DatasetState dataset(Connection c, Path parquet) throws SQLException {
        return dataset(c, parquet, Map.of());
    }

    private DatasetState dataset(Connection c, Path parquet, Map<String, ColumnState> known) throws SQLException {
        long rows;
        long distinctRows;
        boolean keyed = known.values().stream().anyMatch(col -> col.rows() > 0 && col.nonNull() == col.rows() && col.distinct() == col.rows());
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("SELECT (SELECT count(*)" + from(parquet) + "), "
                + (keyed ? "NULL" : "(SELECT count(*) FROM (SELECT DISTINCT *" + from(parquet) + "))"))) {
            r.next();
            rows = r.getLong(1);
            distinctRows = keyed ? rows : r.getLong(2);
        }
        if (quasiIdentifiers.isEmpty()) {
            return new DatasetState(rows, rows - distinctRows, 0, 0, 0, 0, k);
        }
        String qi = String.join(", ", quasiIdentifiers.stream().map(Sql::identifier).toList());
        // The classes' sizes alone leave the inner query, so no column of the user's can shadow the alias.
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("SELECT count(*), min(c), "
                + "coalesce(sum(c) FILTER (WHERE c < " + k + "), 0), count(*) FILTER (WHERE c = 1) FROM (SELECT count(*) AS c"
                + from(parquet) + " GROUP BY " + qi + ")")) {
            r.next();
            return new DatasetState(rows, rows - distinctRows, r.getLong(1), r.getLong(2), r.getLong(3), r.getLong(4), k);
        }
    }
}
