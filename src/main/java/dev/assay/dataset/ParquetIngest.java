package dev.assay.dataset;

import dev.assay.infrastructure.DuckDb;
import dev.assay.infrastructure.ColumnTypes;
import dev.assay.infrastructure.Sql;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads an uploaded file with DuckDB, once: describes its columns, then writes it as Parquet (the
 * one format the engine reads afterwards), then profiles the Parquet file. Plain Java, no server.
 */
public final class ParquetIngest {

    private static final Pattern CSV_LINE = Pattern.compile("CSV Error on Line: (\\d+)");
    private static final Pattern JSON_LINE = Pattern.compile("in line (\\d+)");
    private static final Pattern CONVERSION = Pattern.compile("Could not convert|Conversion Error|Error when converting");

    private final DuckDb duckDb;

    public ParquetIngest(DuckDb duckDb) {
        this.duckDb = duckDb;
    }

    /** Columns a dataset may have, in every format: the README's "Bad input" table. */
    public static final int MAX_COLUMNS = 1_000;

    /**
     * How to read one spooled upload. {@code delimiter} matters for CSV only; {@code decimalComma}
     * reads {@code 0,25} as a number (see {@link #sniffDecimalSeparator}); {@code mixedLineEndings}
     * (CSV) says the file ends its lines with both LF and CRLF (or CR), which DuckDB's strict dialect
     * refuses as "Error when sniffing file" although {@link CsvStructureCheck} found its records
     * well-formed; {@code text} names CSV columns to read as text whatever DuckDB guesses (see
     * {@link #keepText}).
     */
    public record Source(Path file, DatasetFormat format, char delimiter, boolean decimalComma, boolean mixedLineEndings,
                         List<String> text) {

        public Source {
            text = List.copyOf(text);
        }

        public Source(Path file, DatasetFormat format, char delimiter) {
            this(file, format, delimiter, false);
        }

        public Source(Path file, DatasetFormat format, char delimiter, boolean decimalComma) {
            this(file, format, delimiter, decimalComma, false, List.of());
        }

        /** This source, read with LF and CRLF both ending lines. */
        public Source withMixedLineEndings(boolean mixed) {
            return new Source(file, format, delimiter, decimalComma, mixed, text);
        }

        Source withDecimalComma() {
            return new Source(file, format, delimiter, true, mixedLineEndings, text);
        }

        Source withText(List<String> columns) {
            return new Source(file, format, delimiter, decimalComma, mixedLineEndings, columns);
        }

        String reader(boolean fullTypeScan) {
            String path = Sql.literal(file.toString());
            return switch (format) {
                case CSV -> "read_csv(" + path + ", header = true, delim = " + Sql.literal(String.valueOf(delimiter))
                        // DuckDB's default line limit (2 MB) is kept: raising it slows every read by a
                        // third, and fields are already bounded to 1 MiB by CsvStructureCheck.
                        + ", quote = '\"', escape = '\"', encoding = 'utf-8'"
                        // The structure is already checked, strictly, by CsvStructureCheck; DuckDB's strict
                        // mode also insists on one kind of line ending, which a file edited on two systems lacks.
                        + ", strict_mode = " + !mixedLineEndings
                        + (decimalComma ? ", decimal_separator = ','" : "")
                        + (text.isEmpty() ? "" : ", types = {" + String.join(", ", text.stream()
                                .map(c -> Sql.literal(c) + ": 'VARCHAR'").toList()) + "}")
                        + (fullTypeScan ? ", sample_size = -1" : "") + ")";
                // Every row is read for the schema: with a sample, a key first met after it was
                // silently dropped (rows may carry different keys; one without a key has it missing).
                case JSON_LINES -> "read_json(" + path + ", format = 'newline_delimited', sample_size = -1)";
                case PARQUET -> "read_parquet(" + path + ")";
            };
        }
    }

