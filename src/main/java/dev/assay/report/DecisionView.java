package dev.assay.report;

import dev.assay.policy.Decision;
import jakarta.json.JsonObject;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * One coherent decision, as an auditor reads it: the audit's decision as signed beside the gate with the
 * waivers applied ({@link Decision#waived}, the gate's own rule), explained in one sentence; the failed and
 * undecided findings listed apart as blocking failures, waived failures (who approved them, until when),
 * warnings and undefined results. The portal's version page and the PDF's executive summary both render
 * this, so "why this decision" never says "fails" where the gate says WARN.
 *
 * @param signed    the audit's decision as its report was signed: PASS, WARN or FAIL
 * @param now       the gate with the waivers given: PASS, WARN or FAIL
 * @param sentence  why {@code now} is what it is, in one sentence
 * @param blocking  failures of blocking rules that no approved waiver covers
 * @param waived    failures of blocking rules an approved waiver turns into warnings
 * @param warnings  failures of warn-only rules
 * @param undefined results that could not be decided (each says whether it blocks)
 */
public record DecisionView(String signed, String now, String sentence, List<Item> blocking, List<Item> waived,
                           List<Item> warnings, List<Item> undefined) {

    /** A waiver as the decision needs it: the rule, its status (pending, approved, rejected, expired), who approved it, until when. */
    public record Waiver(String rule, String status, String approvedBy, Instant until) {

        /** A waiver as the signed report records it (status when the audit finished). */
        public static Waiver of(JsonObject w) {
            JsonObject decision = w.get("decision") instanceof JsonObject d ? d : null;
            return new Waiver(w.getString("rule"), w.getString("status"),
                    decision != null && "approved".equals(decision.getString("outcome", "")) ? decision.getString("by", null) : null,
                    w.get("expiresAt") == null ? null : Instant.parse(w.getString("expiresAt")));
        }

        boolean inForce() {
            return status.equals("approved");
        }
    }

    /**
     * One failed or undecided finding.
     *
     * @param blocks     whether it makes the gate FAIL now (a blocking failure, or an undefined result whose rule fails
     *                   undefined results, not waived)
     * @param approvedBy who approved the waiver covering it; null when none does
     * @param until      when that waiver expires
     */
    public record Item(String rule, String severity, String sentence, boolean blocks, String approvedBy, Instant until) {

        /** "approved by … until …", or empty when no waiver covers the finding. */
        public String waiverText() {
            return approvedBy == null ? "" : "waived: approved by " + approvedBy + " until " + DecisionView.time(until);
        }
    }

    public DecisionView {
        blocking = List.copyOf(blocking);
        waived = List.copyOf(waived);
        warnings = List.copyOf(warnings);
        undefined = List.copyOf(undefined);
    }

    /**
     * The decision of {@code report} with {@code waivers} applied: pass the waivers of the version now for the
     * gate now (the portal), or the report's own for the gate when the audit finished (the PDF).
     */
    public static DecisionView of(ReportDocument report, List<Waiver> waivers) {
        Map<String, Waiver> approved = new LinkedHashMap<>();
        waivers.stream().filter(Waiver::inForce).forEach(w -> approved.putIfAbsent(w.rule(), w));
        Decision now = Decision.waived(report.ruleEffects(), approved.keySet());
        List<Item> blocking = new ArrayList<>();
        List<Item> waived = new ArrayList<>();
        List<Item> warnings = new ArrayList<>();
        List<Item> undefined = new ArrayList<>();
        for (DecisionSummary.Line line : DecisionSummary.lines(report.policies(), SmallCells.suppress(report.findings()))) {
            Waiver w = line.effect().equals("fail") ? approved.get(line.rule()) : null;
            Item item = new Item(line.rule(), line.severity(), line.sentence(), line.effect().equals("fail") && w == null,
                    w == null ? null : w.approvedBy(), w == null ? null : w.until());
            if (line.outcome().equals("undefined")) {
                undefined.add(item);
            } else if (!line.effect().equals("fail")) {
                warnings.add(item);
            } else if (w != null) {
                waived.add(item);
            } else {
                blocking.add(item);
            }
        }
        String signed = report.decision().name();
        return new DecisionView(signed, now.verdict().name(), sentence(signed, now.verdict().name(), blocking, waived,
                warnings, undefined), blocking, waived, warnings, undefined);
    }

    /** Whether the gate differs from the signed decision (waivers moved it). */
    public boolean moved() {
        return !signed.equals(now);
    }

    private static String sentence(String signed, String now, List<Item> blocking, List<Item> waived, List<Item> warnings,
                                   List<Item> undefined) {
        Set<String> blockingRules = rules(blocking.stream().filter(Item::blocks).toList());
        undefined.stream().filter(Item::blocks).forEach(i -> blockingRules.add(i.rule()));
        Set<String> waivedRules = rules(waived);
        String review = count(warnings.size(), "warning") + " and " + count(undefined.size(), "undefined result");
        return switch (now) {
            case "PASS" -> "The gate is PASS, as the audit decided: every rule passed.";
            case "WARN" -> signed.equals("FAIL")
                    ? "The audit decided FAIL (as signed); the gate is WARN because approved waivers cover every blocking"
                    + " failure (" + waiverList(waived) + ")" + (warnings.isEmpty() && undefined.isEmpty() ? "." : "; " + review
                    + " also need a reviewer.")
                    : "The gate is WARN, as the audit decided: no blocking rule failed, but " + review + " need a reviewer.";
            default -> "The gate is FAIL" + (signed.equals("FAIL") ? ", as the audit decided: " : ": ")
                    + (blockingRules.size() == 1 ? "the blocking rule " : "the blocking rules ") + String.join(", ", blockingRules)
                    + (blockingRules.size() == 1 ? " fails" : " fail") + " and no approved waiver covers "
                    + (blockingRules.size() == 1 ? "it" : "them")
                    + (waivedRules.isEmpty() ? "" : " (waived: " + String.join(", ", waivedRules) + ")") + ".";
        };
    }

    private static String waiverList(List<Item> waived) {
        Map<String, Item> byRule = new LinkedHashMap<>();
        waived.forEach(i -> byRule.putIfAbsent(i.rule(), i));
        return String.join("; ", byRule.values().stream().map(i -> i.rule() + " " + i.waiverText().substring("waived: ".length()))
                .toList());
    }

    private static Set<String> rules(List<Item> items) {
        Set<String> rules = new LinkedHashSet<>();
        items.forEach(i -> rules.add(i.rule()));
        return rules;
    }

    private static String count(int n, String what) {
        return n + " " + what + (n == 1 ? "" : "s");
    }

    private static final DateTimeFormatter MINUTES = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    /** An instant to the minute, in UTC, as both renderers print waiver expiries. */
    static String time(Instant t) {
        return t == null ? "?" : MINUTES.format(t);
    }
}
