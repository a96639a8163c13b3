package dev.assay.metric;

import dev.assay.infrastructure.Sql;

import java.nio.file.Path;
import java.sql.Array;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The drift scans of one column against the baseline, in SQL over both Parquet files; only the bins,
 * the two distribution summaries or the category counts come back.
 */
public final class DriftPlan {

    /** Evidently's epsilon for empty bins in the population stability index. */
    public static final double EPSILON = 1e-4;
    /** Numeric columns with this many distinct values or fewer are compared as categories. */
    public static final int CATEGORICAL_MAX_DISTINCT = 10;

    private DriftPlan() {
    }

    private static String read(Path p) {
        return "read_parquet(" + Sql.literal(p.toString()) + ")";
    }

    public static Map<String, DriftState> compare(Connection c, Path evaluation, Path baseline, List<String> columns,
                                                  Map<String, String> types) throws SQLException {
        Map<String, DriftState> out = new LinkedHashMap<>();
        for (String column : columns) {
            String col = Sql.identifier(column);
            boolean numeric = ValueMatch.isNumeric(types.get(column)) && distinct(c, baseline, col) > CATEGORICAL_MAX_DISTINCT;
            out.put(column, numeric ? numeric(c, evaluation, baseline, col) : categorical(c, evaluation, baseline, col));
        }
        return out;
    }

    private static long distinct(Connection c, Path p, String col) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("SELECT count(DISTINCT " + col + ") FROM " + read(p))) {
            r.next();
            return r.getLong(1);
        }
    }

    private static DriftState numeric(Connection c, Path evaluation, Path baseline, String col) throws SQLException {
        String x = "CAST(" + col + " AS DOUBLE)";
        double[] cuts;
        double std;
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("SELECT quantile_cont(" + x
                + ", [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9]), stddev_pop(" + x + ") FROM " + read(baseline))) {
            r.next();
            Array a = r.getArray(1);
            Object[] values = (Object[]) a.getArray();
            TreeSet<Double> distinctCuts = new TreeSet<>();
            for (Object v : values) {
                distinctCuts.add(((Number) v).doubleValue());
            }
            cuts = distinctCuts.stream().mapToDouble(Double::doubleValue).toArray();
            std = r.getDouble(2);
        }
        StringBuilder bin = new StringBuilder("CASE");
        for (int i = 0; i < cuts.length; i++) {
            bin.append(" WHEN ").append(x).append(" < ").append(cuts[i]).append(" THEN ").append(i);
        }
        bin.append(" ELSE ").append(cuts.length).append(" END");
        long[] e = binCounts(c, evaluation, x, bin.toString(), cuts.length + 1);
        long[] b = binCounts(c, baseline, x, bin.toString(), cuts.length + 1);
        String cdf = "WITH e AS (SELECT " + x + " AS v, count(*) AS n FROM " + read(evaluation) + " WHERE " + x + " IS NOT NULL GROUP BY 1),"
                + " b AS (SELECT " + x + " AS v, count(*) AS n FROM " + read(baseline) + " WHERE " + x + " IS NOT NULL GROUP BY 1),"
                + " u AS (SELECT coalesce(e.v, b.v) AS v, coalesce(e.n, 0) AS ne, coalesce(b.n, 0) AS nb FROM e FULL OUTER JOIN b ON e.v = b.v),"
                + " t AS (SELECT sum(ne) AS te, sum(nb) AS tb FROM u),"
                + " f AS (SELECT v, sum(ne) OVER (ORDER BY v) / (SELECT te FROM t) AS fe, sum(nb) OVER (ORDER BY v) / (SELECT tb FROM t) AS fb,"
                + " lead(v) OVER (ORDER BY v) AS nv FROM u)"
                + " SELECT max(abs(fe - fb)), sum(abs(fe - fb) * coalesce(nv - v, 0)) FROM f";
        double ks;
        double w1;
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery(cdf)) {
            r.next();
            ks = r.getDouble(1);
            w1 = r.getDouble(2);
        }
        long ne = sum(e);
        long nb = sum(b);
        double wasserstein = std > 0 ? w1 / std : (w1 == 0 ? 0 : Double.POSITIVE_INFINITY);
        return new DriftState(true, ne, nb, psi(e, b), ks, wasserstein, null, null);
    }

    private static long[] binCounts(Connection c, Path p, String x, String bin, int bins) throws SQLException {
        long[] counts = new long[bins];
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("SELECT " + bin + " AS bin, count(*) FROM " + read(p)
                + " WHERE " + x + " IS NOT NULL GROUP BY 1")) {
            while (r.next()) {
                counts[r.getInt(1)] = r.getLong(2);
            }
        }
        return counts;
    }

    private static DriftState categorical(Connection c, Path evaluation, Path baseline, String col) throws SQLException {
        Map<String, long[]> counts = new LinkedHashMap<>();
        for (int side = 0; side < 2; side++) {
            try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("SELECT CAST(" + col + " AS VARCHAR), count(*) FROM "
                    + read(side == 0 ? evaluation : baseline) + " WHERE " + col + " IS NOT NULL GROUP BY 1 ORDER BY 1")) {
                while (r.next()) {
                    counts.computeIfAbsent(r.getString(1), k -> new long[2])[side] = r.getLong(2);
                }
            }
        }
        List<long[]> rows = new ArrayList<>(counts.values());
        long[] e = rows.stream().mapToLong(v -> v[0]).toArray();
        long[] b = rows.stream().mapToLong(v -> v[1]).toArray();
        return new DriftState(false, sum(e), sum(b), psi(e, b), Double.NaN, Double.NaN, e, b);
    }

    /** PSI = sum over bins of (a - e) ln(a / e), shares with an epsilon for empty bins. */
    public static double psi(long[] actual, long[] expected) {
        long na = sum(actual);
        long ne = sum(expected);
        if (na == 0 || ne == 0) {
            return Double.NaN;
        }
        double psi = 0;
        for (int i = 0; i < actual.length; i++) {
            double a = Math.max((double) actual[i] / na, EPSILON);
            double e = Math.max((double) expected[i] / ne, EPSILON);
            psi += (a - e) * Math.log(a / e);
        }
        return psi;
    }

    static long sum(long[] v) {
        long s = 0;
        for (long x : v) {
            s += x;
        }
        return s;
    }
}
