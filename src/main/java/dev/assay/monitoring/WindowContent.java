package dev.assay.monitoring;

import dev.assay.infrastructure.ColumnTypes;
import dev.assay.infrastructure.DuckDb;
import dev.assay.infrastructure.Hashing;
import dev.assay.infrastructure.Sql;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A window's slice, plain Java: its prediction files joined with every label of the deployment (the
 * latest label of an id wins), written as one Parquet file that becomes the window dataset's stored file. Labels join by id
 * compared as text; the label column takes the reference dataset's type, so drift and performance compare
 * like with like.
 */
public final class WindowContent {

    /** DuckDB type names as Assay's own profiles write them; anything else is read as text. */
    private static final Pattern TYPE = Pattern.compile("[A-Z][A-Z0-9_ ]*(\\(\\d+(, ?\\d+)?\\))?");

    private final DuckDb duckDb;

    public WindowContent(DuckDb duckDb) {
        this.duckDb = duckDb;
    }

    /**
     * The slice as written: the file a window dataset stores as it is ({@code DatasetService.addWindow}).
     *
     * @param rows    rows in the window
     * @param labeled rows with a label
     * @param sha256  the SHA-256 of the file's bytes: the window dataset's content address
     * @param key     what the slice holds, for "was this already audited": the partitions and the file's SHA-256 (the
     *                file is written in a fixed row order, so the same predictions and labels give the same bytes)
     */
    public record Slice(Path file, long rows, long labeled, String sha256, String key) {

        public double coverage() {
            return rows == 0 ? 0 : (double) labeled / rows;
        }
    }

    /**
     * Writes the slice of a window to {@code out} in one sorted COPY: rows by time, then by their place in their batch
     * file, so the same content gives the same bytes. The counts come from the COPY's own statistics (rows, and the label's nulls) and the file is
     * hashed once; nothing reads it back.
     *
     * @param predictions the window's prediction files, one per batch, in the order of {@code partitions}
     * @param partitions  their partition ids, sorted: part of the content key
     * @param labels      the deployment's label files, oldest first (a later label of an id replaces an earlier)
     * @param labelType   the label's DuckDB type in the reference dataset; null for text
     */
    public Slice write(List<Path> predictions, List<String> partitions, List<Path> labels, String idColumn,
                       String labelColumn, String labelType, String timestampColumn, Path out) throws SQLException, IOException {
        String type = labelType != null && TYPE.matcher(labelType.toUpperCase(Locale.ROOT)).matches()
                ? labelType.toUpperCase(Locale.ROOT) : "VARCHAR";
        String id = Sql.identifier(idColumn);
        // A card without a label column: the slice is the predictions alone.
        String label = labelColumn == null ? null : Sql.identifier(labelColumn);
        try (Connection c = duckDb.open(); Statement s = c.createStatement()) {
            s.execute("SET TimeZone = 'UTC'");
            String p = "read_parquet(" + PredictionLog.list(predictions) + ", union_by_name = true)";
            Map<String, String> types = new java.util.LinkedHashMap<>();
            try (ResultSet r = s.executeQuery("DESCRIBE SELECT * FROM " + p)) {
                while (r.next()) {
                    types.put(r.getString("column_name"), r.getString("column_type"));
                }
            }
            String kept = labelColumn != null && types.containsKey(labelColumn) ? "p.* EXCLUDE (" + label + ")" : "p.*";
            String labelValue;
            String with = "";
            String join = "";
            if (label == null) {
                labelValue = null;
            } else if (labels.isEmpty()) {
                labelValue = "CAST(NULL AS " + type + ")";
            } else {
                List<String> parts = new ArrayList<>();
                for (int i = 0; i < labels.size(); i++) {
                    parts.add("SELECT CAST(" + id + " AS VARCHAR) AS k, CAST(" + label + " AS VARCHAR) AS v, " + i
                            + " AS seq FROM read_parquet(" + Sql.literal(labels.get(i).toString()) + ")");
                }
                with = "WITH l AS (SELECT k, arg_max(v, seq) AS v FROM (" + String.join(" UNION ALL ", parts) + ") GROUP BY k) ";
                join = " LEFT JOIN l ON CAST(p." + id + " AS VARCHAR) = l.k";
                // The slice is stored as it is written (no second pass through MissingValues), so a label text that
                // reads as a non-finite number ("1e999") is made missing here, as ingest makes every such value.
                String number = "TRY_CAST(l.v AS DOUBLE)";
                labelValue = ColumnTypes.isNumeric(type)
                        ? "TRY_CAST(CASE WHEN isfinite(" + number + ") THEN " + number + " END AS " + type + ")"
                        : "TRY_CAST(l.v AS " + type + ")";
            }
            String ms = PredictionLog.epochMillisSql(timestampColumn, types.getOrDefault(timestampColumn, "VARCHAR"))
                    .replace(Sql.identifier(timestampColumn), "p." + Sql.identifier(timestampColumn));
            // Rows by time, then by their place in their batch's file: each batch file is sorted by time then id already
            // (PredictionLog), so one batch comes out in the same order, byte for byte, as sorting by time then id as
            // text, on integer keys that sort with less CPU than the id as text. The files come in their partitions' order
            // (the caller sorts them), so the order is total and repeatable. A batch column named like DuckDB's
            // virtual columns would hide them: then by the id as text.
            String order = types.containsKey("file_index") || types.containsKey("file_row_number")
                    ? ms + ", CAST(p." + id + " AS VARCHAR)" : ms + ", p.file_index, p.file_row_number";
            long rows;
            long labeled = 0;
            // DuckDB's default row groups (122,880 rows), not ingest's million: the audit's scans of a window then
            // run on every thread (a Parquet file is read in parallel by row group).
            try (ResultSet r = s.executeQuery("COPY (" + with + "SELECT " + kept + (label == null ? "" : ", " + labelValue + " AS " + label)
                    + " FROM " + p + " p" + join
                    + " ORDER BY " + order + ") TO " + Sql.literal(out.toString())
                    + " (FORMAT parquet, COMPRESSION zstd, RETURN_STATS true)")) {
                r.next();
                rows = r.getLong("count");
                if (label != null && rows > 0) {
                    labeled = rows - nullCount(r.getObject("column_statistics"), label);
                }
            }
            String sha256 = Hashing.sha256Hex(out);
            return new Slice(out, rows, labeled, sha256, Hashing.sha256Hex(String.join(",", partitions) + "|" + sha256));
        }
    }

    /**
     * The nulls of one column in a COPY's statistics (RETURN_STATS): a map by the column's quoted name, as
     * {@link Sql#identifier} quotes it, to that column's statistics.
     */
    private static long nullCount(Object statistics, String quotedColumn) {
        Object column = statistics instanceof Map<?, ?> byColumn ? byColumn.get(quotedColumn) : null;
        Object nulls = column instanceof Map<?, ?> stats ? stats.get("null_count") : null;
        if (nulls == null) {
            throw new IllegalStateException("DuckDB's statistics of the slice name no null count for " + quotedColumn
                    + ": " + statistics);
        }
        return Long.parseLong(nulls.toString());
    }
}
