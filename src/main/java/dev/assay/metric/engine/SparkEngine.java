package dev.assay.metric.engine;

import dev.assay.metric.scan.Row;
import dev.assay.metric.scan.ScanEngine;
import dev.assay.metric.scan.SparkDialect;
import dev.assay.metric.scan.SqlDialect;
import dev.assay.metric.scan.Table;
import org.apache.spark.sql.connect.SparkSession;
import org.apache.spark.sql.connect.client.SparkResult;
import org.apache.spark.sql.util.CloseableIterator;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import java.util.Objects;

/**
 * The distributed engine: the families' scans as Spark SQL, sent to a Spark cluster through Spark
 * Connect (Spark is not embedded: Assay is a client of the user's cluster, or of the one
 * server/spark/start.sh starts). Each scan is one statement; the cluster reads the Parquet and
 * aggregates, and only the aggregated rows come back, streamed in Arrow batches.
 *
 * <p>Exact where DuckDB is exact, by the same SQL: counts and sums are plain aggregates (merged across
 * partitions by addition, which is exact for counts and to the last bits for sums of doubles); the
 * median, quantiles and ranks are exact ({@code median}, {@code percentile} and window functions over
 * every value, never {@code approx_percentile}); distinct counts are {@code count(DISTINCT)} or exact
 * GROUP BYs rolled up in Java. {@code approx_count_distinct} only chooses between two exact ways to the
 * median. The session compares column names by case ({@code spark.sql.caseSensitive}) and writes
 * timestamps in UTC, as Assay stores them.
 *
 * <p>Thread-safe as the Spark Connect session is; {@link #close()} ends the session of an engine that
 * {@link #connect}ed, not one given.
 */
public final class SparkEngine implements ScanEngine {

    private final SparkSession session;
    private final boolean owned;

    /** Runs scans in a session the caller opened and will close (the tests share one across engines). */
    public SparkEngine(SparkSession session) {
        this(session, false);
    }

    private SparkEngine(SparkSession session, boolean owned) {
        this.session = Objects.requireNonNull(session);
        this.owned = owned;
    }

    /**
     * Opens a Spark Connect session of its own, closed with this engine.
     *
     * @param remote a Spark Connect URL, {@code sc://host:port[/;param=value…]} ({@link SparkRemote#url()})
     * @throws SQLException when the session cannot be created (the message is the client's)
     */
    public static SparkEngine connect(SparkRemote remote) throws SQLException {
        return new SparkEngine(session(remote), true);
    }

    /** A new Spark Connect session on {@code remote}, configured as every scan expects. */
    public static SparkSession session(SparkRemote remote) throws SQLException {
        // The client retries an unreachable server for minutes: an audit should say at once that there is none.
        try (Socket probe = new Socket()) {
            probe.connect(new InetSocketAddress(remote.host(), remote.port()), 10_000);
        } catch (IOException e) {
            throw new SQLException("Spark Connect at " + remote + " is not reachable: " + e.getMessage(), e);
        }
        try {
            SparkSession session = SparkSession.builder().remote(remote.url()).create();
            session.conf().set("spark.sql.caseSensitive", "true");
            session.conf().set("spark.sql.session.timeZone", "UTC");
            return session;
        } catch (RuntimeException e) {
            throw new SQLException("cannot open a Spark Connect session on " + remote + ": " + e.getMessage(), e);
        }
    }

    /** The Spark Connect session the scans run in (for the cluster's own reads and writes, as tests make data). */
    public SparkSession session() {
        return session;
    }

    @Override
    public SqlDialect dialect() {
        return SparkDialect.INSTANCE;
    }

    /**
     * {@code parquet.`<path>`}: a file or a directory of part files, read by the cluster's executors,
     * so the path must be one they can read (a shared store, or this machine for a local cluster).
     */
    @Override
    public Table table(Path parquet) {
        return location(parquet.toAbsolutePath().toString());
    }

    /** A Parquet location the cluster reads (a path or a URI such as {@code s3a://bucket/prefix/}). */
    public static Table location(String uri) {
        return new Table("parquet." + SparkDialect.INSTANCE.identifier(uri));
    }

