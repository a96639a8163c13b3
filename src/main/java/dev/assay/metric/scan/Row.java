package dev.assay.metric.scan;

import java.sql.SQLException;

/**
 * One result row of a scan, read by column label or by 1-based position, as JDBC reads it: a NULL
 * reads as 0 (numbers), false or null (text), and {@link #isNull} tells which values were NULL. A row
 * is valid only while the visitor that received it runs: scans keep what they read, never the row.
 */
public interface Row {

    long getLong(String column) throws SQLException;

    long getLong(int position) throws SQLException;

    int getInt(String column) throws SQLException;

    int getInt(int position) throws SQLException;

    double getDouble(String column) throws SQLException;

    double getDouble(int position) throws SQLException;

    String getString(String column) throws SQLException;

    String getString(int position) throws SQLException;

    boolean getBoolean(int position) throws SQLException;

    /** A list of numbers (DuckDB's LIST of DOUBLE, Spark's ARRAY&lt;DOUBLE&gt;), each as a double. */
    double[] getDoubleArray(int position) throws SQLException;

    boolean isNull(String column) throws SQLException;

    boolean isNull(int position) throws SQLException;

    /** How many values the row has. */
    int size() throws SQLException;
}
