package dev.assay.policy;

import dev.assay.metric.MetricValue;
import dev.assay.stats.Interval;

/**
 * The evaluated outcome of one rule for one group.
 *
 * @param outcome pass, fail or undefined (value missing, or group below the minimum size)
 * @param effect  what this finding does to the decision: PASS (nothing), WARN or FAIL
 * @param reason  why a finding is undefined; null otherwise
 * @param note    what else a reader must know (a failure that was not statistically significant)
 * @param adjustedP the comparison's Benjamini-Hochberg adjusted p-value, when it was tested
 * @param minimumDetectable what the comparison could have missed: its {@code minimum_detectable_<metric>} value for
 *                  the same group (defined or not), or null when the metric has none
 * @param stratum   the stratum of the rule's control columns the judged value was computed within (as
 *                  {@link MetricValue#stratum()} names it); null when the value is not per stratum
 * @param outcomeClass the class of a multiclass model the judged value is about (one-vs-rest; reported as
 *                  {@code class}); null for a value without a class
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
        String reference,
        String note,
        Double adjustedP,
        MetricValue minimumDetectable,
        String stratum,
        String outcomeClass) {

    /** A finding about a value that is neither per stratum of control columns nor about one class. */
    public Finding(String rule, String policy, String metric, String scope, String group, Double value, Interval ci, long n,
                   Threshold threshold, Outcome outcome, Rule.Severity severity, Outcome effect, String reason, String reference,
                   String note, Double adjustedP, MetricValue minimumDetectable) {
        this(rule, policy, metric, scope, group, value, ci, n, threshold, outcome, severity, effect, reason, reference, note,
                adjustedP, minimumDetectable, null, null);
    }
}
