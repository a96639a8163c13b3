package dev.assay.metric.engine;

import dev.assay.it.SparkCluster;
import dev.assay.metric.scan.SparkDialect;
import dev.assay.metric.scan.SqlDialect;
import dev.assay.metric.scan.Table;
import org.apache.spark.sql.connect.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * Each construct of the Spark dialect, run on a real Spark cluster through {@link SparkEngine}: the
 * results SqlDialectTest asserts on DuckDB (NULL in, NULL out; NaN and the infinities are not finite; a
 * partial match is not a full one; backslashes and quotes reach the engine intact), and the one
 * difference the dialect documents (the text of a small double).
 */
class SparkDialectIT {

    private static final SqlDialect D = SparkDialect.INSTANCE;
    private static SparkSession session;
    private static SparkEngine engine;

    @BeforeAll
    static void open() throws SQLException {
        session = SparkEngine.session(SparkCluster.require());
        engine = new SparkEngine(session);
    }

    @AfterAll
    static void close() {
        if (session != null) {
            session.close();
        }
    }

    /** The one value of {@code SELECT expression}: a Long, Double, Boolean or String as Spark returns it (null for NULL). */
    private static Object value(String expression) throws SQLException {
        Object[] out = new Object[1];
        engine.scan("SELECT " + expression + " AS v", r -> {
            out[0] = r.isNull(1) ? null : r.getString(1);
            return false;
        });
        return out[0];
    }

    private static List<String> column(String sql) throws SQLException {
        List<String> out = new ArrayList<>();
        engine.scan(sql, r -> out.add(r.getString(1)));
        return out;
    }

    @Test
    void quotingKeepsNamesAndTextIntact() throws SQLException {
        assertEquals("it's", value(D.literal("it's")));
        assertEquals("back\\slash", value(D.literal("back\\slash")));
        assertEquals("\\u0041\\n", value(D.literal("\\u0041\\n")), "escapes stay text");
        String name = "se`x'; DROP TABLE t; --";
        assertEquals(List.of("1"), column("SELECT " + D.identifier(name) + " FROM (SELECT 1 AS " + D.identifier(name) + ")"));
        assertEquals(List.of("1"), column("SELECT " + D.identifier("Sex") + " FROM (SELECT 1 AS " + D.identifier("Sex") + ", 2 AS "
                + D.identifier("sex") + ")"), "names differ by case (spark.sql.caseSensitive)");
    }

    @Test
    void finiteIsNeitherNanNorInfinite() throws SQLException {
        assertEquals("true", value(D.isFinite("CAST(1.0 AS DOUBLE)")));
        assertEquals("true", value(D.isFinite("CAST(-0.0 AS DOUBLE)")));
        assertEquals("false", value(D.isFinite("CAST('NaN' AS DOUBLE)")));
        assertEquals("false", value(D.isFinite("CAST('Infinity' AS DOUBLE)")));
        assertEquals("false", value(D.isFinite("CAST('-Infinity' AS DOUBLE)")));
        assertNull(value(D.isFinite("CAST(NULL AS DOUBLE)")), "NULL stays NULL: callers coalesce");
        assertNull(value(D.isFinite("TRY_CAST('abc' AS DOUBLE)")));
    }

    @Test
    void wholeNumbers() throws SQLException {
        assertEquals("true", value(D.isWhole("CAST(2.0 AS DOUBLE)")));
        assertEquals("true", value(D.isWhole("CAST(-3.0 AS DOUBLE)")));
        assertEquals("true", value(D.isWhole("CAST(1e300 AS DOUBLE)")), "beyond BIGINT too");
        assertEquals("false", value(D.isWhole("CAST(2.5 AS DOUBLE)")));
        assertEquals("false", value(D.isWhole("CAST(-0.5 AS DOUBLE)")));
    }

