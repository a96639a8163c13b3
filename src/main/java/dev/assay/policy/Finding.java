package dev.assay.policy;

import dev.assay.stats.Interval;

/**
 * The evaluated outcome of one rule for one group.
 *
 * @param outcome pass, fail or undefined (value missing, or group below the minimum size)
 * @param effect  what this finding does to the decision: PASS (nothing), WARN or FAIL
 * @param reason  why a finding is undefined; null otherwise
 */
public record Finding(
        String rule,
        String policy,
        String metric,
        String scope,
        String group,
        Double value,
        Interval ci,
        long n,
        Threshold threshold,
        Outcome outcome,
        Rule.Severity severity,
        Outcome effect,
        String reason,
        String reference) {
}
