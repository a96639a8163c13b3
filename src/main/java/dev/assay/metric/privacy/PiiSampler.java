package dev.assay.metric.privacy;

import dev.assay.metric.scan.ScanEngine;
import dev.assay.metric.scan.SqlDialect;
import dev.assay.metric.scan.Table;

import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Scans text and date columns for personal data: a repeatable reservoir sample of each column (10,000
 * values by default; the whole column when smaller) is run through the validating recognizers and the
 * special-category value dictionary. Only the counts leave this class; the values are never kept.
 */
public final class PiiSampler {

    public static final int SAMPLE = 10_000;

    private PiiSampler() {
    }

    /**
     * Counts per column: {@code sampled} non-null values, how many each recognizer accepted, and how many
     * are terms of each special category (GDPR Art. 9) of the value dictionary.
     */
    public record PiiState(long sampled, Map<String, Long> entities, Map<String, Long> categories) {
    }

    public static boolean scannable(String type) {
        String t = type == null ? "" : type.toUpperCase(Locale.ROOT);
        return t.equals("VARCHAR") || t.startsWith("DATE") || t.startsWith("TIMESTAMP");
    }

    /** {@link #scan(ScanEngine, Table, List, Map, PiiRecognizers)} with {@link PiiRecognizers#DEFAULT}. */
    public static Map<String, PiiState> scan(ScanEngine engine, Table table, List<String> columns, Map<String, String> types)
            throws SQLException {
        return scan(engine, table, columns, types, PiiRecognizers.DEFAULT);
    }

    /**
     * Counts the scannable ones of {@code columns} (text, date, timestamp); the others are left out.
     * Recognition is all in Java: the engine only draws the sample, so every count is a validated value.
     */
    public static Map<String, PiiState> scan(ScanEngine engine, Table table, List<String> columns, Map<String, String> types,
                                             PiiRecognizers recognizers) throws SQLException {
        Map<String, PiiState> out = new LinkedHashMap<>();
        SqlDialect sql = engine.dialect();
        for (String column : columns) {
            if (!scannable(types.get(column))) {
                continue;
            }
            String col = sql.identifier(column);
            long[] sampled = {0};
            Map<String, Long> entities = new TreeMap<>();
            Map<String, Long> categories = new TreeMap<>();
            engine.scan(sql.sample(sql.text(col), table, col + " IS NOT NULL", SAMPLE, 42), r -> {
                sampled[0]++;
                String value = r.getString(1);
                recognizers.recognize(value).ifPresent(e -> entities.merge(e, 1L, Long::sum));
                SpecialCategoryValues.category(value).ifPresent(k -> categories.merge(k, 1L, Long::sum));
                return true;
            });
            out.put(column, new PiiState(sampled[0], entities, categories));
        }
        return out;
    }
}
