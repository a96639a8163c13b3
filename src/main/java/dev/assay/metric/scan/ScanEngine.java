package dev.assay.metric.scan;

import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs the SQL of metric families' scans over datasets and streams the result rows back; what the
 * scans compute is theirs, where and how the SQL runs is the engine's (embedded DuckDB by default, a
 * Spark SQL cluster for data that lives in a lake). Only aggregated rows come back: a scan's result
 * is sized by groups, bins or categories, never by the dataset's rows (the PII scan's sample aside,
 * at most {@code 10,000} values a column; and the ranking's score histogram, one row per distinct score and
 * cell, which its family streams in score order and never holds: see the fairness family's RankingPlan).
 *
 * <p>Errors: a statement the engine rejects or fails to run throws {@link SQLException} (its message
 * is the engine's); the audit fails with it, no partial state is kept.
 */
public interface ScanEngine extends AutoCloseable {

    /** Opens an engine for one audit's scans, closed when they are done. */
    @FunctionalInterface
    interface Opener {
        ScanEngine open() throws SQLException;
    }

    /** Sees one row; returns false to stop reading the rest (the query is then abandoned). */
    @FunctionalInterface
    interface RowVisitor {
        boolean visit(Row row) throws SQLException;
    }

    /** Reads one row into a value. */
    @FunctionalInterface
    interface RowReader<T> {
        T read(Row row) throws SQLException;
    }

    /**
     * How this engine spells the SQL constructs engines differ on: a family writes its scans' SQL with
     * it, and the same family code runs on every engine.
     */
    SqlDialect dialect();

    /** The stored dataset (a Parquet file in the dataset store) as a relation this engine reads. */
    Table table(Path parquet);

    /** Runs {@code sql} and hands its rows, in the order the query gives them, to {@code visitor}. */
    void scan(String sql, RowVisitor visitor) throws SQLException;

    /** Runs {@code sql}, which returns exactly one row (an aggregate without GROUP BY), and reads it. */
    default <T> T one(String sql, RowReader<T> reader) throws SQLException {
        List<T> out = new ArrayList<>(1);
        scan(sql, row -> {
            out.add(reader.read(row));
            return false;
        });
        if (out.isEmpty()) {
            throw new SQLException("the scan returned no row: " + sql);
        }
        return out.get(0);
    }

    /** Releases what this engine opened (a connection, a session); nothing by default. */
    @Override
    default void close() throws SQLException {
    }
}
