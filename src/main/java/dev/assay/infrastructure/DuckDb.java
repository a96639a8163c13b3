package dev.assay.infrastructure;

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
     * A fresh database, opened ahead on a background thread for the next {@link #open} of the same limits
     * (a {@link Background} thread, so the database's own worker threads run at background priority too):
     * opening one takes 20-25 ms (a small audit's scan takes less), so it is done while the previous caller
     * works. One for the whole JVM, for the limits last used. Every connection still has a database of its
     * own, created for it and gone when it is closed: a database shared by connections, reused from
     * scan to scan, measured 15-30% slower on the metric catalogue's large scans.
     */
    private static final class Spare {
        // At background priority: a database's worker threads inherit the nice value of the thread that opens it.
        private static final java.util.concurrent.ExecutorService OPENER = java.util.concurrent.Executors.newSingleThreadExecutor(
                Background.threads("assay-duckdb-spare", java.util.concurrent.Executors.defaultThreadFactory()));
        private static String limits;
        private static java.util.concurrent.Future<Connection> next;

        /** The spare for {@code db}'s limits, if one was opened ahead; another is started for the next caller either way. */
        static synchronized java.util.concurrent.Future<Connection> take(DuckDb db) {
            String key = db.memoryLimit + "|" + db.threads + "|" + db.tempDir;
            java.util.concurrent.Future<Connection> taken = key.equals(limits) ? next : null;
            if (taken == null && next != null) {
                java.util.concurrent.Future<Connection> stale = next;
                OPENER.execute(() -> closeQuietly(stale));
            }
            limits = key;
            next = OPENER.submit(db::fresh);
            return taken;
        }

        private static void closeQuietly(java.util.concurrent.Future<Connection> spare) {
            try {
                spare.get().close();
            } catch (Exception e) {
                // A spare that failed to open has nothing to close.
            }
        }
    }

    /**
     * Closes a connection this class opened on the background thread that opens the spares, and returns at
     * once. Closing ends the connection's database: its worker threads are joined and the memory of its last
     * scan (a 10M-row GROUP BY's hash tables) is freed, which took tens of milliseconds that no caller needs
     * to wait for (see the README's audit bench). Closes run one at a time, so at most one database more than
     * the callers hold lingers while they do; a failure to close is only logged.
     */
    public static void closeLater(Connection connection) {
        Spare.OPENER.execute(() -> {
            try {
                connection.close();
            } catch (SQLException e) {
                java.util.logging.Logger.getLogger(DuckDb.class.getName()).warning("closing a DuckDB connection failed: " + e.getMessage());
            }
        });
    }

    public Connection open() throws SQLException {
        java.util.concurrent.Future<Connection> spare = Spare.take(this);
        if (spare != null) {
            try {
                return spare.get();
            } catch (java.util.concurrent.ExecutionException e) {
                // Opened here instead, so the caller sees the failure as it happens.
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SQLException("interrupted while opening DuckDB", e);
            }
        }
        return fresh();
    }

    private Connection fresh() throws SQLException {
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
        return connection;
    }
}
