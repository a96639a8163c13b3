package dev.assay.policy;

import dev.assay.metric.MetricValue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Judges a rule's metric values against its threshold, one finding per value. With {@code significance}, a
 * value beyond the threshold fails only if its comparison is also significant (adjusted p below the rule's
 * bound); a change from the approved version that could not be tested is then undefined, with the reason.
 */
public final class RuleEvaluator {

    private RuleEvaluator() {
    }

    public static List<Finding> evaluate(Policy policy, Rule rule, List<MetricValue> values) {
        return evaluate(policy, rule, values, List.of());
    }

    /**
     * @param detectable the rule metric's minimum detectable effects over the same scope (each group's, or the scope's),
     *                   shown with each finding; a pass the rule's {@code minimumDetectable} says the audit could not
     *                   have seen becomes undefined, with the reason (a failure was seen, and stays one)
     */
    public static List<Finding> evaluate(Policy policy, Rule rule, List<MetricValue> values, List<MetricValue> detectable) {
        Map<String, MetricValue> byGroup = new HashMap<>();
        detectable.forEach(d -> byGroup.put(d.scope() + "|" + d.group(), d));
        List<Finding> findings = new ArrayList<>();
        for (MetricValue v : values) {
            // A minimum detectable effect is of the comparison without a class; a value about one class has none.
            MetricValue md = v.outcomeClass() == null ? byGroup.get(v.scope() + "|" + v.group()) : null;
            Outcome outcome;
            String reason = null;
            // What the metric says a reader must know (skipped groups, missing fields, compared values) stays with the finding.
            String note = v.note();
            if (!v.isDefined()) {
                outcome = Outcome.UNDEFINED;
                reason = v.undefined();
            } else if (v.group() != null && v.n() < rule.minimumGroupSize()) {
                outcome = Outcome.UNDEFINED;
                reason = "insufficient data: " + v.n() + " rows, fewer than the minimum group size of "
                        + rule.minimumGroupSize();
            } else if (rule.threshold().passes(v.value())) {
                outcome = Outcome.PASS;
            } else if (rule.maxAdjustedP() != null && v.comparison() != null && v.test() == null) {
                // A change the rule asks to judge by its significance, and which could not be tested (too few
                // pairs, no variance): whether it is significant is unknown, which is not a pass nor a failure.
                outcome = Outcome.UNDEFINED;
                reason = "beyond the threshold, and the significance test the rule asks for is undefined: " + v.comparison().untested();
            } else if (rule.maxAdjustedP() != null && v.adjustedP() != null && v.adjustedP() >= rule.maxAdjustedP()) {
                outcome = Outcome.PASS;
                String significance = String.format(Locale.ROOT, "beyond the threshold but not statistically "
                        + "significant (adjusted p %.4g, the rule requires below %s)", v.adjustedP(), rule.maxAdjustedP());
                note = note == null ? significance : significance + "; " + note;
            } else {
                outcome = Outcome.FAIL;
            }
            // The reference against itself compares nothing: there is no effect it could have missed.
            boolean reference = v.group() != null && v.group().equals(v.reference());
            if (outcome == Outcome.PASS && rule.minimumDetectable() != null && !reference) {
                Optional<String> unmet = rule.minimumDetectable().unmetBy(md, v.metric());
                if (unmet.isPresent()) {
                    outcome = Outcome.UNDEFINED;
                    reason = unmet.get();
                }
            }
            Outcome effect = switch (outcome) {
                case PASS -> Outcome.PASS;
                case FAIL -> rule.severity() == Rule.Severity.BLOCK ? Outcome.FAIL : Outcome.WARN;
                case UNDEFINED -> rule.onUndefined() == Outcome.UNDEFINED ? Outcome.WARN : rule.onUndefined();
                case WARN -> Outcome.WARN;
            };
            findings.add(new Finding(rule.id(), policy.id(), v.metric(), v.scope(), v.group(), v.value(), v.ci(), v.n(),
                    rule.threshold(), outcome, rule.severity(), effect, reason, v.reference(), note, v.adjustedP(),
                    reference ? null : md, v.stratum(), v.outcomeClass()));
        }
        return findings;
    }
}
