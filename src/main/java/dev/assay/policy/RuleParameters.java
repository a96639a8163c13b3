package dev.assay.policy;

import dev.assay.metric.ColumnExpectation;
import dev.assay.metric.MetricParameters;
import dev.assay.metric.Reference;

import java.util.List;

/**
 * What a rule sets about how its metric is computed; anything it leaves null keeps the audit's
 * setting. The rule's minimum group size always applies.
 *
 * @param pairedChanges from {@code significance.test}: false for {@code unpaired}, true for {@code paired}
 * @param worstClass    from {@code parameters.classAggregation}: true for {@code worst}, false for {@code mean}
 */
public record RuleParameters(Reference reference, Double confidence, Double excludeBelowShare, Boolean strictMedian,
                             Boolean worstCase, Double alpha, ColumnExpectation expectation,
                             List<String> proxies, Boolean pairedChanges, Boolean worstClass) {

    public static final RuleParameters NONE = new RuleParameters(null, null, null, null, null, null, ColumnExpectation.NONE,
            List.of(), null, null);

    /** Without a multiclass model's class aggregation (the audit's: the worst class). */
    public RuleParameters(Reference reference, Double confidence, Double excludeBelowShare, Boolean strictMedian, Boolean worstCase,
                          Double alpha, ColumnExpectation expectation, List<String> proxies, Boolean pairedChanges) {
        this(reference, confidence, excludeBelowShare, strictMedian, worstCase, alpha, expectation, proxies, pairedChanges, null);
    }

    public MetricParameters applyTo(MetricParameters p, long minimumGroupSize) {
        return new MetricParameters(
                confidence == null ? p.confidence() : confidence,
                minimumGroupSize,
                reference == null ? p.reference() : reference,
                worstCase == null ? p.worstCase() : worstCase,
                alpha == null ? p.alpha() : alpha,
                p.favorableKnown(),
                excludeBelowShare == null ? p.excludeBelowShare() : excludeBelowShare,
                strictMedian == null ? p.strictMedian() : strictMedian,
                expectation,
                p.driftTests(),
                proxies,
                p.phoneRegions(),
                pairedChanges == null ? p.pairedChanges() : pairedChanges,
                worstClass == null ? p.worstClass() : worstClass);
    }
}
