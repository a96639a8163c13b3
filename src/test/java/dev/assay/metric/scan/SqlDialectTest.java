package dev.assay.metric.scan;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * Each construct of the DuckDB dialect, run on DuckDB: what it computes, including on the edge cases
 * the families rely on (NULL in, NULL out; NaN and the infinities are not finite; a partial match is
 * not a full one). A SparkDialect's test should assert the same results on Spark.
 */
class SqlDialectTest {

    private static final SqlDialect D = DuckDbDialect.INSTANCE;
    private static Connection connection;

    @BeforeAll
    static void open() throws SQLException {
        connection = DriverManager.getConnection("jdbc:duckdb:");
    }

    @AfterAll
    static void close() throws SQLException {
        connection.close();
    }

    /** The one value of {@code SELECT expression}, as JDBC reads it (null for NULL). */
    private static Object value(String expression) throws SQLException {
        try (Statement s = connection.createStatement(); ResultSet r = s.executeQuery("SELECT " + expression)) {
            r.next();
            return r.getObject(1);
        }
    }

    private static List<Object> column(String sql) throws SQLException {
        List<Object> out = new ArrayList<>();
        try (Statement s = connection.createStatement(); ResultSet r = s.executeQuery(sql)) {
            while (r.next()) {
                out.add(r.getObject(1));
            }
        }
        return out;
    }

    @Test
    void quotingKeepsNamesAndTextIntact() throws SQLException {
        assertEquals("it's", value(D.literal("it's")));
        assertEquals("back\\slash", value(D.literal("back\\slash")));
        try (Statement s = connection.createStatement()) {
            s.execute("CREATE TEMP TABLE quoting AS SELECT 1 AS " + D.identifier("se\"x'; DROP TABLE t; --"));
        }
        assertEquals(List.of(1), column("SELECT " + D.identifier("se\"x'; DROP TABLE t; --") + " FROM quoting"));
    }

    @Test
    void finiteIsNeitherNanNorInfinite() throws SQLException {
        assertEquals(true, value(D.isFinite("CAST(1.0 AS DOUBLE)")));
        assertEquals(true, value(D.isFinite("CAST(-0.0 AS DOUBLE)")));
        assertEquals(false, value(D.isFinite("CAST('NaN' AS DOUBLE)")));
        assertEquals(false, value(D.isFinite("CAST('Infinity' AS DOUBLE)")));
        assertEquals(false, value(D.isFinite("CAST('-Infinity' AS DOUBLE)")));
        assertNull(value(D.isFinite("CAST(NULL AS DOUBLE)")), "NULL stays NULL: callers coalesce");
        assertNull(value(D.isFinite("TRY_CAST('abc' AS DOUBLE)")));
    }

    @Test
    void wholeNumbers() throws SQLException {
        assertEquals(true, value(D.isWhole("CAST(2.0 AS DOUBLE)")));
        assertEquals(true, value(D.isWhole("CAST(-3.0 AS DOUBLE)")));
        assertEquals(true, value(D.isWhole("CAST(1e300 AS DOUBLE)")), "beyond BIGINT too");
        assertEquals(false, value(D.isWhole("CAST(2.5 AS DOUBLE)")));
        assertEquals(false, value(D.isWhole("CAST(-0.5 AS DOUBLE)")));
    }

    @Test
    void integerDivisionOfTheNonNegativeTotalsItDivides() throws SQLException {
        assertEquals(3L, ((Number) value(D.integerDivide("CAST(7 AS BIGINT)", "2"))).longValue());
        assertEquals(3L, ((Number) value(D.integerDivide("(CAST(6 AS BIGINT) + 1)", "2"))).longValue());
        assertEquals(0L, ((Number) value(D.integerDivide("CAST(1 AS BIGINT)", "2"))).longValue());
        assertEquals(4L, ((Number) value(D.integerDivide("CAST(7 AS BIGINT)", "2") + " + 1")).longValue(), "binds tighter than +");
        // Negative dividends never occur (the median's counts); DuckDB truncates them toward zero, as Spark's div does.
        assertEquals(-3L, ((Number) value(D.integerDivide("CAST(-7 AS BIGINT)", "2"))).longValue());
    }