    @Test
    void integerDivisionTruncatesTowardZero() throws SQLException {
        assertEquals("3", value(D.integerDivide("CAST(7 AS BIGINT)", "2")));
        assertEquals("3", value(D.integerDivide("(CAST(6 AS BIGINT) + 1)", "2")));
        assertEquals("0", value(D.integerDivide("CAST(1 AS BIGINT)", "2")));
        assertEquals("4", value(D.integerDivide("CAST(7 AS BIGINT)", "2") + " + 1"), "binds tighter than +");
        assertEquals("-3", value(D.integerDivide("CAST(-7 AS BIGINT)", "2")));
    }

    @Test
    void partialAndFullMatches() throws SQLException {
        assertEquals("true", value(D.regexMatches("'xAB-1y'", "[A-Z]+-[0-9]")));
        assertEquals("false", value(D.regexFullMatch("'xAB-1y'", "[A-Z]+-[0-9]")));
        assertEquals("true", value(D.regexFullMatch("'AB-1'", "[A-Z]+-[0-9]")));
        assertEquals("true", value(D.regexFullMatch("'-12'", "[+-]?[0-9]+")));
        assertEquals("false", value(D.regexFullMatch("'1.5'", "[+-]?[0-9]+")));
        assertEquals("false", value(D.regexFullMatch(D.literal("12\n"), "[0-9]+")), "a trailing newline is not matched");
        assertEquals("true", value(D.regexFullMatch("'a'", "a|b")), "alternation stays inside the anchors");
        assertEquals("false", value(D.regexFullMatch("'ab'", "a|b")));
        assertEquals("false", value(D.regexMatches("'abc'", "^b")), "anchors anchor");
        assertEquals("true", value(D.regexMatches("'  7 '", "^\\s*[0-9]+\\s*$")), "backslashes reach the engine intact");
        assertEquals("true", value(D.regexMatches(D.literal("it's"), "it's")), "a quote in a pattern");
        assertNull(value(D.regexMatches("CAST(NULL AS STRING)", "a")));
        assertNull(value(D.regexFullMatch("CAST(NULL AS STRING)", "a")));
    }

    @Test
    void textOfValues() throws SQLException {
        assertEquals("1.0", value(D.text("CAST(1.0 AS DOUBLE)")));
        assertEquals("0.25", value(D.text("CAST(0.25 AS DOUBLE)")));
        assertEquals("1.0E-5", value(D.text("CAST(1e-5 AS DOUBLE)")), "Java's form, where DuckDB writes 1e-05");
        assertEquals("1", value(D.text("CAST(1 AS INT)")));
        assertEquals("true", value(D.text("TRUE")));
        assertEquals("2024-01-02", value(D.text("DATE '2024-01-02'")));
        assertNull(value(D.text("NULL")));
    }

    @Test
    void quantilesInterpolateBetweenOrderStatistics() throws SQLException {
        double[][] out = new double[1][];
        engine.scan("SELECT " + D.quantiles("CAST(id AS DOUBLE)", 0.1, 0.5, 0.9) + " FROM range(1, 11)", r -> {
            out[0] = r.getDoubleArray(1);
            return false;
        });
        // 1..10: position (n - 1) q = 0.9, 4.5, 8.1.
        assertArrayEquals(new double[] {1.9, 5.5, 9.1}, out[0], 1e-12);
    }

    @Test
    void aRepeatableSampleOfTheRowsThenTheCondition() throws SQLException {
        Table numbers = new Table("range(1000)");
        List<String> sample = column(D.sample("id", numbers, "TRUE", 10, 42));
        assertEquals(10, sample.size());
        assertEquals(sample, column(D.sample("id", numbers, "TRUE", 10, 42)), "the same seed, the same sample");
        assertEquals(1000, column(D.sample("id", numbers, "TRUE", 10_000, 42)).size(), "all rows when fewer");
        List<String> even = column(D.sample("id", numbers, "id % 2 = 0", 10, 42));
        even.forEach(i -> assertEquals(0, Long.parseLong(i) % 2, "only rows that meet the condition"));
        assertEquals(sample.stream().filter(i -> Long.parseLong(i) % 2 == 0).toList(), even);
        assertEquals(500, column(D.sample("id", numbers, "id % 2 = 0", 10_000, 42)).size());
    }
}