    /**
     * The same CSV source with every column DuckDB would read as BOOLEAN but whose values are not all
     * spelled {@code true} or {@code false} read as text instead: DuckDB's sniffer reads a column of
     * {@code F} (and {@code T}, {@code 0}/{@code 1} are numbers anyway) as booleans, which turned a
     * protected attribute of {@code F} and {@code M} into {@code false}. A type guess may never change
     * a value; roles compare values by meaning, so text loses nothing. One scan, only when DuckDB
     * guessed a BOOLEAN column.
     */
    public Source keepText(Source source) throws IngestException {
        if (source.format() != DatasetFormat.CSV) {
            return source;
        }
        List<String> booleans = describe(source).stream().filter(c -> c.type().equals("BOOLEAN")).map(ColumnProfile::name).toList();
        if (booleans.isEmpty()) {
            return source;
        }
        StringBuilder sql = new StringBuilder("SELECT ");
        for (int i = 0; i < booleans.size(); i++) {
            String col = Sql.identifier(booleans.get(i));
            sql.append(i == 0 ? "" : ", ").append("count(*) FILTER (WHERE ").append(col).append(" IS NOT NULL AND lower(trim(")
                    .append(col).append(")) NOT IN ('true', 'false'))");
        }
        String raw = source.reader(false).replaceFirst("\\)$", ", all_varchar = true)");
        sql.append(" FROM ").append(raw);
        List<String> text = new ArrayList<>();
        try (Connection c = duckDb.open(); Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql.toString())) {
            r.next();
            for (int i = 0; i < booleans.size(); i++) {
                if (r.getLong(i + 1) > 0) {
                    text.add(booleans.get(i));
                }
            }
        } catch (SQLException e) {
            throw translate(e, source.format());
        }
        return text.isEmpty() ? source : source.withText(text);
    }

    /**
     * The same source, read with a decimal comma when that is how its numbers are written: a CSV
     * whose delimiter is not a comma (Excel and LibreOffice in most of Europe write {@code ;} and
     * {@code 0,25}) is read both ways, and the reading that finds more numeric columns wins (a tie
     * keeps the decimal point). A comma-delimited file cannot carry unquoted decimal commas, and a
     * quoted {@code "0,25"} there stays text.
     */
    public Source sniffDecimalSeparator(Source source) throws IngestException {
        if (source.format() != DatasetFormat.CSV || source.delimiter() == ',' || source.decimalComma()) {
            return source;
        }
        Source comma = source.withDecimalComma();
        long point = describe(source).stream().filter(c -> ColumnTypes.isNumeric(c.type())).count();
        long decimal = describe(comma).stream().filter(c -> ColumnTypes.isNumeric(c.type())).count();
        return decimal > point ? comma : source;
    }

    /** The columns DuckDB sees in the upload, in file order (duplicate names get _1, _2, ...). */
    public List<ColumnProfile> describe(Source source) throws IngestException {
        try (Connection c = duckDb.open(); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("DESCRIBE SELECT * FROM " + source.reader(false))) {
            List<ColumnProfile> columns = new ArrayList<>();
            while (r.next()) {
                columns.add(new ColumnProfile(r.getString("column_name"), r.getString("column_type"), 0));
            }
            if (columns.isEmpty()) {
                throw new IngestException("the file has no columns", 1L, null);
            }
            return columns;
        } catch (SQLException e) {
            throw translate(e, source.format());
        }
    }

    /**
     * Writes the upload as Parquet to {@code target} (which must not exist), with its values made
     * canonical by {@link MissingValues}: non-finite numbers (NaN, +-Infinity) and their spellings
     * in text columns become missing (null), and each column's count of them is kept in the file's
     * key-value metadata for the profile ({@link ColumnProfile#nonFinite()}). Types are first inferred
     * from a sample; when a later value does not fit, the whole file is scanned for types instead.
     */
    public void writeParquet(Source source, Path target) throws IngestException {
        Path raw = target.resolveSibling(target.getFileName() + ".raw");
        try {
            try {
                copy(source, raw, false);
            } catch (SQLException first) {
                if (!CONVERSION.matcher(String.valueOf(first.getMessage())).find()) {
                    throw translate(first, source.format());
                }
                try {
                    Files.deleteIfExists(raw);
                    copy(source, raw, true);
                } catch (SQLException second) {
                    throw translate(second, source.format());
                }
            }
            try (Connection c = duckDb.open()) {
                MissingValues.canonicalize(c, raw, target);
            } catch (SQLException e) {
                throw translate(e, source.format());
            }
        } catch (IOException io) {
            // A server fault, not the upload's (it was a 422 naming the store's paths): a logged 500.
            throw new IllegalStateException("the dataset store cannot be written", io);
        } finally {
            try {
                Files.deleteIfExists(raw);
            } catch (IOException ignored) {
                // scratch files are also swept at start-up
            }
        }
    }

    private void copy(Source source, Path target, boolean fullTypeScan) throws SQLException {
        try (Connection c = duckDb.open(); Statement s = c.createStatement()) {
            s.execute("COPY (SELECT * FROM " + source.reader(fullTypeScan) + ") TO " + Sql.literal(target.toString())
                    + " (FORMAT parquet, COMPRESSION zstd, ROW_GROUP_SIZE 1000000)");
        }
    }

    /** Up to this many rows the profile's quartiles are exact (8 MB of doubles per numeric column). */
    static final long EXACT_QUARTILE_ROWS = 1_000_000;

    /**
     * Above EXACT_QUARTILE_ROWS, the quartiles of about this many rows: a quartile of 100,000 values is
     * within about 0.5% of the distribution of the true one (binomial standard error 0.14%), at a
     * fraction of the cost of sorting a million.
     */
    static final long QUARTILE_SAMPLE_ROWS = 100_000;

    /** Columns and types as stored, row count and per-column null counts of a Parquet file. */
    public Profile profile(Path parquet) throws SQLException {
        String file = "read_parquet(" + Sql.literal(parquet.toString()) + ")";
        try (Connection c = duckDb.open(); Statement s = c.createStatement()) {
            List<ColumnProfile> columns = new ArrayList<>();
            try (ResultSet r = s.executeQuery("DESCRIBE SELECT * FROM " + file)) {
                while (r.next()) {
                    columns.add(new ColumnProfile(r.getString("column_name"), r.getString("column_type"), 0));
                }
            }
            Map<String, Long> nonFinite = MissingValues.counted(c, parquet);
            // One scan: nulls of every column, and for numeric columns mean, sample std, extremes, quartiles.
            // Exact quartiles hold every value of a column in memory and cost a sort; beyond
            // EXACT_QUARTILE_ROWS rows they come from about QUARTILE_SAMPLE_ROWS rows picked by a hash of
            // their position, so the same file always gives the same figures (DuckDB's t-digest estimate was
            // slower and not repeatable; a seeded reservoir sample repeats only on one thread: 8 s at 10M rows).
            long rows;
            try (ResultSet r = s.executeQuery("SELECT count(*) FROM " + file)) {
                r.next();
                rows = r.getLong(1);
            }
            boolean exact = rows <= EXACT_QUARTILE_ROWS;
            // DuckDB plans one SELECT in time quadratic in its expressions (1,000 columns in one took 10 s),
            // so the columns are profiled PROFILE_CHUNK at a time: each query reads only its columns of the
            // Parquet file, and the whole costs time linear in the number of columns.
            List<ColumnProfile> profiled = new ArrayList<>();
            for (int from = 0; from < columns.size(); from += PROFILE_CHUNK) {
                profiled.addAll(categories(s, parquet, profileChunk(s, parquet,
                        columns.subList(from, Math.min(columns.size(), from + PROFILE_CHUNK)), rows, exact, nonFinite), rows));
            }
            return new Profile(rows, profiled);
        }
    }

    /** Columns profiled in one query: few enough that DuckDB plans it in linear time. */
    static final int PROFILE_CHUNK = 64;

    /**
     * A chunk's profiles, with the estimated distinct values (HyperLogLog) of its categorical columns by position,
     * computed in the same scan: the category counts that follow group only the columns with few of them.
     */
    private record Chunk(List<ColumnProfile> profiled, Map<Integer, Long> approxDistinct) {
    }

    private static Chunk profileChunk(Statement s, Path parquet, List<ColumnProfile> columns, long rows,
                                      boolean exact, Map<String, Long> nonFinite) throws SQLException {
        StringBuilder sql = new StringBuilder("SELECT count(*) AS n");
        for (int i = 0; i < columns.size(); i++) {
            String col = Sql.identifier(columns.get(i).name());
            sql.append(", count(*) - count(").append(col).append(") AS nulls").append(i);
            if (categorical(columns.get(i).type())) {
                sql.append(", approx_count_distinct(").append(col).append(") AS d").append(i);
            }
            if (ColumnTypes.isNumeric(columns.get(i).type())) {
                // No NaN or infinity is left at ingest (MissingValues); the guard stays for files stored before.
                String x = "CASE WHEN isfinite(CAST(" + col + " AS DOUBLE)) THEN CAST(" + col + " AS DOUBLE) END";
                sql.append(", avg(").append(x).append(") AS mean").append(i)
                        .append(", stddev_samp(").append(x).append(") AS std").append(i)
                        .append(", min(").append(x).append(") AS lo").append(i)
                        .append(", quantile_cont(").append(x).append(", [0.25, 0.5, 0.75])").append(exact ? "" : sampleFilter(rows))
                        .append(" AS q").append(i)
                        .append(", max(").append(x).append(") AS hi").append(i);
            }
        }
        sql.append(" FROM read_parquet(").append(Sql.literal(parquet.toString())).append(", file_row_number = true)");
        try (ResultSet r = s.executeQuery(sql.toString())) {
            r.next();
            // Read by position, in the order the SELECT wrote them (findColumn is a linear search).
            List<ColumnProfile> profiled = new ArrayList<>();
            Map<Integer, Long> approxDistinct = new HashMap<>();
            int at = 2;
            for (ColumnProfile column : columns) {
                long nulls = r.getLong(at++);
                if (categorical(column.type())) {
                    approxDistinct.put(profiled.size(), r.getLong(at++));
                }
                ColumnProfile.Numeric numeric = null;
                if (ColumnTypes.isNumeric(column.type())) {
                    double mean = r.getDouble(at);
                    boolean empty = r.wasNull();
                    double std = r.getDouble(at + 1);
                    Double sampleStd = r.wasNull() || Double.isNaN(std) ? null : std;
                    double lo = r.getDouble(at + 2);
                    java.sql.Array quartiles = r.getArray(at + 3);
                    double hi = r.getDouble(at + 4);
                    at += 5;
                    if (!empty) {
                        Object[] q = (Object[]) quartiles.getArray();
                        numeric = new ColumnProfile.Numeric(mean, sampleStd, lo, quartile(q, 0), quartile(q, 1),
                                quartile(q, 2), hi, exact ? null : QUARTILE_SAMPLE_ROWS);
                    }
                }
                profiled.add(new ColumnProfile(column.name(), column.type(), nulls,
                        nonFinite.getOrDefault(column.name(), 0L), numeric));
            }
            return new Chunk(profiled, approxDistinct);
        }
    }

    /** A categorical column with more distinct values than this (an id, a free text) has no categories counted. */
    static final long MAX_COUNTED_DISTINCT = 10_000;

    /** Text and boolean columns are categories; numbers, dates and times are not. */
    static boolean categorical(String type) {
        return ColumnTypes.is(type, "VARCHAR") || ColumnTypes.is(type, "BOOLEAN");
    }

    /**
     * The chunk's categorical columns with their {@link ColumnProfile#TOP_CATEGORIES} most frequent categories
     * counted exactly. Only columns whose estimated distinct values (HyperLogLog, from the profile's own scan) are at
     * most {@link #MAX_COUNTED_DISTINCT} are grouped: an id column of ten million rows would hold every id in the
     * group-by. Each column's group-by reads only that column of the Parquet file.
     */
    private static List<ColumnProfile> categories(Statement s, Path parquet, Chunk scanned, long rows) throws SQLException {
        List<ColumnProfile> chunk = scanned.profiled();
        List<Integer> counted = new ArrayList<>();
        for (int i = 0; i < chunk.size(); i++) {
            if (categorical(chunk.get(i).type()) && chunk.get(i).nulls() < rows
                    && scanned.approxDistinct().getOrDefault(i, Long.MAX_VALUE) <= MAX_COUNTED_DISTINCT) {
                counted.add(i);
            }
        }
        if (counted.isEmpty()) {
            return chunk;
        }
        String file = "read_parquet(" + Sql.literal(parquet.toString()) + ")";
        StringBuilder union = new StringBuilder();
        for (int i : counted) {
            String col = Sql.identifier(chunk.get(i).name());
            union.append(union.length() == 0 ? "" : " UNION ALL ").append("SELECT ").append(i).append(" AS i, CAST(").append(col)
                    .append(" AS VARCHAR) AS v, count(*) AS n FROM ").append(file).append(" WHERE ").append(col)
                    .append(" IS NOT NULL GROUP BY 1, 2");
        }
        Map<Integer, List<ColumnProfile.Category>> top = new HashMap<>();
        Map<Integer, Long> distinct = new HashMap<>();
        try (ResultSet r = s.executeQuery("SELECT i, v, n, d FROM (SELECT i, v, n, count(*) OVER (PARTITION BY i) AS d, "
                + "row_number() OVER (PARTITION BY i ORDER BY n DESC, v) AS k FROM (" + union + ")) WHERE k <= "
                + ColumnProfile.TOP_CATEGORIES + " ORDER BY i, k")) {
            while (r.next()) {
                top.computeIfAbsent(r.getInt(1), k -> new ArrayList<>()).add(new ColumnProfile.Category(r.getString(2), r.getLong(3)));
                distinct.put(r.getInt(1), r.getLong(4));
            }
        }
        List<ColumnProfile> out = new ArrayList<>(chunk);
        for (int i : counted) {
            ColumnProfile c = chunk.get(i);
            List<ColumnProfile.Category> listed = top.getOrDefault(i, List.of());
            long others = rows - c.nulls() - listed.stream().mapToLong(ColumnProfile.Category::count).sum();
            out.set(i, c.withCategories(new ColumnProfile.Categories(listed, distinct.getOrDefault(i, 0L), others)));
        }
        return out;
    }

    /**
     * Keeps about QUARTILE_SAMPLE_ROWS of the rows, chosen by a hash of the row's position in the file:
     * the same rows every time, whatever the number of threads, at the cost of one hash per row.
     */
    private static String sampleFilter(long rows) {
        return " FILTER (WHERE hash(file_row_number) % " + rows + " < " + QUARTILE_SAMPLE_ROWS + ")";
    }

    private static Double quartile(Object[] q, int i) {
        return q == null || q[i] == null ? null : ((Number) q[i]).doubleValue();
    }

    public record Profile(long rows, List<ColumnProfile> columns) {
    }

    static IngestException translate(SQLException e, DatasetFormat format) {
        String message = String.valueOf(e.getMessage());
        Long line = null;
        Matcher m = (format == DatasetFormat.JSON_LINES ? JSON_LINE : CSV_LINE).matcher(message);
        if (m.find()) {
            line = Long.parseLong(m.group(1));
            if (format == DatasetFormat.JSON_LINES) {
                // DuckDB 2.0's JSON reader counts one line too many (pinned by ParquetIngestTest).
                line = Math.max(1, line - 1);
            }
        }
        String first = message.lines().map(String::strip).filter(l -> !l.isEmpty())
                .map(l -> l.replaceFirst("^[A-Za-z ]*Error: ", ""))
                .findFirst().orElse("unreadable file");
        String reason = message.lines().map(String::strip)
                .filter(l -> l.startsWith("Invalid unicode") || l.startsWith("Maximum line size")
                        || l.startsWith("Expected Number of Columns") || l.startsWith("Could not convert"))
                .findFirst().orElse(first);
        String what = switch (format) {
            case CSV -> "CSV";
            case JSON_LINES -> "JSON Lines";
            case PARQUET -> "Parquet";
        };
        return new IngestException("cannot read the file as " + what + ": " + withoutPaths(reason), line, null);
    }

    /** Quoted absolute paths look like: DuckDB names the spooled file in its messages ("... file \"/srv/...\""). */
    private static final Pattern QUOTED_PATH = Pattern.compile("([\"'])(?:[A-Za-z]:)?[/\\\\][^\"']*\\1");

    /** A DuckDB message without the server's paths (the client hears of "the file", never where it was spooled). */
    static String withoutPaths(String message) {
        return QUOTED_PATH.matcher(message).replaceAll("the file").replaceAll("file the file", "the file");
    }
}
