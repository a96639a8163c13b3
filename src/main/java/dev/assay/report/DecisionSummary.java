package dev.assay.report;

import dev.assay.infrastructure.Figures;
import dev.assay.infrastructure.JsonValues;
import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A report's decision in words: every finding that failed or could not be decided, as a sentence
 * a reader understands without the methods appendix, failures of blocking rules first. The PDF's
 * executive summary and the portal's "why this decision" both say exactly this.
 */
public final class DecisionSummary {

    /**
     * One finding in words.
     *
     * @param outcome what the finding is: fail, warn or undefined
     * @param effect  what it does to the decision: fail (blocks), warn, or pass
     */
    public record Line(String rule, String severity, String outcome, String effect, String sentence) {
    }

    /** How many findings of a report passed, failed and could not be decided. */
    public record Tally(int passed, int failed, int undecided) {
    }

    private DecisionSummary() {
    }

    public static List<Line> lines(List<JsonObject> policies, List<JsonObject> findings) {
        Map<String, JsonObject> rules = new HashMap<>();
        for (JsonObject p : policies) {
            for (JsonObject r : p.getJsonArray("rules").getValuesAs(JsonObject.class)) {
                rules.put(p.getString("id") + "\u0000" + r.getString("id"), r);
            }
        }
        List<Line> lines = new ArrayList<>();
        for (JsonObject f : findings) {
            String outcome = f.getString("outcome", "undefined");
            if (outcome.equals("pass")) {
                continue;
            }
            JsonObject rule = rules.getOrDefault(f.getString("policy", "") + "\u0000" + f.getString("rule"), JsonValue.EMPTY_JSON_OBJECT);
            String metric = f.getString("metric", rule.getString("metric", "the metric"));
            String where = JsonValues.text(f.get("scope"), "the whole dataset") + (f.get("group") instanceof JsonString g ? " = " + g.getString() : "")
                    + (f.get("stratum") instanceof JsonString st ? " within " + st.getString() : "");
            String value = f.get("value") instanceof JsonNumber n ? number(n) : null;
            String sentence;
            if (outcome.equals("fail")) {
                sentence = metric + " for " + where + " is " + (value != null ? value
                        : f.get("undefined") instanceof JsonString why ? "not given (" + why.getString() + ")" : "undefined")
                        + (f.get("ci") instanceof JsonArray ci && ci.size() == 2 && ci.get(0) instanceof JsonNumber lo
                        && ci.get(1) instanceof JsonNumber hi ? " (95% interval " + number(lo) + " to " + number(hi) + ")" : "")
                        + "; the rule needs " + f.getString("comparator", "") + " " + (f.get("threshold") instanceof JsonNumber t ? number(t) : "?");
            } else {
                sentence = metric + " for " + where + " could not be decided"
                        + (f.get("undefined") instanceof JsonString why ? ": " + why.getString() : "")
                        + (value == null ? "" : " (measured " + value + ")");
            }
            lines.add(new Line(f.getString("rule"), rule.getString("severity", f.getString("severity", "")), outcome,
                    f.getString("effect", outcome.equals("fail") ? "fail" : "warn"), sentence));
        }
        lines.sort(Comparator.comparing((Line l) -> !l.outcome().equals("fail")).thenComparing(l -> !l.severity().equals("block")));
        return lines;
    }

    public static Tally tally(List<JsonObject> findings) {
        int passed = 0;
        int failed = 0;
        int undecided = 0;
        for (JsonObject f : findings) {
            switch (f.getString("outcome", "undefined")) {
                case "pass" -> passed++;
                case "fail" -> failed++;
                default -> undecided++;
            }
        }
        return new Tally(passed, failed, undecided);
    }

    /** As every number the portal and the PDF show ({@link Figures#number}). */
    private static String number(JsonNumber n) {
        return Figures.number(n.doubleValue());
    }

}
