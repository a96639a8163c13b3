package dev.assay.metric.scan;

import dev.assay.infrastructure.ValueMatch;

/**
 * The SQL constructs whose spelling differs between the engines a scan may run on, and nothing else:
 * a metric family writes the rest of its SQL as plain text, and every construct below through its
 * engine's dialect ({@link ScanEngine#dialect()}). Each method returns SQL text (an expression, or for
 * {@link #sample} a whole statement); arguments named {@code x}, {@code text} and so on are SQL
 * expressions, already in this dialect, and are inserted as they are (callers parenthesize where
 * precedence matters). {@code pattern} and {@code value} arguments are plain Java strings, quoted here.
 *
 * <p>Plain text on purpose, because DuckDB and Spark SQL 4 (ANSI mode) spell them alike: {@code
 * (x)::INT} casts, {@code CAST(x AS DOUBLE|BIGINT)}, {@code TRY_CAST(x AS DOUBLE|BOOLEAN|DATE|TIMESTAMP)},
 * {@code count(*) FILTER (WHERE …)}, {@code median}, {@code approx_count_distinct}, {@code stddev_pop},
 * {@code GROUPING()}, {@code GROUPING SETS}, {@code GROUP BY ALL}, {@code GROUP BY 1} and {@code ORDER BY 1},
 * window functions ({@code lead}, {@code sum(…) OVER (… ROWS UNBOUNDED PRECEDING)}, {@code sum(…) OVER (PARTITION
 * BY … ORDER BY x RANGE BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)} and {@code … CURRENT ROW AND UNBOUNDED
 * FOLLOWING}, peers included, and {@code sum(…) OVER ()}), {@code ORDER BY x DESC NULLS LAST}, {@code FULL OUTER JOIN}, {@code JOIN} and {@code LEFT JOIN … ON}, {@code GROUPING
 * SETS (…, ())}, {@code CAST(x AS DECIMAL(38, 0))} for exact integer sums beyond 64 bits,
 * {@code WITH}, unaliased subqueries in FROM, {@code SELECT DISTINCT *}, {@code ln}, {@code abs},
 * {@code trim}, {@code lower}, {@code coalesce}, {@code greatest}, {@code least}, TRUE and FALSE. The
 * relation a scan reads is the engine's {@link Table}. Spelled alike is not computed alike at every
 * edge, which SparkDialectIT and SparkParityIT check on a real cluster rather than this interface hide: which texts
 * {@code TRY_CAST} reads as a boolean, date or timestamp; ANSI mode's {@code CAST} of text to DOUBLE,
 * which throws where DuckDB's does too, but inside a CASE branch only if Spark evaluates it; decimal
 * rather than double results of {@code n / 2.0}; and column names, which Spark compares without case
 * unless {@code spark.sql.caseSensitive} is set.
 *
 * <p>DuckDB's spelling is {@link DuckDbDialect}, exactly the text the families wrote before this hook.
 * Spark SQL 4's, {@link SparkDialect} (sent over Spark Connect):
 * <ul>
 *   <li>{@link #identifier}: backticks, an embedded backtick doubled ({@code `se``x`}); double quotes
 *       as DuckDB only when the session sets {@code spark.sql.ansi.doubleQuotedIdentifiers}.</li>
 *   <li>{@link #literal}: single quotes, but Spark unescapes backslashes in literals (unless
 *       {@code spark.sql.parser.escapedStringLiterals}), so {@code \} becomes {@code \\} and {@code '}
 *       becomes {@code \'}: a regular expression such as {@code ^\s*} must reach {@code rlike} intact.</li>
 *   <li>{@link #text}: {@code CAST(x AS STRING)} (Spark's VARCHAR needs a length). A double's text
 *       differs ({@code 1.0E-5} where DuckDB writes {@code 1e-05}): groups and categories named by
 *       non-integral numbers read differently on the two engines; whole numbers and text do not.</li>
 *   <li>{@link #regexMatches}: {@code (text RLIKE 'pattern')} (or {@code regexp(text, pattern)}): a
 *       partial match, as DuckDB's. Java regular expressions, not RE2: policy patterns are validated
 *       against RE2 ({@code RegexSyntax}), which Java accepts but matches with backtracking.</li>
 *   <li>{@link #regexFullMatch}: {@code (text RLIKE '^(?:pattern)\z')} ({@code \z}, not {@code $}:
 *       a trailing newline must not match).</li>
 *   <li>{@link #isWhole}: {@code x % 1 = 0} (Spark's {@code trunc} truncates dates, not numbers, and
 *       {@code floor} returns BIGINT, which overflows past 2^63 in ANSI mode).</li>
 *   <li>{@link #isFinite}: {@code CASE WHEN x IS NULL THEN NULL ELSE NOT isnan(x) AND abs(x) <>
 *       CAST('Infinity' AS DOUBLE) END} (Spark's {@code isnan(NULL)} is false, DuckDB's
 *       {@code isfinite(NULL)} is NULL, and callers rely on NULL).</li>
 *   <li>{@link #integerDivide}: {@code a div b} (the same precedence as {@code *}; truncates toward
 *       zero, as DuckDB's {@code //}).</li>
 *   <li>{@link #quantiles}: {@code percentile(x, array(0.1, …))}, exact and interpolated at position
 *       (n - 1) q as DuckDB's {@code quantile_cont}; an ARRAY&lt;DOUBLE&gt;, read by
 *       {@link Row#getDoubleArray}.</li>
 *   <li>{@link #sample}: {@code SELECT select FROM (SELECT * FROM t ORDER BY rand(seed) LIMIT n) WHERE
 *       condition}: the sample before the condition, as DuckDB draws it; Spark's {@code TABLESAMPLE (n
 *       ROWS)} takes the first n rows, not a random sample. Repeatable only while the input's
 *       partitioning is.</li>
 * </ul>
 */
