package dev.assay.portal;

import dev.assay.infrastructure.JsonValues;
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
 * Each rule's worst group across the versions of a model, as the model page draws it: for every rule (policy, rule,
 * metric) some version's latest audit judged, the value of the group that fares worst against the rule's threshold in
 * each version's latest audit (the lowest under a {@code >=} rule, the highest under a {@code <=} one, the farthest
 * from the middle of a band), with that group's interval and outcome. A version whose audit has no value for the rule
 * is a point without a value and with the reason (every group undefined, the rule not in that audit, no finished
 * audit): drawn as undefined, never as zero. Values come from the signed reports' published findings, so small cells
 * stay suppressed.
 */
public final class RuleTrends {

    private RuleTrends() {
    }

    /** A version and the findings of its latest audit (null: no finished audit). */
    public record VersionFindings(String version, List<JsonObject> findings) {
    }

    /**
     * The worst group of one rule in one version: the group (with its scope, stratum or class; null when the value
     * is undefined), its value and interval, its outcome, why it is undefined (else null) and a note on the other groups.
     */
    public record Point(String version, String group, Double value, Double low, Double high, String outcome, String undefined, String note) {
    }

    /** One rule over the versions, oldest first; the threshold and comparator of the newest version that judged it. */
    public record Trend(String policy, String rule, String metric, String comparator, Double threshold, List<Point> points) {

        public Trend {
            points = List.copyOf(points);
        }

        public String title() {
            return policy + " / " + rule + ": " + metric + ", worst group";
        }

        /** The chart {@link Svg#series} draws: a point per version, labelled with it. */
        SeriesChart chart() {
            return new SeriesChart(title(), comparator, threshold, null, points.stream().map(p -> new SeriesChart.Point(p.version(),
                    p.value(), p.low(), p.high(), p.outcome(), false, p.undefined() == null ? null
                    : p.undefined())).toList());
        }
    }

    /** The trends of {@code oldestFirst}'s rules, in the order the rules first appear. */
    static List<Trend> of(List<VersionFindings> oldestFirst) {
        Map<String, List<JsonObject>> seen = new LinkedHashMap<>();
        for (VersionFindings v : oldestFirst) {
            if (v.findings() != null) {
                for (JsonObject f : v.findings()) {
                    seen.computeIfAbsent(key(f), k -> new ArrayList<>()).add(f);
                }
            }
        }
        List<Trend> trends = new ArrayList<>();
        for (Map.Entry<String, List<JsonObject>> rule : seen.entrySet()) {
            JsonObject newest = rule.getValue().get(rule.getValue().size() - 1);
            List<Point> points = new ArrayList<>();
            for (VersionFindings v : oldestFirst) {
                if (v.findings() == null) {
                    points.add(new Point(v.version(), null, null, null, null, null, "no finished audit", null));
                    continue;
                }
                List<JsonObject> ofRule = v.findings().stream().filter(f -> key(f).equals(rule.getKey())).toList();
                points.add(ofRule.isEmpty()
                        ? new Point(v.version(), null, null, null, null, null, "not judged by this version's latest audit", null)
                        : worst(v.version(), ofRule));
            }
            trends.add(new Trend(newest.getString("policy", ""), newest.getString("rule", ""), newest.getString("metric", ""),
                    newest.getString("comparator", null), number(newest.get("threshold")), points));
        }
        return trends;
    }

    private static String key(JsonObject f) {
        return f.getString("policy", "") + "\u0000" + f.getString("rule", "") + "\u0000" + f.getString("metric", "");
    }

    /** The group that fares worst against the rule; the first in report order on a tie. */
    static Point worst(String version, List<JsonObject> findings) {
        JsonObject worst = null;
        double worstBadness = Double.NEGATIVE_INFINITY;
        int undefined = 0;
        for (JsonObject f : findings) {
            Double v = number(f.get("value"));
            if (v == null) {
                undefined++;
                continue;
            }
            double badness = badness(f, v);
            if (worst == null || badness > worstBadness) {
                worst = f;
                worstBadness = badness;
            }
        }
        if (worst == null) {
            String why = findings.stream().map(f -> f.getString("undefined", null)).filter(java.util.Objects::nonNull).findFirst()
                    .orElse("no value");
            return new Point(version, null, null, null, null, "undefined", findings.size() == 1 ? why
                    : "every group undefined (" + why + ")", null);
        }
        Double low = null;
        Double high = null;
        if (worst.get("ci") instanceof JsonArray ci && ci.size() == 2) {
            low = number(ci.get(0));
            high = number(ci.get(1));
        }
        return new Point(version, group(worst), number(worst.get("value")), low, high, worst.getString("outcome", null), null,
                undefined == 0 ? null : undefined + " other group" + (undefined == 1 ? "" : "s") + " undefined");
    }

    /** How far the value sits on the failing side: higher is worse. */
    private static double badness(JsonObject f, double v) {
        String comparator = f.getString("comparator", "");
        Double threshold = number(f.get("threshold"));
        Double upper = number(f.get("upper"));
        if (threshold != null && upper != null) {
            return Math.abs(v - (threshold + upper) / 2);
        }
        return comparator.startsWith("<") ? v : -v;
    }

    /** The group as the version page writes it: scope = group, within a stratum, of a class; "overall" for a dataset-level value. */
    private static String group(JsonObject f) {
        String scope = JsonValues.text(f.get("scope"), null);
        String group = JsonValues.text(f.get("group"), null);
        String label = scope == null && group == null ? "overall" : (scope == null ? "" : scope + " = ") + (group == null ? "all" : group);
        if (f.get("stratum") != null && f.get("stratum") != JsonValue.NULL) {
            label += " in " + JsonValues.text(f.get("stratum"), "");
        }
        if (f.get("class") instanceof JsonString c) {
            label += ", class " + c.getString();
        }
        return label;
    }

    private static Double number(JsonValue v) {
        return v instanceof JsonNumber n && Double.isFinite(n.doubleValue()) ? n.doubleValue() : null;
    }
}
