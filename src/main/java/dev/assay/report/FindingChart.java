package dev.assay.report;

import dev.assay.infrastructure.JsonValues;
import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * One chart of a report: the findings of one rule over one scope, each group's value with its
 * confidence interval, against the rule's threshold. The PDF draws it with PDFBox and the portal
 * as SVG; both take their geometry from here so they always show the same thing.
 *
 * @param scale  the axis end: every value, interval end and the threshold fit under it
 * @param groups how many groups the rule and scope have (bars holds at most {@link #MAX_BARS} of them)
 */
public record FindingChart(String rule, String scope, String comparator, double threshold, double scale, List<Bar> bars,
                           int groups) {

    /** At most this many groups per chart; the findings table has them all. */
    public static final int MAX_BARS = 30;

    /** One group: an undefined value is null (drawn as "undefined", never as zero). */
    public record Bar(String group, Double value, Double low, Double high, String outcome, Long n) {

        public boolean fails() {
            return "fail".equals(outcome);
        }
    }

    public String title() {
        return rule + " by " + (scope == null ? "overall" : scope);
    }

    /** Position of a value on a 0..1 axis. */
    public double fraction(double value) {
        return Math.max(0, Math.min(1, value / scale));
    }

    /**
     * The charts of a report's findings, in finding order: one per rule and scope whose findings have
     * a numeric threshold and values on a plottable range.
     */
    public static List<FindingChart> of(List<JsonObject> findings) {
        Map<String, List<JsonObject>> byRuleAndScope = new LinkedHashMap<>();
        for (JsonObject f : findings) {
            if (f.get("threshold") instanceof JsonNumber) {
                byRuleAndScope.computeIfAbsent(f.getString("rule") + "\u0000" + (perColumn(f) ? PER_COLUMN : JsonValues.text(f.get("scope"), null)),
                        k -> new ArrayList<>()).add(f);
            }
        }
        List<FindingChart> charts = new ArrayList<>();
        for (List<JsonObject> rows : byRuleAndScope.values()) {
            List<JsonObject> shown = rows.subList(0, Math.min(MAX_BARS, rows.size()));
            double threshold = shown.get(0).getJsonNumber("threshold").doubleValue();
            double max = Math.max(1.0, threshold);
            List<Bar> bars = new ArrayList<>();
            for (JsonObject f : shown) {
                Double value = JsonValues.number(f.get("value"));
                Double low = null;
                Double high = null;
                if (f.get("ci") instanceof JsonArray ci && ci.size() == 2) {
                    low = JsonValues.number(ci.get(0));
                    high = JsonValues.number(ci.get(1));
                }
                for (Double d : new Double[] {value, high}) {
                    if (d != null) {
                        max = Math.max(max, d);
                    }
                }
                Long n = f.get("n") instanceof JsonNumber count ? count.longValue() : null;
                // A multiclass model's per-class findings: one bar per group and class.
                String label = perColumn(f) ? JsonValues.text(f.get("scope"), null) : f.get("class") instanceof jakarta.json.JsonString c
                        ? JsonValues.text(f.get("group"), "all") + ", class " + c.getString() : JsonValues.text(f.get("group"), null);
                bars.add(new Bar(label, value, low, high,
                        f.getString("outcome", null), n));
            }
            if (Double.isFinite(max) && max <= 1e6) {
                charts.add(new FindingChart(shown.get(0).getString("rule"),
                        perColumn(shown.get(0)) ? PER_COLUMN : JsonValues.text(shown.get(0).get("scope"), null),
                        shown.get(0).getString("comparator", ""), threshold, max * 1.1, bars, rows.size()));
            }
        }
        return charts;
    }

    /** One cell of an intersection's heat map: its text (never colour alone) and its shade. */
    public record Cell(String label, String shade) {
    }

    /**
     * A two-attribute intersection ({@code sex*race}) as a grid: rows are the first attribute's
     * values, columns the second's. A cell with no finding says why: the intersection had no rows,
     * or the chart shows only its first {@link #MAX_BARS} groups.
     */
    public record Grid(String rowAttribute, String columnAttribute, List<String> rows, List<String> columns,
                       Map<String, Cell> cells, String missing) {

        public Cell cell(String row, String column) {
            return cells.getOrDefault(row + "\u0000" + column, new Cell(missing, "undefined"));
        }
    }

    /** Empty unless the scope is an intersection of two attributes. */
    public Optional<Grid> grid() {
        String[] attributes = scope == null ? new String[0] : scope.split("\\*");
        if (attributes.length != 2) {
            return Optional.empty();
        }
        LinkedHashSet<String> rows = new LinkedHashSet<>();
        LinkedHashSet<String> columns = new LinkedHashSet<>();
        Map<String, Cell> cells = new HashMap<>();
        for (Bar bar : bars) {
            String[] values = bar.group() == null ? new String[0] : bar.group().split("\\*", 2);
            if (values.length != 2) {
                continue;
            }
            rows.add(values[0]);
            columns.add(values[1]);
            cells.put(values[0] + "\u0000" + values[1], bar.value() == null ? new Cell("undefined", "undefined")
                    : new Cell((bar.fails() ? "\u2716 " : "") + String.format(Locale.ROOT, "%.2f", bar.value()),
                    bar.fails() ? "fail" : "pass"));
        }
        return rows.isEmpty() ? Optional.empty() : Optional.of(new Grid(attributes[0], attributes[1],
                List.copyOf(rows), List.copyOf(columns), cells, groups > bars.size() ? "not shown" : "no rows"));
    }

    /** The scope of a chart whose bars are scopes: per-column and per-attribute values (drift, quality, disparities) have no group. */
    public static final String PER_COLUMN = "scope";

    private static boolean perColumn(JsonObject f) {
        return (f.get("group") == null || f.get("group") == JsonValue.NULL) && f.get("scope") instanceof JsonString;
    }

}
