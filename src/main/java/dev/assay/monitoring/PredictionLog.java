package dev.assay.monitoring;

import dev.assay.dataset.DatasetFormat;
import dev.assay.failure.FieldError;
import dev.assay.failure.InvalidInput;
import dev.assay.infrastructure.ColumnTypes;
import dev.assay.infrastructure.DuckDb;
import dev.assay.infrastructure.Sql;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The DuckDB side of prediction and label batches, plain Java: checks a batch (already canonical Parquet,
 * see dataset's ParquetIngest) row by row and writes it out, predictions one file per window, labels one
 * file. Nothing here touches the store's final places: the caller moves the staged files in.
 */
public final class PredictionLog {

    /** At most this many bad rows are listed in one refusal. */
    static final int MAX_ERRORS = 20;

    private final DuckDb duckDb;

    public PredictionLog(DuckDb duckDb) {
        this.duckDb = duckDb;
    }

    /** The columns of a Parquet file with their DuckDB types, in file order. */
    public Map<String, String> columns(Path parquet) throws SQLException {
        Map<String, String> types = new LinkedHashMap<>();
        try (Connection c = duckDb.open(); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("DESCRIBE SELECT * FROM read_parquet(" + Sql.literal(parquet.toString()) + ")")) {
            while (r.next()) {
                types.put(r.getString("column_name"), r.getString("column_type"));
            }
        }
        return types;
    }

    /**
     * The SQL of a timestamp column as epoch milliseconds (BIGINT), or NULL where a value is not a time:
     * numbers are epoch milliseconds; text is ISO-8601 (UTC when it names no offset) or epoch milliseconds
     * written as digits; TIMESTAMP and DATE values are UTC. Needs the session's time zone set to UTC.
     */
    static String epochMillisSql(String column, String type) {
        String col = Sql.identifier(column);
        String t = type.toUpperCase(Locale.ROOT);
        if (ColumnTypes.isNumeric(t)) {
            return "TRY_CAST(" + col + " AS BIGINT)";
        }
        if (t.equals("TIMESTAMP WITH TIME ZONE")) {
            return "epoch_ms(" + col + ")";
        }
        if (t.startsWith("TIMESTAMP") || t.equals("DATE")) {
            return "epoch_ms(CAST(" + col + " AS TIMESTAMP))";
        }
        if (t.equals("VARCHAR")) {
            return "COALESCE(epoch_ms(TRY_CAST(" + col + " AS TIMESTAMPTZ)), CASE WHEN regexp_full_match(trim(" + col
                    + "), '-?[0-9]{1,16}') THEN TRY_CAST(trim(" + col + ") AS BIGINT) END)";
        }
        return "CAST(NULL AS BIGINT)";
    }

    /** A checked prediction batch: its rows, and per window start (epoch ms) the rows and the staged file. */
    public record Staged(long rows, Map<Long, Long> counts, Map<Long, Path> files) {
    }

    /**
     * Checks every row of a prediction batch and writes it, one Parquet file per window, into
     * {@code staging}. Refused (nothing written that the caller keeps) when a column the card names is
     * missing, or any row lacks the id or the timestamp, has a timestamp that is not a time, or one later
     * than {@code notAfter}; each bad row by its line (row for Parquet) and column.
     *
     * @param required   every column a row must have: the card's named columns but the label, and the timestamp
     * @param dropColumn a column not stored (the label, which comes from label batches); null for none
     * @throws InvalidInput for a bad batch
     */
    public Staged stagePredictions(Path parquet, DatasetFormat format, Set<String> required, String idColumn,
                                   String timestampColumn, String dropColumn, long windowMillis, Instant notAfter,
                                   Path staging) throws SQLException {
        Map<String, String> types = columns(parquet);
        requireColumns(types, required, "batch");
        List<String> positions = new ArrayList<>(types.keySet());
        String ms = epochMillisSql(timestampColumn, types.get(timestampColumn));
        String id = Sql.identifier(idColumn);
        String ts = Sql.identifier(timestampColumn);
        String file = Sql.literal(parquet.toString());
        long limit = notAfter.toEpochMilli();
        try (Connection c = duckDb.open(); Statement s = c.createStatement()) {
            s.execute("SET TimeZone = 'UTC'");
            List<FieldError> errors = new ArrayList<>();
            String checked = "SELECT file_row_number AS \"__assay_row\", " + id + " IS NULL AS no_id, " + ts + " IS NULL AS no_ts, "
                    + ms + " AS \"__assay_ms\", CAST(" + ts + " AS VARCHAR) AS ts_text FROM read_parquet(" + file
                    + ", file_row_number = true)";
            try (ResultSet r = s.executeQuery("SELECT * FROM (" + checked + ") WHERE no_id OR no_ts OR \"__assay_ms\" IS NULL"
                    + " OR \"__assay_ms\" > " + limit + " ORDER BY \"__assay_row\" LIMIT " + MAX_ERRORS)) {
                while (r.next()) {
                    long row = r.getLong(1);
                    boolean noId = r.getBoolean(2);
                    boolean noTs = r.getBoolean(3);
                    long millis = r.getLong(4);
                    boolean unreadable = r.wasNull();
                    String text = r.getString(5);
                    if (noId) {
                        errors.add(rowError(format, row, positions.indexOf(idColumn), "/columns/id",
                                "has no id (column '" + idColumn + "')"));
                    }
                    if (noTs) {
                        errors.add(rowError(format, row, positions.indexOf(timestampColumn), "/columns/timestamp",
                                "has no timestamp (column '" + timestampColumn + "')"));
                    } else if (unreadable) {
                        errors.add(rowError(format, row, positions.indexOf(timestampColumn), "/columns/timestamp",
                                "has a timestamp that is neither ISO-8601 nor epoch milliseconds: " + Sql.literal(abbreviate(text))));
                    } else if (millis > limit) {
                        errors.add(rowError(format, row, positions.indexOf(timestampColumn), "/columns/timestamp",
                                "has a timestamp in the future: " + Instant.ofEpochMilli(millis) + " is after " + notAfter));
                    }
                }
            }
            if (!errors.isEmpty()) {
                throw new InvalidInput("The batch has rows that cannot be stored (" + errors.size()
                        + (errors.size() >= MAX_ERRORS ? " or more" : "") + "); nothing of it was stored", errors);
            }
            String window = Windows.startMillisSql(ms, windowMillis);
            String kept = dropColumn != null && types.containsKey(dropColumn)
                    ? "* EXCLUDE (" + Sql.identifier(dropColumn) + ")" : "*";
            Map<Long, Long> counts = new LinkedHashMap<>();
            long rows = 0;
            try (ResultSet r = s.executeQuery("SELECT " + window + " AS w, count(*) FROM read_parquet(" + file
                    + ") GROUP BY w ORDER BY w")) {
                while (r.next()) {
                    counts.put(r.getLong(1), r.getLong(2));
                    rows += r.getLong(2);
                }
            }
            Map<Long, Path> files = new LinkedHashMap<>();
            for (long start : counts.keySet()) {
                Path out = staging.resolve(start + ".parquet");
                // Sorted by time then id, so the same rows give the same file.
                s.execute("COPY (SELECT " + kept + " FROM read_parquet(" + file + ") WHERE " + window + " = " + start
                        + " ORDER BY " + ms + ", CAST(" + id + " AS VARCHAR)) TO " + Sql.literal(out.toString())
                        + " (FORMAT parquet, COMPRESSION zstd)");
                files.put(start, out);
            }
            return new Staged(rows, counts, files);
        }
    }

    /**
     * Checks a label batch (every row has an id and a label) and writes its id and label columns to
     * {@code out}. Returns the rows.
     *
     * @throws InvalidInput for a bad batch
     */
    public long stageLabels(Path parquet, DatasetFormat format, String idColumn, String labelColumn, Path out)
            throws SQLException {
        Map<String, String> types = columns(parquet);
        requireColumns(types, new java.util.LinkedHashSet<>(List.of(idColumn, labelColumn)), "label batch");
        List<String> positions = new ArrayList<>(types.keySet());
        String id = Sql.identifier(idColumn);
        String label = Sql.identifier(labelColumn);
        String file = Sql.literal(parquet.toString());
        try (Connection c = duckDb.open(); Statement s = c.createStatement()) {
            List<FieldError> errors = new ArrayList<>();
            try (ResultSet r = s.executeQuery("SELECT file_row_number, " + id + " IS NULL, " + label + " IS NULL FROM read_parquet("
                    + file + ", file_row_number = true) WHERE " + id + " IS NULL OR " + label + " IS NULL ORDER BY 1 LIMIT " + MAX_ERRORS)) {
                while (r.next()) {
                    if (r.getBoolean(2)) {
                        errors.add(rowError(format, r.getLong(1), positions.indexOf(idColumn), "/columns/id",
                                "has no id (column '" + idColumn + "')"));
                    }
                    if (r.getBoolean(3)) {
                        errors.add(rowError(format, r.getLong(1), positions.indexOf(labelColumn), "/columns/label",
                                "has no label (column '" + labelColumn + "')"));
                    }
                }
            }
            if (!errors.isEmpty()) {
                throw new InvalidInput("The label batch has rows without an id or a label; nothing of it was stored", errors);
            }
            s.execute("COPY (SELECT " + id + ", " + label + " FROM read_parquet(" + file + ") ORDER BY CAST(" + id
                    + " AS VARCHAR)) TO " + Sql.literal(out.toString()) + " (FORMAT parquet, COMPRESSION zstd)");
            try (ResultSet r = s.executeQuery("SELECT count(*) FROM read_parquet(" + Sql.literal(out.toString()) + ")")) {
                r.next();
                return r.getLong(1);
            }
        }
    }

    /**
     * How many distinct ids of the label file have a prediction among {@code predictions}: ids compare
     * as text, so 7 and "7" match.
     */
    public long matched(Path labels, String idColumn, List<Path> predictions) throws SQLException {
        if (predictions.isEmpty()) {
            return 0;
        }
        String id = Sql.identifier(idColumn);
        try (Connection c = duckDb.open(); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT count(DISTINCT CAST(l." + id + " AS VARCHAR)) FROM read_parquet("
                     + Sql.literal(labels.toString()) + ") l WHERE CAST(l." + id + " AS VARCHAR) IN (SELECT CAST(" + id
                     + " AS VARCHAR) FROM read_parquet(" + list(predictions) + ", union_by_name = true))")) {
            r.next();
            return r.getLong(1);
        }
    }

    /** A DuckDB list literal of file names. */
    static String list(List<Path> files) {
        return "[" + String.join(", ", files.stream().map(p -> Sql.literal(p.toString())).toList()) + "]";
    }

    private static void requireColumns(Map<String, String> types, Set<String> required, String what) {
        List<FieldError> errors = new ArrayList<>();
        for (String column : required) {
            if (!types.containsKey(column)) {
                errors.add(FieldError.at("/columns", "column '" + column + "' named by the model card is not in the " + what));
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidInput("The " + what + " lacks column(s) the model card names; columns in it: "
                    + String.join(", ", types.keySet()), errors);
        }
    }

    private static FieldError rowError(DatasetFormat format, long row, int position, String pointer, String message) {
        Long line = format.lineOf(row);
        String where = line != null ? "line " + line : "row " + (row + 1);
        return new FieldError(line == null ? pointer : null, line, line != null && position >= 0 ? (long) position + 1 : null,
                where + " " + message);
    }

    private static String abbreviate(String s) {
        return s == null ? "" : s.length() <= 60 ? s : s.substring(0, 57) + "...";
    }
}
