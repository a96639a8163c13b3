package dev.assay.metric.scan;

import dev.assay.infrastructure.ValueMatch;

import java.util.ArrayList;
import java.util.List;

/**
 * DuckDB's spelling of the {@link SqlDialect} constructs: exactly the text the metric families wrote
 * before the dialect hook, so that every scan, value and timing on DuckDB is what it was. The
 * value-matching constructs are {@link ValueMatch#DUCKDB}'s, which the upload checks run too.
 *
 * <p>It lives beside the interface, not in the engine package, because scan text is also built without
 * an engine: {@code AggregationPlan.sql(Table)} (the bench, the tests that read the SQL) is DuckDB's,
 * and the counts package may not depend on the engine package (which depends on it). Families take
 * their dialect from {@link ScanEngine#dialect()}, never from here.
 */
public final class DuckDbDialect implements SqlDialect {

    public static final DuckDbDialect INSTANCE = new DuckDbDialect();

    private static final ValueMatch.Spelling VALUES = ValueMatch.DUCKDB;

    private DuckDbDialect() {
    }

    @Override
    public String identifier(String name) {
        return VALUES.identifier(name);
    }

    @Override
    public String literal(String value) {
        return VALUES.literal(value);
    }

    @Override
    public String text(String x) {
        return VALUES.text(x);
    }

    @Override
    public String regexMatches(String text, String pattern) {
        return VALUES.regexMatches(text, pattern);
    }

    @Override
    public String regexFullMatch(String text, String pattern) {
        return "regexp_full_match(" + text + ", " + literal(pattern) + ")";
    }

    @Override
    public String isWhole(String x) {
        return VALUES.isWhole(x);
    }

    @Override
    public String isFinite(String x) {
        return VALUES.isFinite(x);
    }

    @Override
    public String integerDivide(String a, String b) {
        return a + " // " + b;
    }

    @Override
    public String quantiles(String x, double... fractions) {
        List<String> list = new ArrayList<>(fractions.length);
        for (double q : fractions) {
            list.add(Double.toString(q));
        }
        return "quantile_cont(" + x + ", [" + String.join(", ", list) + "])";
    }

    @Override
    public String sample(String select, Table table, String condition, int rows, int seed) {
        return "SELECT " + select + table.from() + " WHERE " + condition + " USING SAMPLE reservoir(" + rows + " ROWS) REPEATABLE ("
                + seed + ")";
    }

    @Override
    public String toString() {
        return "DuckDB";
    }
}
