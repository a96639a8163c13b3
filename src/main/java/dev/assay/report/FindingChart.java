package dev.assay.report;

import dev.assay.infrastructure.Figures;
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
import java.util.Map;
import java.util.Optional;

/**
 * One chart of a report: the findings of one rule over one scope, each group's value with its
 * confidence interval, against the rule's threshold. The PDF draws it with PDFBox and the portal
 * as SVG; both take their geometry, ticks, reference line and texts from here (numbers through
 * {@link Figures}) so they always show the same thing.
 *
 * @param metric the metric the rule judges; a ratio ({@link #ratio()}) gets a reference line at 1.0 (parity)
 * @param scale  the axis end: every value, interval end, the threshold and 1.0 fit under it
 * @param groups how many groups the rule and scope have (bars holds at most {@link #MAX_BARS} of them)
 */
public record FindingChart(String rule, String scope, String metric, String comparator, double threshold, double scale,
                           List<Bar> bars, int groups) {

    /** At most this many groups per chart; the findings table has them all. */
    public static final int MAX_BARS = 30;

    /** At most this many intervals on the value axis, so its labels never crowd. */
    static final int MAX_TICKS = 6;

    public FindingChart {
        bars = List.copyOf(bars);
    }

    /**
     * One group: an undefined value is null (drawn as "undefined", never as zero); {@code undefined} is why,
     * from the finding (insufficient data, excluded, a suppressed small cell), or null when the value was judged.
     */
    public record Bar(String group, Double value, Double low, Double high, String outcome, Long n, String undefined) {

        /** A bar of a judged finding, or one whose reason is not known. */
        public Bar(String group, Double value, Double low, Double high, String outcome, Long n) {
            this(group, value, low, high, outcome, n, null);
        }

        public boolean fails() {
            return "fail".equals(outcome);
        }

        /**
         * No value, or a value no rule could judge (a group under the minimum size keeps its estimate): either way
         * it is drawn hatched with its reason, never like a pass.
         */
        public boolean isUndefined() {
            return value == null || "undefined".equals(outcome);
        }

        /** The group's name as the chart labels it; "overall" for a finding over the whole dataset. */
        public String label() {
            return group == null ? "overall" : group;
        }

        /** "n = 2,000" beside the label; "n < 5" for a small cell (its count is not published); "" when unknown. */
        public String nText() {
            if (n == null) {
                return "";
            }
            return n > 0 && n < SmallCells.K ? "n < " + SmallCells.K : "n = " + Figures.count(n);
        }

        /** The value beside the bar: the number, "✖ 0.6000" when it fails, "? 0.7500" when not judged, or "undefined". */
        public String valueText() {
            if (value == null) {
                return Figures.UNDEFINED;
            }
            return (fails() ? "\u2716 " : isUndefined() ? "? " : "") + Figures.number(value);
        }

        /** Why the bar is undefined, in words: "undefined: insufficient data: ..."; "" for a judged bar. */
        public String reasonText() {
            if (!isUndefined()) {
                return "";
            }
            return (value == null ? "undefined" : "not judged") + (undefined == null || undefined.isBlank() ? "" : ": " + undefined);
        }
    }

    /** A ratio of two groups' values (impact ratio, odds ratio, disparate impact): 1.0 is parity and gets its line. */
    public boolean ratio() {
        return metric != null && (metric.endsWith("ratio") || metric.endsWith("disparate_impact"));
    }

    /** Where the reference line of a ratio is drawn (1.0, parity); null for other metrics. */
    public Double reference() {
        return ratio() ? 1.0 : null;
    }

    /** "threshold ≥ 0.80": the rule's line, labelled. */
    public String thresholdText() {
        return "threshold " + comparator + " " + Figures.plain(threshold);
    }

    /**
     * The value axis's ticks, 0 to the scale in a round step (0.1, 0.2, 0.25, 0.5, then the same times powers of
     * ten), at most {@link #MAX_TICKS} intervals.
     */
    public List<Double> ticks() {
        double step = 0;
        outer:
        for (double power = 0.01; power < 1e9; power *= 10) {
            for (double m : new double[] {1, 2, 2.5, 5}) {
                if (scale / (m * power) <= MAX_TICKS) {
                    step = m * power;
                    break outer;
                }
            }
        }
        List<Double> ticks = new ArrayList<>();
        for (int i = 0; i * step <= scale + 1e-9 && step > 0; i++) {
            // Multiplied, not summed: 0.1 added six times is not 0.6.
            ticks.add(Math.round(i * step * 1e6) / 1e6);
        }
        return ticks;
    }

    /**
     * A label broken into lines of at most {@code width} characters, for a renderer without font metrics (the
     * SVG): after '*', a space, '-', '/' or ',' where one falls in the line, else at the width. Nothing is cut;
     * the lines put together are the label.
     */
    public static List<String> wrap(String label, int width) {
        List<String> lines = new ArrayList<>();
        String rest = label;
        while (rest.length() > width) {
            int cut = -1;
            for (int i = Math.min(width, rest.length() - 1); i > 0; i--) {
                char c = rest.charAt(i - 1);
                if (c == '*' || c == ' ' || c == '-' || c == '/' || c == ',') {
                    cut = i;
                    break;
                }
            }
            if (cut <= 0) {
                cut = width;
            }
            lines.add(rest.substring(0, cut));
            rest = rest.substring(cut);
        }
        lines.add(rest);
        return lines;
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
            // The axis reaches 1.0 (parity, for ratios) and the threshold, whatever the values.
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
                        f.getString("outcome", null), n, f.get("undefined") instanceof JsonString why ? why.getString() : null));
            }
            if (Double.isFinite(max) && max <= 1e6) {
                charts.add(new FindingChart(shown.get(0).getString("rule"),
                        perColumn(shown.get(0)) ? PER_COLUMN : JsonValues.text(shown.get(0).get("scope"), null),
                        shown.get(0).getString("metric", null), shown.get(0).getString("comparator", ""), threshold, max * 1.1, bars, rows.size()));
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
            // A value no rule judged is shaded as undefined, never as a pass.
            cells.put(values[0] + "\u0000" + values[1], bar.isUndefined() ? new Cell(bar.valueText(), "undefined")
                    : new Cell((bar.fails() ? "\u2716 " : "") + Figures.number(bar.value()),
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
