package dev.assay.dataset;

import dev.assay.infrastructure.Sql;
import dev.assay.infrastructure.ValueMatch;
import jakarta.json.Json;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The one decision about non-finite values, taken once, at ingest: NaN, +Infinity and -Infinity are
 * missing values. DuckDB reads {@code NaN} and {@code inf} in CSV, JSON and Parquet as doubles; left
 * in, they pass {@code IS NOT NULL}, equal nothing and sort above every number, so a label written
 * NaN would count as a labelled negative and a NaN score would top every ranking. Stored datasets
 * therefore hold none: no metric, group or rank ever sees one.
 *
 * <ul>
 *   <li>FLOAT and DOUBLE columns: a non-finite value becomes null.</li>
 *   <li>Text columns: a value spelled as a non-finite number ({@code NaN}, {@code nan}, {@code -nan},
 *       {@code inf}, {@code -Infinity}..., any case, surrounding spaces ignored) becomes null. pandas
 *       writes these for missing values of object columns ({@code astype(str)}, {@code na_rep}).</li>
 *   <li>JSON Lines columns that mix types (DuckDB types them JSON): numbers with non-finite spellings
 *       become DOUBLE; any other mix becomes the text of each scalar.</li>
 *   <li>A DATE or TIMESTAMP column holding nothing but infinities: DuckDB's CSV sniffer reads a column
 *       of {@code inf} as the infinite date; it is a numeric column with no value.</li>
 * </ul>
 *
 * How many values of each column were non-finite is kept in the Parquet file's key-value metadata
 * ({@value #METADATA_KEY}), so the profile reports it for every stored file, uploaded once or again.
 */
public final class MissingValues {

    static final String METADATA_KEY = "assay.nonFinite";
    private static final String SPELLINGS = "('nan', '+nan', '-nan', 'inf', '+inf', '-inf', 'infinity', '+infinity', '-infinity')";

    private MissingValues() {
    }

    /**
     * A dataset by reference read as ingest stores an upload (issue 18 §2): the relation {@code raw} with each
     * FLOAT or DOUBLE value that is not finite, and each text that spells one, missing; every other column as
     * it is. A reference is never rewritten, so this happens on read, in every scan of it, in the engine's
     * spelling; the same decision as {@link #canonicalize}, in the same words.
     *
     * @param types every column of {@code raw} with its type (DuckDB's names), in order
     */
    public static String canonical(ValueMatch.Spelling sql, String raw, Map<String, String> types) {
        List<String> select = new ArrayList<>();
        types.forEach((name, type) -> {
            String col = sql.identifier(name);
            switch (type.toUpperCase(Locale.ROOT)) {
                case "DOUBLE", "FLOAT", "REAL" -> select.add("CASE WHEN " + sql.isFinite(col) + " THEN " + col + " END AS " + col);
                case "VARCHAR" -> select.add("CASE WHEN NOT " + spelledNonFinite(col) + " THEN " + col + " END AS " + col);
                default -> select.add(col);
            }
        });
        return "(SELECT " + String.join(", ", select) + " FROM " + raw + ")";
    }

    /** SQL: the text of {@code text} spells a non-finite number. */
    static String spelledNonFinite(String text) {
        return "lower(trim(" + text + ")) IN " + SPELLINGS;
    }

    /**
     * Writes {@code raw} (a Parquet file as DuckDB read the upload) to {@code target} with every
     * non-finite value missing, and the per-column counts in its metadata. When there is nothing to
     * change, the file is moved as it is (a count of zero for every column).
     */
    static void canonicalize(Connection c, Path raw, Path target) throws SQLException, IOException {
        String file = "read_parquet(" + Sql.literal(raw.toString()) + ")";
        List<String[]> columns = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("DESCRIBE SELECT * FROM " + file)) {
            while (r.next()) {
                columns.add(new String[] {r.getString("column_name"), r.getString("column_type").toUpperCase(Locale.ROOT)});
            }
        }
        // One scan: per column, its non-finite values; for mixed JSON columns, whether every value is a number.
        List<String> counts = new ArrayList<>();
        for (String[] column : columns) {
            String col = Sql.identifier(column[0]);
            switch (column[1]) {
                case "DOUBLE", "FLOAT", "REAL" -> counts.add("count(*) FILTER (WHERE NOT isfinite(" + col + "))");
                case "VARCHAR" -> counts.add("count(*) FILTER (WHERE " + spelledNonFinite(col) + ")");
                case "DATE", "TIMESTAMP", "TIMESTAMP_NS", "TIMESTAMP_MS", "TIMESTAMP_S" -> {
                    counts.add("count(*) FILTER (WHERE isinf(" + col + "))");
                    counts.add("count(" + col + ")");
                }
                case "JSON" -> {
                    counts.add("count(*) FILTER (WHERE json_type(" + col + ") = 'VARCHAR' AND "
                            + spelledNonFinite("json_extract_string(" + col + ", '$')") + ")");
                    counts.add("count(*) FILTER (WHERE json_type(" + col + ") NOT IN ('NULL', 'BIGINT', 'UBIGINT', 'DOUBLE') AND NOT ("
                            + "json_type(" + col + ") = 'VARCHAR' AND " + spelledNonFinite("json_extract_string(" + col + ", '$')") + "))");
                }
                default -> {
                }
            }
        }
        Map<String, Long> nonFinite = new LinkedHashMap<>();
        List<String> replaced = new ArrayList<>();
        if (!counts.isEmpty()) {
            try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("SELECT " + String.join(", ", counts) + " FROM " + file)) {
                r.next();
                int k = 1;
                for (String[] column : columns) {
                    String col = Sql.identifier(column[0]);
                    switch (column[1]) {
                        case "DOUBLE", "FLOAT", "REAL" -> {
                            long n = r.getLong(k++);
                            if (n > 0) {
                                nonFinite.put(column[0], n);
                                replaced.add("CASE WHEN isfinite(" + col + ") THEN " + col + " END AS " + col);
                            }
                        }
                        case "VARCHAR" -> {
                            long n = r.getLong(k++);
                            if (n > 0) {
                                nonFinite.put(column[0], n);
                                replaced.add("CASE WHEN NOT " + spelledNonFinite(col) + " THEN " + col + " END AS " + col);
                            }
                        }
                        case "DATE", "TIMESTAMP", "TIMESTAMP_NS", "TIMESTAMP_MS", "TIMESTAMP_S" -> {
                            long n = r.getLong(k++);
                            long values = r.getLong(k++);
                            if (n > 0 && n == values) {
                                nonFinite.put(column[0], n);
                                replaced.add("CAST(NULL AS DOUBLE) AS " + col);
                            }
                        }
                        case "JSON" -> {
                            long n = r.getLong(k++);
                            boolean numbers = r.getLong(k++) == 0;
                            if (n > 0) {
                                nonFinite.put(column[0], n);
                            }
                            String text = "json_extract_string(" + col + ", '$')";
                            replaced.add(numbers
                                    ? "CASE WHEN isfinite(TRY_CAST(" + text + " AS DOUBLE)) THEN TRY_CAST(" + text + " AS DOUBLE) END AS " + col
                                    : "CASE WHEN NOT " + spelledNonFinite(text) + " THEN " + text + " END AS " + col);
                        }
                        default -> {
                        }
                    }
                }
            }
        }
        if (replaced.isEmpty()) {
            Files.move(raw, target, StandardCopyOption.REPLACE_EXISTING);
            return;
        }
        JsonObjectBuilder metadata = Json.createObjectBuilder();
        nonFinite.forEach(metadata::add);
        try (Statement s = c.createStatement()) {
            s.execute("COPY (SELECT * REPLACE (" + String.join(", ", replaced) + ") FROM " + file + ") TO "
                    + Sql.literal(target.toString()) + " (FORMAT parquet, COMPRESSION zstd, ROW_GROUP_SIZE 1000000, KV_METADATA {"
                    + Sql.literal(METADATA_KEY) + ": " + Sql.literal(metadata.build().toString()) + "})");
        }
    }

    /** The non-finite values each column of a stored file had in its upload (absent: none). */
    static Map<String, Long> counted(Connection c, Path parquet) throws SQLException {
        Map<String, Long> out = new LinkedHashMap<>();
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("SELECT decode(value) FROM parquet_kv_metadata("
                + Sql.literal(parquet.toString()) + ") WHERE decode(key) = " + Sql.literal(METADATA_KEY))) {
            if (r.next()) {
                JsonObject counts = Json.createReader(new StringReader(r.getString(1))).readObject();
                counts.forEach((column, n) -> out.put(column, ((JsonNumber) n).longValue()));
            }
        }
        return out;
    }
}