    @Test
    void partialAndFullMatches() throws SQLException {
        assertEquals(true, value(D.regexMatches("'xAB-1y'", "[A-Z]+-[0-9]")));
        assertEquals(false, value(D.regexFullMatch("'xAB-1y'", "[A-Z]+-[0-9]")));
        assertEquals(true, value(D.regexFullMatch("'AB-1'", "[A-Z]+-[0-9]")));
        assertEquals(true, value(D.regexFullMatch("'-12'", "[+-]?[0-9]+")));
        assertEquals(false, value(D.regexFullMatch("'1.5'", "[+-]?[0-9]+")));
        assertEquals(false, value(D.regexMatches("'abc'", "^b")), "anchors anchor");
        assertEquals(true, value(D.regexMatches("'  7 '", "^\\s*[0-9]+\\s*$")), "backslashes reach the engine intact");
        assertEquals(true, value(D.regexMatches("'it''s'", "it's")), "a quote in a pattern");
        assertNull(value(D.regexMatches("CAST(NULL AS VARCHAR)", "a")));
        assertNull(value(D.regexFullMatch("CAST(NULL AS VARCHAR)", "a")));
    }

    @Test
    void textOfValues() throws SQLException {
        assertEquals("1.0", value(D.text("CAST(1.0 AS DOUBLE)")));
        assertEquals("0.25", value(D.text("CAST(0.25 AS DOUBLE)")));
        assertEquals("1e-05", value(D.text("CAST(1e-5 AS DOUBLE)")), "DuckDB's own form (Spark writes 1.0E-5)");
        assertEquals("1", value(D.text("CAST(1 AS INTEGER)")));
        assertEquals("true", value(D.text("TRUE")));
        assertEquals("2024-01-02", value(D.text("DATE '2024-01-02'")));
        assertNull(value(D.text("NULL")));
    }

    @Test
    void quantilesInterpolateBetweenOrderStatistics() throws SQLException {
        try (Statement s = connection.createStatement(); ResultSet r = s.executeQuery("SELECT "
                + D.quantiles("CAST(i AS DOUBLE)", 0.1, 0.5, 0.9) + " FROM range(1, 11) t(i)")) {
            r.next();
            Object[] q = (Object[]) r.getArray(1).getArray();
            double[] values = new double[q.length];
            for (int i = 0; i < q.length; i++) {
                values[i] = ((Number) q[i]).doubleValue();
            }
            // 1..10: position (n - 1) q = 0.9, 4.5, 8.1.
            assertArrayEquals(new double[] {1.9, 5.5, 9.1}, values, 1e-12);
        }
    }

    @Test
    void aRepeatableSampleOfTheRowsThenTheCondition() throws SQLException {
        Table numbers = new Table("range(1000) t(i)");
        List<Object> sample = column(D.sample("i", numbers, "TRUE", 10, 42));
        assertEquals(10, sample.size());
        assertEquals(sample, column(D.sample("i", numbers, "TRUE", 10, 42)), "the same seed, the same sample");
        assertEquals(1000, column(D.sample("i", numbers, "TRUE", 10_000, 42)).size(), "all rows when fewer");
        // The sample is drawn from the relation's rows, and the condition applies to it: fewer rows may remain.
        List<Object> even = column(D.sample("i", numbers, "i % 2 = 0", 10, 42));
        even.forEach(i -> assertEquals(0L, ((Number) i).longValue() % 2, "only rows that meet the condition"));
        assertEquals(sample.stream().filter(i -> ((Number) i).longValue() % 2 == 0).toList(), even);
        assertEquals(500, column(D.sample("i", numbers, "i % 2 = 0", 10_000, 42)).size());
    }
}
