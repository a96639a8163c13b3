package dev.assay.metric.engine;

import dev.assay.infrastructure.DuckDb;
import dev.assay.infrastructure.Sql;
import dev.assay.metric.scan.DuckDbDialect;
import dev.assay.metric.scan.Row;
import dev.assay.metric.scan.ScanEngine;
import dev.assay.metric.scan.SqlDialect;
import dev.assay.metric.scan.Table;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The embedded engine: one DuckDB connection over the dataset store's Parquet files, each scan one
 * statement whose result set is streamed to the family that asked (rows are never collected here).
 * Not thread-safe, as a JDBC connection is not; close it to release the connection.
 */
public final class DuckDbEngine implements ScanEngine {

    private final Connection connection;
    private final boolean owned;

    /** Runs scans on a connection the caller opened and will close. */
    public DuckDbEngine(Connection connection) {
        this(connection, false);
    }

    private DuckDbEngine(Connection connection, boolean owned) {
        this.connection = connection;
        this.owned = owned;
    }

    /** Opens a connection of its own, closed with this engine. */
    public static DuckDbEngine open(DuckDb duckDb) throws SQLException {
        return new DuckDbEngine(duckDb.open(), true);
    }

    /** DuckDB's spelling, the text the families have always written. */
    @Override
    public SqlDialect dialect() {
        return DuckDbDialect.INSTANCE;
    }

    @Override
    public Table table(Path parquet) {
        return new Table("read_parquet(" + Sql.literal(parquet.toString()) + ")");
    }

    @Override
    public void scan(String sql, RowVisitor visitor) throws SQLException {
        try (Statement s = connection.createStatement(); ResultSet r = s.executeQuery(sql)) {
            Row row = new ResultSetRow(r);
            while (r.next()) {
                if (!visitor.visit(row)) {
                    return;
                }
            }
        }
    }

    /** Releases the connection this engine opened; closing it (and its database) happens in the background: {@link DuckDb#closeLater}. */
    @Override
    public void close() {
        if (owned) {
            DuckDb.closeLater(connection);
        }
    }

    /** The current row of a JDBC result set: JDBC's own reads, NULL tested on the value itself. */
    private record ResultSetRow(ResultSet r) implements Row {

        @Override
        public long getLong(String column) throws SQLException {
            return r.getLong(column);
        }

        @Override
        public long getLong(int position) throws SQLException {
            return r.getLong(position);
        }

        @Override
        public int getInt(String column) throws SQLException {
            return r.getInt(column);
        }

        @Override
        public int getInt(int position) throws SQLException {
            return r.getInt(position);
        }

        @Override
        public double getDouble(String column) throws SQLException {
            return r.getDouble(column);
        }

        @Override
        public double getDouble(int position) throws SQLException {
            return r.getDouble(position);
        }

        @Override
        public String getString(String column) throws SQLException {
            return r.getString(column);
        }

        @Override
        public String getString(int position) throws SQLException {
            return r.getString(position);
        }

        @Override
        public boolean getBoolean(int position) throws SQLException {
            return r.getBoolean(position);
        }

        @Override
        public double[] getDoubleArray(int position) throws SQLException {
            Object[] values = (Object[]) r.getArray(position).getArray();
            double[] out = new double[values.length];
            for (int i = 0; i < values.length; i++) {
                out[i] = ((Number) values[i]).doubleValue();
            }
            return out;
        }

        @Override
        public boolean isNull(String column) throws SQLException {
            return r.getObject(column) == null;
        }

        @Override
        public boolean isNull(int position) throws SQLException {
            return r.getObject(position) == null;
        }

        @Override
        public int size() throws SQLException {
            return r.getMetaData().getColumnCount();
        }
    }
}
