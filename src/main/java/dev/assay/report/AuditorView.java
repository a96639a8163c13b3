package dev.assay.report;

import dev.assay.infrastructure.JsonValues;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What an auditor reads of one audit, built once from its signed report (and the waivers to apply) and
 * rendered by both the portal's version page and the PDF, so the two never say different things: the
 * decision as signed beside the gate with waivers ({@link DecisionView}), the regulators' tables of every
 * impact-ratio rule ({@link RateTable}), and each rule's own parameters in words.
 */
public record AuditorView(DecisionView decision, List<RateTable> rateTables) {

    public AuditorView {
        rateTables = List.copyOf(rateTables);
    }

    /**
     * The view of {@code report} with {@code waivers} applied to its decision: the version's waivers now for a
     * page, the report's own ({@link #reportWaivers}) for the document signed with it.
     */
    public static AuditorView of(ReportDocument report, List<DecisionView.Waiver> waivers) {
        return new AuditorView(DecisionView.of(report, waivers), RateTable.of(report));
    }

    /** The waivers the report records, with their status when the audit finished. */
    public static List<DecisionView.Waiver> reportWaivers(ReportDocument report) {
        return report.waivers().stream().map(DecisionView.Waiver::of).toList();
    }

    /** The tables of one rule, in scope order. */
    public List<RateTable> tablesOf(String policy, String rule) {
        return rateTables.stream().filter(t -> t.policy().equals(policy) && t.rule().equals(rule)).toList();
    }

    /**
     * A rule's own parameters in words, as the report pins them: "metric impact_ratio; passes when >= 0.8;
     * severity block; minimum group size 30; undefined results warn; exclude below share 0.02".
     */
    public static String ruleParameters(JsonObject rule) {
        List<String> parts = new ArrayList<>();
        parts.add("metric " + rule.getString("metric", "?"));
        parts.add("passes when " + rule.getString("comparator", "") + " " + number(rule.get("threshold"))
                + (rule.get("upper") instanceof JsonNumber upper ? " and <= " + number(upper) : ""));
        parts.add("severity " + rule.getString("severity", "?"));
        if (rule.get("minimumGroupSize") instanceof JsonNumber size) {
            parts.add("minimum group size " + size.longValue());
        }
        parts.add("undefined results " + rule.getString("undefined", "warn"));
        JsonValue significance = rule.get("significance") instanceof JsonObject o ? o.get("maxAdjustedP") : rule.get("significance");
        if (significance instanceof JsonNumber p) {
            parts.add("fails only when adjusted p <= " + number(p));
        }
        if (rule.get("parameters") instanceof JsonObject own) {
            own.forEach((k, v) -> parts.add(words(k) + " " + JsonValues.text(v, "-")));
        }
        return String.join("; ", parts);
    }

    /** "excludeBelowShare" as "exclude below share". */
    private static String words(String camel) {
        return camel.replaceAll("([a-z])([A-Z])", "$1 $2").toLowerCase(Locale.ROOT);
    }

    private static String number(JsonValue v) {
        return v instanceof JsonNumber n ? n.bigDecimalValue().stripTrailingZeros().toPlainString() : "?";
    }
}
