package dev.assay.metric.drift;

import dev.assay.infrastructure.ValueMatch;
import dev.assay.infrastructure.ColumnTypes;

import dev.assay.metric.ValueFrequencies;
import dev.assay.metric.scan.ScanEngine;
import dev.assay.metric.scan.SqlDialect;
import dev.assay.metric.scan.Table;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
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

    /**
     * Numeric columns whose baseline holds at most this many distinct values are compared from
     * histograms, exactly as the SQL path does it: every such column and every categorical one come
     * from one grouped scan of each file. Columns with more keep the SQL path, which never moves rows
     * into the JVM.
     */
    static final long HISTOGRAM_LIMIT = 100_000;
    /** The grouped scan returns at most this many rows; an evaluation that spreads wider goes column by column. */
    static final long GROUPED_ROWS_LIMIT = 2_000_000;

    /**
     * The comparison of every column, and what the grouped scan learned of the evaluation on the way:
     * each grouped column's distinct non-null values and those occurring once, which the quality
     * checks need and so do not count again.
     */
    public record Comparison(Map<String, DriftState> states, Map<String, ValueFrequencies> evaluationFrequencies) {
    }

    /**
     * @param types         the evaluation's column types
     * @param baselineTypes the baseline's: a category is compared by its meaning, so 1, 1.0, "1" and true
     *                      in two differently typed files are one category ({@link ValueMatch#categorySql})
     */
    public static Map<String, DriftState> compare(ScanEngine c, Table evaluation, Table baseline, List<String> columns,
                                                  Map<String, String> types, Map<String, String> baselineTypes) throws SQLException {
        return compareAll(c, evaluation, baseline, columns, types, baselineTypes).states();
    }

    public static Comparison compareAll(ScanEngine c, Table evaluation, Table baseline, List<String> columns,
                                        Map<String, String> types, Map<String, String> baselineTypes) throws SQLException {
        return compareAll(c, evaluation, baseline, columns, types, baselineTypes, HISTOGRAM_LIMIT, GROUPED_ROWS_LIMIT);
    }

    static Map<String, DriftState> compare(ScanEngine c, Table evaluation, Table baseline, List<String> columns,
                                           Map<String, String> types, Map<String, String> baselineTypes, long histogramLimit,
                                           long groupedRowsLimit) throws SQLException {
        return compareAll(c, evaluation, baseline, columns, types, baselineTypes, histogramLimit, groupedRowsLimit).states();
    }

    static Comparison compareAll(ScanEngine c, Table evaluation, Table baseline, List<String> columns,
                                 Map<String, String> types, Map<String, String> baselineTypes, long histogramLimit,
                                 long groupedRowsLimit) throws SQLException {
        Map<String, ValueFrequencies> frequencies = new LinkedHashMap<>();
        if (columns.isEmpty()) {
            return new Comparison(Map.of(), frequencies);
        }
        long[] baselineDistinct = distinct(c, baseline, columns);
        List<String> categorical = new ArrayList<>();
        List<String> histogram = new ArrayList<>();
        for (int i = 0; i < columns.size(); i++) {
            String column = columns.get(i);
            if (!ValueMatch.isNumeric(types.get(column)) || baselineDistinct[i] <= CATEGORICAL_MAX_DISTINCT) {
                categorical.add(column);
            } else if (baselineDistinct[i] <= histogramLimit) {
                histogram.add(column);
            }
        }
        List<Map<String, String>> sideTypes = List.of(types, baselineTypes);
        Map<String, DriftState> grouped = grouped(c, evaluation, baseline, sideTypes, categorical, histogram, groupedRowsLimit,
                frequencies);
        if (grouped == null) {
            // The evaluation spreads too wide for histograms: categories without a limit, numbers by SQL alone.
            frequencies.clear();
            grouped = new LinkedHashMap<>(grouped(c, evaluation, baseline, sideTypes, categorical, List.of(), Long.MAX_VALUE,
                    frequencies));
            for (String column : histogram) {
                grouped.put(column, numeric(c, evaluation, baseline, c.dialect().identifier(column)));
            }
        }
        histogram.stream().filter(column -> ColumnTypes.is(types.get(column), "DECIMAL")).forEach(frequencies::remove);
        Map<String, DriftState> out = new LinkedHashMap<>();
        for (String column : columns) {
            out.put(column, grouped.containsKey(column) ? grouped.get(column) : numeric(c, evaluation, baseline, c.dialect().identifier(column)));
        }
        return new Comparison(out, frequencies);
    }

    /** The number of distinct non-null values of each column, in one scan of the file. */
    private static long[] distinct(ScanEngine c, Table p, List<String> columns) throws SQLException {
        String counts = String.join(", ", columns.stream().map(col -> "count(DISTINCT " + c.dialect().identifier(col) + ")").toList());
        long[] out = new long[columns.size()];
        c.one("SELECT " + counts + " FROM " + p.sql(), r -> {
            for (int i = 0; i < out.length; i++) {
                out[i] = r.getLong(i + 1);
            }
            return out;
        });
        return out;
    }

    /**
     * Every categorical column's category counts and every histogram column's value counts, from one
     * grouped scan of each file (a grouping set per column), categories in the order the evaluation's
     * sorted ones and then the baseline's new ones come; null when a file spreads over more than
     * {@code limit} values in all, and the caller goes column by column. Each grouped column's
     * evaluation frequencies go into {@code frequencies}.
     */
    private static Map<String, DriftState> grouped(ScanEngine c, Table evaluation, Table baseline, List<Map<String, String>> sideTypes,
                                                   List<String> categorical, List<String> histogram, long limit,
                                                   Map<String, ValueFrequencies> frequencies)
            throws SQLException {
        List<String> columns = new ArrayList<>(categorical);
        columns.addAll(histogram);
        Map<String, DriftState> out = new LinkedHashMap<>();
        if (columns.isEmpty()) {
            return out;
        }
        List<Map<String, long[]>> categories = new ArrayList<>();
        List<TreeMap<Double, long[]>> values = new ArrayList<>();
        for (int i = 0; i < columns.size(); i++) {
            categories.add(new LinkedHashMap<>());
            values.add(new TreeMap<>());
        }
        SqlDialect d = c.dialect();
        for (int side = 0; side < 2; side++) {
            // Each side's categories in canonical text by its own types: 1 in one file is 1.0 in the other.
            StringBuilder set = new StringBuilder("CASE");
            StringBuilder text = new StringBuilder("CASE");
            StringBuilder number = new StringBuilder("CASE");
            List<String> sets = new ArrayList<>();
            for (int i = 0; i < columns.size(); i++) {
                String col = d.identifier(columns.get(i));
                String grouped = " WHEN GROUPING(" + col + ") = 0 THEN ";
                set.append(grouped).append(i);
                (i < categorical.size() ? text : number).append(grouped)
                        .append(i < categorical.size() ? ValueMatch.categorySql(d, columns.get(i), sideTypes.get(side).get(columns.get(i)))
                                : "CAST(" + col + " AS DOUBLE)");
                sets.add("(" + col + ")");
            }
            String vs = categorical.isEmpty() ? d.text("NULL") : text + " END";
            String vd = histogram.isEmpty() ? "CAST(NULL AS DOUBLE)" : number + " END";
            long[] rows = {0};
            // Ordered by position: a user's column named k, vs or vd cannot be taken for the aliases.
            int current = side;
            c.scan("SELECT " + set + " END AS k, " + vs + " AS vs, "
                    + vd + " AS vd, count(*) FROM " + (side == 0 ? evaluation : baseline).sql() + " GROUP BY GROUPING SETS ("
                    + String.join(", ", sets) + ") ORDER BY 1, 2, 3" + (limit == Long.MAX_VALUE ? "" : " LIMIT " + (limit + 1)), r -> {
                if (++rows[0] > limit) {
                    return false;
                }
                int k = r.getInt(1);
                long n = r.getLong(4);
                if (k < categorical.size()) {
                    String category = r.getString(2);
                    if (category != null) {
                        categories.get(k).computeIfAbsent(category, key -> new long[2])[current] += n;
                    }
                } else if (!r.isNull(3)) {
                    values.get(k).computeIfAbsent(r.getDouble(3), key -> new long[2])[current] += n;
                }
                return true;
            });
            if (rows[0] > limit) {
                return null;
            }
        }
        for (int i = 0; i < columns.size(); i++) {
            Collection<long[]> spread = i < categorical.size() ? categories.get(i).values() : values.get(i).values();
            // A histogram counts the values as doubles: the counts are the column's own only when no two of
            // its values can share a double (integers under 2^53; decimals are not counted this way).
            boolean exact = i < categorical.size() || !values.get(i).isEmpty()
                    && Math.max(Math.abs(values.get(i).firstKey()), Math.abs(values.get(i).lastKey())) < 0x1p53;
            if (exact) {
                frequencies.put(columns.get(i), new ValueFrequencies(spread.stream().filter(n -> n[0] > 0).count(),
                        spread.stream().filter(n -> n[0] == 1).count()));
            }
            if (i < categorical.size()) {
                List<long[]> counts = new ArrayList<>(categories.get(i).values());
                long[] e = counts.stream().mapToLong(v -> v[0]).toArray();
                long[] b = counts.stream().mapToLong(v -> v[1]).toArray();
                out.put(columns.get(i), new DriftState(false, sum(e), sum(b), psi(e, b), Double.NaN, Double.NaN, e, b));
            } else {
                List<double[]> rows = new ArrayList<>();
                values.get(i).forEach((v, n) -> rows.add(new double[] {v, n[0], n[1]}));
                out.put(columns.get(i), fromHistogram(rows));
            }
        }
        return out;
    }

    /**
     * The numeric comparison from the joint histogram (value ascending, count in the evaluation, count
     * in the baseline): the baseline's deciles as DuckDB's quantile_cont (and Spark's percentile) computes
     * them, its population standard deviation, both samples' bin counts, and the exact KS statistic and
     * Wasserstein distance.
     */
    private static DriftState fromHistogram(List<double[]> rows) {
        long te = 0;
        long tb = 0;
        for (double[] row : rows) {
            te += (long) row[1];
            tb += (long) row[2];
        }
        if (tb == 0) {
            return new DriftState(true, te, 0, Double.NaN, Double.NaN, Double.NaN, null, null);
        }
        TreeSet<Double> distinctCuts = new TreeSet<>();
        for (int k = 1; k <= 9; k++) {
            distinctCuts.add(quantileCont(rows, tb, k / 10.0));
        }
        double[] cuts = distinctCuts.stream().mapToDouble(Double::doubleValue).toArray();
        double mean = 0;
        for (double[] row : rows) {
            mean += row[2] * row[0];
        }
        mean /= tb;
        double squares = 0;
        for (double[] row : rows) {
            squares += row[2] * (row[0] - mean) * (row[0] - mean);
        }
        double std = Math.sqrt(squares / tb);
        long[] e = new long[cuts.length + 1];
        long[] b = new long[cuts.length + 1];
        double ks = 0;
        double w1 = 0;
        long ce = 0;
        long cb = 0;
        for (int i = 0; i < rows.size(); i++) {
            double[] row = rows.get(i);
            int bin = 0;
            while (bin < cuts.length && !(row[0] < cuts[bin])) {
                bin++;
            }
            e[bin] += (long) row[1];
            b[bin] += (long) row[2];
            ce += (long) row[1];
            cb += (long) row[2];
            double gap = Math.abs((double) ce / te - (double) cb / tb);
            ks = Math.max(ks, gap);
            if (i + 1 < rows.size()) {
                w1 += gap * (rows.get(i + 1)[0] - row[0]);
            }
        }
        if (te == 0) {
            ks = Double.NaN;
            w1 = Double.NaN;
        }
        double wasserstein = std > 0 ? w1 / std : (w1 == 0 ? 0 : Double.POSITIVE_INFINITY);
        return new DriftState(true, te, tb, psi(e, b), ks, wasserstein, null, null);
    }

    /** quantile_cont of the baseline's values: position (n - 1) q, linear between the order statistics around it. */
    private static double quantileCont(List<double[]> rows, long n, double q) {
        double position = (n - 1) * q;
        long lower = (long) Math.floor(position);
        long upper = (long) Math.ceil(position);
        double lo = orderStatistic(rows, lower);
        double hi = lower == upper ? lo : orderStatistic(rows, upper);
        return lo + (position - lower) * (hi - lo);
    }

    /** The k-th smallest baseline value (0-based), from the histogram's baseline counts. */
    private static double orderStatistic(List<double[]> rows, long k) {
        long seen = 0;
        for (double[] row : rows) {
            seen += (long) row[2];
            if (seen > k) {
                return row[0];
            }
        }
        throw new IllegalArgumentException("no order statistic " + k);
    }

    /** The baseline's cut points: its deciles. */
    private static final double[] DECILES = {0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9};

    private static DriftState numeric(ScanEngine c, Table evaluation, Table baseline, String col) throws SQLException {
        String x = "CAST(" + col + " AS DOUBLE)";
        double[] cuts;
        double std;
        double[][] read = c.one("SELECT " + c.dialect().quantiles(x, DECILES) + ", stddev_pop(" + x + ") FROM " + baseline.sql(),
                r -> new double[][] {r.getDoubleArray(1), {r.getDouble(2)}});
        TreeSet<Double> distinctCuts = new TreeSet<>();
        for (double v : read[0]) {
            distinctCuts.add(v);
        }
        cuts = distinctCuts.stream().mapToDouble(Double::doubleValue).toArray();
        std = read[1][0];
        StringBuilder bin = new StringBuilder("CASE");
        for (int i = 0; i < cuts.length; i++) {
            bin.append(" WHEN ").append(x).append(" < ").append(cuts[i]).append(" THEN ").append(i);
        }
        bin.append(" ELSE ").append(cuts.length).append(" END");
        long[] e = binCounts(c, evaluation, x, bin.toString(), cuts.length + 1);
        long[] b = binCounts(c, baseline, x, bin.toString(), cuts.length + 1);
        String cdf = "WITH e AS (SELECT " + x + " AS v, count(*) AS n FROM " + evaluation.sql() + " WHERE " + x + " IS NOT NULL GROUP BY 1),"
                + " b AS (SELECT " + x + " AS v, count(*) AS n FROM " + baseline.sql() + " WHERE " + x + " IS NOT NULL GROUP BY 1),"
                + " u AS (SELECT coalesce(e.v, b.v) AS v, coalesce(e.n, 0) AS ne, coalesce(b.n, 0) AS nb FROM e FULL OUTER JOIN b ON e.v = b.v),"
                + " t AS (SELECT sum(ne) AS te, sum(nb) AS tb FROM u),"
                + " f AS (SELECT v, sum(ne) OVER (ORDER BY v) / (SELECT te FROM t) AS fe, sum(nb) OVER (ORDER BY v) / (SELECT tb FROM t) AS fb,"
                + " lead(v) OVER (ORDER BY v) AS nv FROM u)"
                + " SELECT max(abs(fe - fb)), sum(abs(fe - fb) * coalesce(nv - v, 0)) FROM f";
        double[] read2 = c.one(cdf, r -> new double[] {r.getDouble(1), r.getDouble(2)});
        double ks = read2[0];
        double w1 = read2[1];
        long ne = sum(e);
        long nb = sum(b);
        double wasserstein = std > 0 ? w1 / std : (w1 == 0 ? 0 : Double.POSITIVE_INFINITY);
        return new DriftState(true, ne, nb, psi(e, b), ks, wasserstein, null, null);
    }

    private static long[] binCounts(ScanEngine c, Table p, String x, String bin, int bins) throws SQLException {
        long[] counts = new long[bins];
        c.scan("SELECT " + bin + " AS bin, count(*) FROM " + p.sql() + " WHERE " + x + " IS NOT NULL GROUP BY 1", r -> {
            counts[r.getInt(1)] = r.getLong(2);
            return true;
        });
        return counts;
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
