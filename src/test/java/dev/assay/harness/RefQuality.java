package dev.assay.harness;

import dev.assay.infrastructure.ColumnTypes;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import static dev.assay.harness.Expected.Tolerance.COUNT;
import static dev.assay.harness.Expected.Tolerance.RATE;
import static dev.assay.harness.Expected.Tolerance.UNBOUNDED;

/**
 * Row by row, data quality (Deequ, Great Expectations) and re-identification risk (ARX) of the file
 * as stored, counting rows, not weights: row count, duplicate rows, per column completeness, distinct
 * values, uniqueness, minimum and maximum; k-anonymity, rows below k = 5, prosecutor risks and sample
 * uniqueness over the quasi-identifier classes (g, f1); distinct and entropy l-diversity of each
 * column within those classes. A value as stored: a number in a numeric column (1 = 1.0; NaN and
 * infinities are missing, like null), true/false in a BOOLEAN column, the text otherwise.
 */
final class RefQuality {

    static final int K = 5;
    static final List<String> QUASI_IDENTIFIERS = List.of("g", "f1");

    static String cell(Table.Row r, String column) {
        return switch (column) {
            case "g" -> r.g();
            case "y" -> r.y();
            case "p" -> r.p();
            case "s" -> r.s();
            case "w" -> String.valueOf(r.w());
            case "f1" -> r.f1();
            case "f2" -> r.f2();
            case "c" -> r.c();
            default -> throw new IllegalArgumentException(column);
        };
    }

    /** The value as stored in a column of this type, null when missing. */
    static Object stored(String cell, String type) {
        if (ColumnTypes.isNumeric(type)) {
            return Table.number(cell);
        }
        if (ColumnTypes.is(type, "BOOLEAN")) {
            return Table.binary(cell);
        }
        return Table.text(cell);
    }

    static List<Object> column(Table t, String column, Map<String, String> types) {
        List<Object> out = new ArrayList<>();
        t.rows().forEach(r -> out.add(stored(cell(r, column), types.get(column))));
        return out;
    }

    static void expect(Table t, Map<String, String> types, Expected e) {
        long rows = t.rows().size();
        e.defined("row_count", null, null, rows, rows, COUNT);
        Set<List<Object>> distinctRows = new HashSet<>();
        for (int i = 0; i < rows; i++) {
            List<Object> tuple = new ArrayList<>();
            for (String c : t.columns()) {
                tuple.add(stored(cell(t.rows().get(i), c), types.get(c)));
            }
            distinctRows.add(tuple);
        }
        e.defined("duplicate_rows", null, null, rows - distinctRows.size(), rows, COUNT);
        for (String c : t.columns()) {
            List<Object> values = column(t, c, types);
            Map<Object, Long> frequency = new HashMap<>();
            values.stream().filter(Objects::nonNull).forEach(v -> frequency.merge(v, 1L, Long::sum));
            long nonNull = values.stream().filter(Objects::nonNull).count();
            if (rows == 0) {
                e.undefined("completeness", c, null);
            } else {
                e.defined("completeness", c, null, (double) nonNull / rows, rows, RATE);
            }
            // Deequ since 1.1: values occurring once over the non-null values; undefined without any.
            if (nonNull == 0) {
                e.undefined("uniqueness", c, null);
            } else {
                e.defined("uniqueness", c, null, (double) frequency.values().stream().filter(f -> f == 1).count() / nonNull, nonNull,
                        RATE);
            }
            e.defined("distinct_count", c, null, frequency.size(), nonNull, COUNT);
            Double min = null;
            Double max = null;
            if (ColumnTypes.isNumeric(types.get(c))) {
                for (Object v : values) {
                    if (v != null) {
                        min = min == null ? (Double) v : Math.min(min, (Double) v);
                        max = max == null ? (Double) v : Math.max(max, (Double) v);
                    }
                }
            }
            e.put("minimum", c, null, null, min, min == null ? null : nonNull, UNBOUNDED);
            e.put("maximum", c, null, null, max, max == null ? null : nonNull, UNBOUNDED);
        }
        privacy(t, types, e);
    }

    private static void privacy(Table t, Map<String, String> types, Expected e) {
        Map<List<Object>, List<Table.Row>> classes = new LinkedHashMap<>();
        for (Table.Row r : t.rows()) {
            List<Object> key = new ArrayList<>();
            QUASI_IDENTIFIERS.forEach(q -> key.add(stored(cell(r, q), types.get(q))));
            classes.computeIfAbsent(key, k -> new ArrayList<>()).add(r);
        }
        long rows = t.rows().size();
        if (rows == 0) {
            for (String id : List.of("k_anonymity", "rows_below_k", "prosecutor_risk_max", "prosecutor_risk_avg", "sample_uniqueness")) {
                e.undefined(id, null, null);
            }
        } else {
            long smallest = classes.values().stream().mapToLong(List::size).min().orElseThrow();
            long below = classes.values().stream().filter(c -> c.size() < K).mapToLong(List::size).sum();
            long alone = classes.values().stream().filter(c -> c.size() == 1).count();
            e.defined("k_anonymity", null, null, smallest, rows, COUNT);
            e.defined("rows_below_k", null, null, below, rows, COUNT);
            e.defined("prosecutor_risk_max", null, null, 1.0 / smallest, rows, RATE);
            e.defined("prosecutor_risk_avg", null, null, (double) classes.size() / rows, rows, RATE);
            e.defined("sample_uniqueness", null, null, (double) alone / rows, rows, RATE);
        }
        for (String column : t.columns()) {
            long holding = 0;
            Long fewest = null;
            Double entropy = null;
            for (List<Table.Row> members : classes.values()) {
                Map<Object, Long> counts = new HashMap<>();
                for (Table.Row r : members) {
                    Object v = stored(cell(r, column), types.get(column));
                    if (v != null) {
                        counts.merge(v, 1L, Long::sum);
                    }
                }
                if (counts.isEmpty()) {
                    continue;
                }
                holding++;
                long total = counts.values().stream().mapToLong(Long::longValue).sum();
                double h = 0;
                for (long c : counts.values()) {
                    double p = (double) c / total;
                    h -= p * Math.log(p);
                }
                fewest = fewest == null ? counts.size() : Math.min(fewest, counts.size());
                entropy = entropy == null ? h : Math.min(entropy, h);
            }
            e.put("l_diversity", column, null, null, fewest == null ? null : fewest.doubleValue(), fewest == null ? null : holding, COUNT);
            e.put("entropy_l_diversity", column, null, null, entropy == null ? null : Math.exp(entropy),
                    entropy == null ? null : holding, UNBOUNDED);
        }
    }
}
