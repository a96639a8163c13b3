package dev.assay.infrastructure;

import org.duckdb.DuckDBConnection;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Opens embedded DuckDB connections with explicit resource limits. Plain Java: used by the server,
 * the unit tests and the bench alike.
 */
public final class DuckDb {

    private final String memoryLimit;
    private final int threads;
    private final Path tempDir;

    public DuckDb(String memoryLimit, int threads, Path tempDir) {
        this.memoryLimit = memoryLimit;
        this.threads = threads;
        this.tempDir = tempDir;
    }

    /** Defaults sized for a small server: DuckDB would otherwise take 80% of the machine's RAM. */
    public static DuckDb withDefaults(Path tempDir) {
        return new DuckDb("1GB", Math.max(1, Runtime.getRuntime().availableProcessors()), tempDir);
    }

    /**
     * The database the connections share, opened on first use: one in-memory DuckDB per {@code DuckDb}, its
     * limits set once. A new database per connection cost 15-20 ms (its buffer pool, catalog and settings)
     * on every scan, audit and upload; a connection to a shared one costs nothing, and the memory limit now
     * bounds the server's DuckDB as a whole rather than each connection. DuckDB has no state a caller
     * leaves behind: Assay creates no tables (temporary ones would be the connection's own anyway).
     */
    private DuckDBConnection database;

    public Connection open() throws SQLException {
        DuckDBConnection root = database();
        try {
            return root.duplicate();
        } catch (SQLException e) {
            // A database DuckDB invalidated (after a fatal error) is replaced rather than failing every caller after.
            synchronized (this) {
                if (database == root) {
                    database = null;
                    root.close();
                }
            }
            return database().duplicate();
        }
    }

    private synchronized DuckDBConnection database() throws SQLException {
        if (database != null && !database.isClosed()) {
            return database;
        }
        try {
            // Loaded explicitly: inside Liberty the driver sits in a shared library that
            // DriverManager's service loading does not see on the first call after a restart.
            Class.forName("org.duckdb.DuckDBDriver");
        } catch (ClassNotFoundException e) {
            throw new SQLException("DuckDB JDBC driver is not on the class path", e);
        }
        Connection connection = DriverManager.getConnection("jdbc:duckdb:");
        try (Statement s = connection.createStatement()) {
            s.execute("SET memory_limit = " + Sql.literal(memoryLimit));
            s.execute("SET threads = " + threads);
            s.execute("SET temp_directory = " + Sql.literal(tempDir.toString()));
            s.execute("SET preserve_insertion_order = false");
        } catch (SQLException e) {
            connection.close();
            throw e;
        }
        database = connection.unwrap(DuckDBConnection.class);
        return database;
    }
}
