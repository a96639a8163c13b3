package dev.assay.policy;

import dev.assay.metric.ColumnExpectation;
import dev.assay.metric.MetricParameters;
import dev.assay.metric.Reference;
import dev.assay.metric.TopK;

import java.util.List;

/**
 * What a rule sets about how its metric is computed; anything it leaves null keeps the audit's
 * setting. The rule's minimum group size always applies.
 *
 * @param pairedChanges from {@code significance.test}: false for {@code unpaired}, true for {@code paired}
 * @param topK          where a ranking metric cuts the ranking: {@code parameters.k} or {@code parameters.share}; null
 *                      when the rule says neither
 * @param worstClass    from {@code parameters.classAggregation}: true for {@code worst}, false for {@code mean}; null when
 *                      the rule says neither (the audit's: the worst class)
 */
public record RuleParameters(Reference reference, Double confidence, Double excludeBelowShare, Boolean strictMedian,
                             Boolean worstCase, Double alpha, ColumnExpectation expectation,
                             List<String> proxies, Boolean pairedChanges, TopK topK, Boolean worstClass) {

    public static final RuleParameters NONE = new RuleParameters(null, null, null, null, null, null, ColumnExpectation.NONE,
            List.of(), null, null, null);

    /** Without a multiclass model's class aggregation (the audit's: the worst class). */
    public RuleParameters(Reference reference, Double confidence, Double excludeBelowShare, Boolean strictMedian, Boolean worstCase,
                          Double alpha, ColumnExpectation expectation, List<String> proxies, Boolean pairedChanges, TopK topK) {
        this(reference, confidence, excludeBelowShare, strictMedian, worstCase, alpha, expectation, proxies, pairedChanges, topK, null);
    }

    /** Parameters that cut no ranking. */
    public RuleParameters(Reference reference, Double confidence, Double excludeBelowShare, Boolean strictMedian, Boolean worstCase,
                          Double alpha, ColumnExpectation expectation, List<String> proxies, Boolean pairedChanges) {
        this(reference, confidence, excludeBelowShare, strictMedian, worstCase, alpha, expectation, proxies, pairedChanges, null, null);
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
                topK == null ? p.topK() : topK,
                worstClass == null ? p.worstClass() : worstClass);
    }
}