    /** A table of the cluster's catalog, by its parts (namespace, table; the catalog first if given), each quoted. */
    public static Table named(List<String> parts) {
        return new Table(String.join(".", parts.stream().map(SparkDialect.INSTANCE::identifier).toList()));
    }

    /** One file of a Parquet location as the cluster reads it: URI, bytes, modification time (epoch ms), rows. */
    public record DataFile(String path, long size, long modified, long rows) {
    }

    /**
     * The files a Parquet location consists of, as the cluster lists and reads them (Spark's hidden
     * {@code _metadata} column: file path, size and modification time), with each file's rows; in path
     * order. A file without rows has no {@code _metadata} row: it is listed from the relation's input
     * files, with size and time -1 (unknown). What pins a dataset that lives where it is (issue 18 §2):
     * only these aggregates come back.
     */
    public List<DataFile> files(String location) throws SQLException {
        return files(location(location), () -> session.read().parquet(location).inputFiles());
    }

    /** The files of a table of the catalog ({@link #named}), as {@link #files(String)} lists a location's. */
    public List<DataFile> files(List<String> table) throws SQLException {
        Table named = named(table);
        return files(named, () -> session.table(named.sql()).inputFiles());
    }

    private List<DataFile> files(Table relation, java.util.function.Supplier<String[]> inputFiles) throws SQLException {
        java.util.Map<String, DataFile> files = new java.util.TreeMap<>();
        scan("SELECT _metadata.file_path, _metadata.file_size, CAST(unix_millis(_metadata.file_modification_time) AS BIGINT), count(*)"
                + relation.from() + " GROUP BY 1, 2, 3 ORDER BY 1", r -> files.put(canonical(r.getString(1)),
                new DataFile(canonical(r.getString(1)), r.getLong(2), r.getLong(3), r.getLong(4))) == null);
        try {
            for (String path : inputFiles.get()) {
                files.putIfAbsent(canonical(path), new DataFile(canonical(path), -1, -1, 0));
            }
        } catch (Exception e) {
            throw new SQLException(e.getMessage(), e);
        }
        return List.copyOf(files.values());
    }

    /**
     * The columns of a relation as the cluster types them, each with the name DuckDB gives that type (what the
     * families and the upload checks read: {@link #typeName}), in order. Asks for the schema only: no row is read.
     */
    public java.util.LinkedHashMap<String, String> columns(Table relation) throws SQLException {
        java.util.LinkedHashMap<String, String> columns = new java.util.LinkedHashMap<>();
        try {
            for (org.apache.spark.sql.types.StructField f : session.sql("SELECT *" + relation.from()).schema().fields()) {
                columns.put(f.name(), typeName(f.dataType().simpleString()));
            }
        } catch (Exception e) {
            throw new SQLException(e.getMessage(), e);
        }
        return columns;
    }

    /**
     * A Spark SQL type ({@code DataType.simpleString()}) by the name DuckDB gives the same Parquet type, so that
     * a reference's columns read as an upload's do: {@code bigint} BIGINT, {@code string} VARCHAR, {@code timestamp}
     * (UTC-adjusted) TIMESTAMP WITH TIME ZONE, {@code timestamp_ntz} TIMESTAMP, {@code decimal(p,s)} DECIMAL(p,s)...;
     * a nested type as Spark writes it, upper case.
     */
    public static String typeName(String spark) {
        String t = spark.toLowerCase(java.util.Locale.ROOT);
        if (t.startsWith("varchar") || t.startsWith("char")) {
            return "VARCHAR";
        }
        if (t.startsWith("decimal")) {
            return t.toUpperCase(java.util.Locale.ROOT);
        }
        return switch (t) {
            case "string" -> "VARCHAR";
            case "bigint" -> "BIGINT";
            case "int" -> "INTEGER";
            case "smallint" -> "SMALLINT";
            case "tinyint" -> "TINYINT";
            case "double" -> "DOUBLE";
            case "float" -> "FLOAT";
            case "boolean" -> "BOOLEAN";
            case "date" -> "DATE";
            case "timestamp" -> "TIMESTAMP WITH TIME ZONE";
            case "timestamp_ntz" -> "TIMESTAMP";
            case "binary" -> "BLOB";
            default -> spark.toUpperCase(java.util.Locale.ROOT);
        };
    }

