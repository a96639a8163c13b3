package dev.assay.harness;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A small generated table, as the cells of a CSV file: the protected attribute {@code g}, label
 * {@code y}, prediction {@code p}, score {@code s}, optional frequency weight {@code w}, two feature
 * columns {@code f1} (whole numbers) and {@code f2} (decimals), and a categorical column {@code c}.
 * Cells are kept as the text a user would write ("1", "1.0", "true", "NaN", "-inf", ""), and
 * {@link #binary} / {@link #number} read them by meaning, as the contract says Assay must: true = 1 =
 * 1.0 = "1"; an empty cell, NaN, +inf and -inf are missing.
 */
public record Table(boolean weighted, List<Row> rows) {

    public record Row(String g, String y, String p, String s, int w, String f1, String f2, String c) {

        String csv(boolean weighted) {
            return String.join(",", g, y, p, s) + (weighted ? "," + w : "") + "," + String.join(",", f1, f2, c);
        }
    }

    public static final List<String> COLUMNS = List.of("g", "y", "p", "s", "w", "f1", "f2", "c");

    public List<String> columns() {
        return weighted ? COLUMNS : COLUMNS.stream().filter(c -> !c.equals("w")).toList();
    }

    public String csv() {
        StringBuilder out = new StringBuilder(String.join(",", columns())).append('\n');
        rows.forEach(r -> out.append(r.csv(weighted)).append('\n'));
        return out.toString();
    }

    /** The weight of a row: its frequency weight, or 1. */
    public int weight(Row r) {
        return weighted ? r.w() : 1;
    }

    /** 1, 0, or null (missing) by meaning. */
    public static Integer binary(String cell) {
        String t = cell.trim().toLowerCase(Locale.ROOT);
        return switch (t) {
            case "1", "1.0", "true", "t", "yes" -> 1;
            case "0", "0.0", "false", "f", "no" -> 0;
            default -> {
                Double d = number(t);
                if (d == null) {
                    yield null;
                }
                yield d == 1 ? 1 : d == 0 ? 0 : null;
            }
        };
    }

    /** A finite number, or null (empty, NaN, +inf, -inf, or not a number). */
    public static Double number(String cell) {
        String t = cell.trim().toLowerCase(Locale.ROOT);
        if (t.isEmpty()) {
            return null;
        }
        if (t.equals("true")) {
            return 1.0;
        }
        if (t.equals("false")) {
            return 0.0;
        }
        if (t.contains("inf") || t.contains("nan")) {
            return null;
        }
        try {
            double d = Double.parseDouble(t);
            return Double.isFinite(d) ? d : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** A text cell: null when empty or spelled as a non-finite number (NaN, inf, -Infinity...: missing everywhere). */
    public static String text(String cell) {
        String t = cell.trim().toLowerCase(Locale.ROOT);
        boolean nonFinite = java.util.Set.of("nan", "+nan", "-nan", "inf", "+inf", "-inf", "infinity", "+infinity", "-infinity")
                .contains(t);
        return cell.isEmpty() || nonFinite ? null : cell;
    }

    @Override
    public String toString() {
        List<String> lines = new ArrayList<>();
        lines.add((weighted ? "weighted " : "") + rows.size() + " rows:");
        lines.add(csv());
        return String.join("\n", lines);
    }
}
