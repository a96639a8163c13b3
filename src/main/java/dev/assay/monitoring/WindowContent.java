package dev.assay.monitoring;

import dev.assay.infrastructure.ColumnTypes;
import dev.assay.infrastructure.DuckDb;
import dev.assay.infrastructure.Hashing;
import dev.assay.infrastructure.Sql;

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
 * latest label of an id wins), written as one Parquet file an ordinary audit reads. Labels join by id
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
     * The slice as written.
     *
     * @param rows    rows in the window
     * @param labeled rows with a label
     * @param key     what the slice holds, for "was this already audited": the partitions, the counts and a
     *                hash of every (id, label) pair
     */
    public record Slice(Path file, long rows, long labeled, String key) {

        public double coverage() {
            return rows == 0 ? 0 : (double) labeled / rows;
        }
    }

    /**
     * Writes the slice of a window to {@code out}.
     *
     * @param predictions the window's prediction files, one per batch
     * @param partitions  their partition ids, part of the content key
     * @param labels      the deployment's label files, oldest first (a later label of an id replaces an earlier)
     * @param labelType   the label's DuckDB type in the reference dataset; null for text
     */
    public Slice write(List<Path> predictions, List<String> partitions, List<Path> labels, String idColumn,
                       String labelColumn, String labelType, String timestampColumn, Path out) throws SQLException {
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
                labelValue = ColumnTypes.isNumeric(type) ? "TRY_CAST(TRY_CAST(l.v AS DOUBLE) AS " + type + ")"
                        : "TRY_CAST(l.v AS " + type + ")";
            }
            String ms = PredictionLog.epochMillisSql(timestampColumn, types.getOrDefault(timestampColumn, "VARCHAR"))
                    .replace(Sql.identifier(timestampColumn), "p." + Sql.identifier(timestampColumn));
            s.execute("COPY (" + with + "SELECT " + kept + (label == null ? "" : ", " + labelValue + " AS " + label)
                    + " FROM " + p + " p" + join
                    + " ORDER BY " + ms + ", CAST(p." + id + " AS VARCHAR)) TO " + Sql.literal(out.toString())
                    + " (FORMAT parquet, COMPRESSION zstd)");
            String counted = label == null ? "0, 0" : "count(" + label + "), bit_xor(hash(CAST(" + id + " AS VARCHAR), CAST("
                    + label + " AS VARCHAR))) FILTER (WHERE " + label + " IS NOT NULL)";
            try (ResultSet r = s.executeQuery("SELECT count(*), " + counted + " FROM read_parquet("
                    + Sql.literal(out.toString()) + ")")) {
                r.next();
                long rows = r.getLong(1);
                long labeled = r.getLong(2);
                String pairs = String.valueOf(r.getObject(3));
                String key = Hashing.sha256Hex(String.join(",", partitions) + "|" + rows + "|" + labeled + "|" + pairs);
                return new Slice(out, rows, labeled, key);
            }
        }
    }
}