    /** One spelling per file: Spark writes a local file {@code file:/x} in one place and {@code file:///x} in another. */
    private static String canonical(String path) {
        java.net.URI uri = java.net.URI.create(path);
        return "file".equals(uri.getScheme()) ? Path.of(uri).toUri().toString() : uri.normalize().toString();
    }

    @Override
    public void scan(String sql, RowVisitor visitor) throws SQLException {
        // Both the rows' iterator and the result are closed, however the visitor ends: that ends the
        // stream (and a query abandoned early) and frees every Arrow batch the client holds.
        try (SparkResult<org.apache.spark.sql.Row> result = session.sql(sql).collectResult();
             Rows rows = new Rows(result.iterator())) {
            while (rows.iterator().hasNext()) {
                if (!visitor.visit(new SparkRow(rows.iterator().next()))) {
                    return;
                }
            }
        } catch (SQLException e) {
            throw e;
        } catch (Exception e) {
            // Spark's AnalysisException is a checked exception that Scala throws undeclared: caught as any Exception.
            throw new SQLException(e.getMessage(), e);
        }
    }

    /** The client's iterator, whose close() declares Exception, as a resource closed like the others. */
    private record Rows(CloseableIterator<org.apache.spark.sql.Row> iterator) implements AutoCloseable {

        @Override
        public void close() throws SQLException {
            try {
                iterator.close();
            } catch (Exception e) {
                throw new SQLException("closing a Spark result: " + e.getMessage(), e);
            }
        }
    }

    @Override
    public void close() {
        if (owned) {
            session.close();
        }
    }

    /**
     * One Spark row read as JDBC would read it: NULL reads as 0, false or null. Spark's numbers arrive as
     * their own types (Long for BIGINT, Integer, Double, BigDecimal for DECIMAL...): read as the number
     * asked for.
     */
    private record SparkRow(org.apache.spark.sql.Row row) implements Row {

        private Object value(int position) {
            return row.get(position - 1);
        }

        private int position(String column) throws SQLException {
            try {
                return row.fieldIndex(column) + 1;
            } catch (IllegalArgumentException e) {
                throw new SQLException("no column " + column + " in the scan's result");
            }
        }

        private Number number(int position) throws SQLException {
            Object v = value(position);
            if (v == null) {
                return 0;
            }
            if (v instanceof Number n) {
                return n;
            }
            if (v instanceof Boolean b) {
                return b ? 1 : 0;
            }
            throw new SQLException("column " + position + " is not a number: " + v.getClass().getSimpleName());
        }

        @Override
        public long getLong(String column) throws SQLException {
            return getLong(position(column));
        }

        @Override
        public long getLong(int position) throws SQLException {
            Number n = number(position);
            return n instanceof BigDecimal d ? d.longValue() : n.longValue();
        }

        @Override
        public int getInt(String column) throws SQLException {
            return getInt(position(column));
        }

        @Override
        public int getInt(int position) throws SQLException {
            return Math.toIntExact(getLong(position));
        }

        @Override
        public double getDouble(String column) throws SQLException {
            return getDouble(position(column));
        }

        @Override
        public double getDouble(int position) throws SQLException {
            return number(position).doubleValue();
        }

        @Override
        public String getString(String column) throws SQLException {
            return getString(position(column));
        }

        @Override
        public String getString(int position) {
            Object v = value(position);
            return v == null ? null : v.toString();
        }

        @Override
        public boolean getBoolean(int position) throws SQLException {
            Object v = value(position);
            if (v == null) {
                return false;
            }
            if (v instanceof Boolean b) {
                return b;
            }
            return number(position).doubleValue() != 0;
        }

        @Override
        public double[] getDoubleArray(int position) throws SQLException {
            List<Object> values = row.getList(position - 1);
            double[] out = new double[values.size()];
            for (int i = 0; i < out.length; i++) {
                out[i] = ((Number) values.get(i)).doubleValue();
            }
            return out;
        }

        @Override
        public boolean isNull(String column) throws SQLException {
            return isNull(position(column));
        }

        @Override
        public boolean isNull(int position) {
            return row.isNullAt(position - 1);
        }

        @Override
        public int size() {
            return row.size();
        }
    }
}