public interface SqlDialect extends ValueMatch.Spelling {

    /** A quoted identifier: every user column name goes through here, never raw. DuckDB: {@code "se""x"}. */
    @Override
    String identifier(String name);

    /** A quoted string literal. DuckDB: {@code 'it''s'}. */
    @Override
    String literal(String value);

    /** {@code x} cast to text. DuckDB: {@code CAST(x AS VARCHAR)}. */
    @Override
    String text(String x);

    /** TRUE when some part of {@code text} matches {@code pattern}; NULL for NULL text. DuckDB: {@code regexp_matches(text, 'pattern')}. */
    @Override
    String regexMatches(String text, String pattern);

    /** TRUE when the whole of {@code text} matches {@code pattern}. DuckDB: {@code regexp_full_match(text, 'pattern')}. */
    String regexFullMatch(String text, String pattern);

    /** TRUE when the finite double {@code x} is a whole number. DuckDB: {@code x = trunc(x)}. */
    @Override
    String isWhole(String x);

    /** TRUE for a finite double, FALSE for NaN and the infinities, NULL for NULL. DuckDB: {@code isfinite(x)}. */
    @Override
    String isFinite(String x);

    /** The integer quotient of two integers, truncated toward zero. DuckDB: {@code a // b}. */
    String integerDivide(String a, String b);

    /**
     * The exact quantiles of {@code x} at {@code fractions}, interpolated linearly between the order
     * statistics around position (n - 1) q, as one list of doubles. DuckDB: {@code quantile_cont(x, [0.1, 0.2])}.
     */
    String quantiles(String x, double... fractions);

    /**
     * A whole statement: {@code SELECT select FROM table WHERE condition} over a random sample of
     * {@code rows} of the relation's rows (all of them when fewer), the same sample every time for the
     * same {@code seed} and data. The sample is drawn first and the condition filters it, so fewer than
     * {@code rows} may come back. DuckDB: {@code … WHERE condition USING SAMPLE reservoir(rows ROWS)
     * REPEATABLE (seed)} (DuckDB samples before WHERE).
     */
    String sample(String select, Table table, String condition, int rows, int seed);
}
