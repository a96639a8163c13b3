package dev.assay.report;

import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One chart of a report: the findings of one rule over one scope, each group's value with its
 * confidence interval, against the rule's threshold. The PDF draws it with PDFBox and the portal
 * as SVG; both take their geometry from here so they always show the same thing.
 *
 * @param scale the axis end: every value, interval end and the threshold fit under it
 */
public record FindingChart(String rule, String scope, String comparator, double threshold, double scale, List<Bar> bars) {

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
                byRuleAndScope.computeIfAbsent(f.getString("rule") + "\u0000" + (perColumn(f) ? PER_COLUMN : string(f.get("scope"))),
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
                Double value = number(f.get("value"));
                Double low = null;
                Double high = null;
                if (f.get("ci") instanceof JsonArray ci && ci.size() == 2) {
                    low = number(ci.get(0));
                    high = number(ci.get(1));
                }
                for (Double d : new Double[] {value, high}) {
                    if (d != null) {
                        max = Math.max(max, d);
                    }
                }
                Long n = f.get("n") instanceof JsonNumber count ? count.longValue() : null;
                bars.add(new Bar(perColumn(f) ? string(f.get("scope")) : string(f.get("group")), value, low, high,
                        f.getString("outcome", null), n));
            }
            if (Double.isFinite(max) && max <= 1e6) {
                charts.add(new FindingChart(shown.get(0).getString("rule"),
                        perColumn(shown.get(0)) ? PER_COLUMN : string(shown.get(0).get("scope")),
                        shown.get(0).getString("comparator", ""), threshold, max * 1.1, bars));
            }
        }
        return charts;
    }

    /** The scope of a chart whose bars are scopes: per-column and per-attribute values (drift, quality, disparities) have no group. */
    public static final String PER_COLUMN = "scope";

    private static boolean perColumn(JsonObject f) {
        return (f.get("group") == null || f.get("group") == JsonValue.NULL) && f.get("scope") instanceof JsonString;
    }

    private static Double number(JsonValue v) {
        return v instanceof JsonNumber n ? n.doubleValue() : null;
    }

    private static String string(JsonValue v) {
        return v == null || v == JsonValue.NULL ? null : v instanceof JsonString s ? s.getString() : v.toString();
    }
}
