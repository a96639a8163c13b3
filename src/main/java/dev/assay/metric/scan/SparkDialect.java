package dev.assay.metric.scan;

import java.util.ArrayList;
import java.util.List;

/**
 * Spark SQL 4's spelling of the {@link SqlDialect} constructs (ANSI mode, the default), as the Spark
 * engine sends them over Spark Connect; the rest of every scan is the same text as on DuckDB. The
 * session must compare column names by case ({@code spark.sql.caseSensitive}, which the Spark engine
 * sets) and leave {@code spark.sql.parser.escapedStringLiterals} off (the default), since
 * {@link #literal} escapes backslashes for Spark's unescaping.
 *
 * <p>Where the engines compute differently, and what that means for the values (checked on both by the
 * Spark parity test): the text of a non-integral double ({@link #text}) is Java's ({@code 1.0E-5},
 * {@code 1.5E7}) where DuckDB writes {@code 1e-05} and {@code 15000000.0}, so groups and categories named
 * by non-integral numbers below 10^-3 or from 10^7 up are named differently (whole numbers and text are
 * not); regular expressions are Java's, not RE2 (a policy's pattern, validated against RE2, matches the
 * same texts, with backtracking); and the repeatable sample ({@link #sample}) draws other rows than
 * DuckDB's reservoir above its size (the PII scan's at most 10,000 values a column).
 */
public final class SparkDialect implements SqlDialect {

    public static final SparkDialect INSTANCE = new SparkDialect();

    private SparkDialect() {
    }

    /** Backticks, an embedded backtick doubled: {@code `se``x`}. */
    @Override
    public String identifier(String name) {
        return "`" + name.replace("`", "``") + "`";
    }

    /**
     * Single quotes, with every backslash and quote escaped by a backslash: Spark unescapes literals
     * ({@code \\} is one backslash, {@code \'} a quote), so a regular expression such as {@code ^\s*}
     * reaches {@code rlike} intact and no text ends the literal early.
     */
    @Override
    public String literal(String value) {
        return "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }

    /** {@code CAST(x AS STRING)}: Spark's VARCHAR needs a length. */
    @Override
    public String text(String x) {
        return "CAST(" + x + " AS STRING)";
    }

    /** {@code RLIKE} finds the pattern anywhere in the text, as DuckDB's {@code regexp_matches}; NULL for NULL. */
    @Override
    public String regexMatches(String text, String pattern) {
        return "(" + text + " RLIKE " + literal(pattern) + ")";
    }

    /** Anchored by {@code \z}, not {@code $}: a trailing newline must not match, as in DuckDB's full match. */
    @Override
    public String regexFullMatch(String text, String pattern) {
        return "(" + text + " RLIKE " + literal("^(?:" + pattern + ")\\z") + ")";
    }

    /**
     * {@code x % 1 = 0}: Spark's {@code trunc} truncates dates, and {@code floor} returns BIGINT, which
     * overflows past 2^63 in ANSI mode; the remainder of a finite double by 1 is exact.
     */
    @Override
    public String isWhole(String x) {
        return x + " % 1 = 0";
    }

    /** Spark's {@code isnan(NULL)} is false where callers rely on NULL, hence the CASE. */
    @Override
    public String isFinite(String x) {
        return "CASE WHEN " + x + " IS NULL THEN NULL ELSE NOT isnan(" + x + ") AND abs(" + x + ") <> CAST('Infinity' AS DOUBLE) END";
    }

    /** {@code div}: integral division truncating toward zero, as DuckDB's {@code //}. */
    @Override
    public String integerDivide(String a, String b) {
        return a + " div " + b;
    }

    /**
     * {@code percentile(x, array(0.1D, …))}: exact (every value is kept, never {@code approx_percentile}),
     * interpolated at position (n - 1) q between the order statistics around it, as DuckDB's
     * {@code quantile_cont}; an ARRAY&lt;DOUBLE&gt;. The fractions are double literals ({@code D}), which
     * percentile requires.
     */
    @Override
    public String quantiles(String x, double... fractions) {
        List<String> list = new ArrayList<>(fractions.length);
        for (double q : fractions) {
            list.add(q + "D");
        }
        return "percentile(" + x + ", array(" + String.join(", ", list) + "))";
    }

    /**
     * The first {@code rows} rows in the order of a seeded {@code rand}, then the condition: the sample
     * before the condition, as DuckDB draws it (Spark's {@code TABLESAMPLE (n ROWS)} takes the first n
     * rows, not a random sample). Repeatable while the relation's partitioning is (rand's sequence is per
     * partition).
     */
    @Override
    public String sample(String select, Table table, String condition, int rows, int seed) {
        return "SELECT " + select + " FROM (SELECT * FROM " + table.sql() + " ORDER BY rand(" + seed + ") LIMIT " + rows + ") WHERE "
                + condition;
    }

    @Override
    public String toString() {
        return "Spark SQL";
    }
}
