package dev.assay.metric;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Settings a metric computation takes from the rule or audit that asks for it.
 *
 * @param reference         the group comparisons are taken against (AIF360's privileged group)
 * @param worstCase         Fairlearn's {@code agg}: equalized odds as the worst of TPR and FPR (true), or their mean
 * @param alpha             the generalized entropy index's alpha (AIF360's default is 2)
 * @param favorableKnown    whether the model card names a favorable outcome (a regression model has none:
 *                          its selection rates are undefined, not 0)
 * @param excludeBelowShare NYC LL144's optional exclusion: categories with less than this share of the
 *                          rows get no impact ratio and cannot be the reference (0 = off; LL144 allows 0.02)
 * @param strictMedian      NYC LL144's scoring rate counts scores strictly above the median (true) or at
 *                          or above it (false)
 * @param expectation       what a validity rule declares about a column's values (type, values, range, pattern)
 * @param driftTests        the drift test chosen per column (Evidently's per-column stattest); absent columns get
 *                          the default test
 * @param proxies           columns a rule names as proxies of protected attributes (prohibited among the features)
 * @param phoneRegions      regions whose national phone number formats the personal-data scan reads (ISO 3166-1
 *                          alpha-2; numbers written with + are read for every country): see
 *                          the privacy family's PhoneNumbers
 * @param pairedChanges     a change from the approved version is tested on pairs when both versions were evaluated
 *                          on the same rows (true, the default), or always as two independent samples (false: a
 *                          rule's {@code significance: {test: unpaired}})
 * @param topK              where a ranking metric cuts the shortlist (a rule's {@code k} or {@code share});
 *                          {@link TopK#NONE} for every other metric and for the whole ranking
 * @param controls          a rule's control columns (Fairlearn's {@code control_features}): a metric that reads
 *                          {@link MetricDefinition.Input#CONTROL_COLUMNS} is computed within each stratum of their values
 *                          (or, for a Mantel-Haenszel metric, combined across the strata); empty: not conditional
 * @param worstClass        a multiclass model's demographic parity, equal opportunity and equalized odds: the worst
 *                          class (true, the default) or the mean over classes (false: a rule's {@code classAggregation: mean})
 */
public record MetricParameters(double confidence, long minimumGroupSize, Reference reference, boolean worstCase,
                               double alpha, boolean favorableKnown, double excludeBelowShare, boolean strictMedian,
                               ColumnExpectation expectation, Map<String, String> driftTests,
                               List<String> proxies, List<String> phoneRegions, boolean pairedChanges, TopK topK,
                               List<String> controls, boolean worstClass) {

    /** The regions whose national phone formats are read when the audit names none: the United States. */
    public static final List<String> DEFAULT_PHONE_REGIONS = List.of("US");

    public static final MetricParameters DEFAULTS = new MetricParameters(0.95, 30, Reference.HIGHEST_RATE, true, 2.0, true,
            0.0, true, ColumnExpectation.NONE, Map.of(), List.of(),
            DEFAULT_PHONE_REGIONS, true, TopK.NONE, List.of(), true);

    public MetricParameters {
        driftTests = Collections.unmodifiableMap(new TreeMap<>(driftTests));
        proxies = List.copyOf(proxies);
        phoneRegions = List.copyOf(phoneRegions);
        topK = topK == null ? TopK.NONE : topK;
        controls = controls == null ? List.of() : List.copyOf(controls);
    }

    /** Every setting but how a multiclass model's disparities combine their classes: the worst class. */
    public MetricParameters(double confidence, long minimumGroupSize, Reference reference, boolean worstCase, double alpha,
                            boolean favorableKnown, double excludeBelowShare, boolean strictMedian, ColumnExpectation expectation,
                            Map<String, String> driftTests, List<String> proxies, List<String> phoneRegions, boolean pairedChanges,
                            TopK topK, List<String> controls) {
        this(confidence, minimumGroupSize, reference, worstCase, alpha, favorableKnown, excludeBelowShare, strictMedian, expectation,
                driftTests, proxies, phoneRegions, pairedChanges, topK, controls, true);
    }

    /** Every setting but control columns (none: not conditional). */
    public MetricParameters(double confidence, long minimumGroupSize, Reference reference, boolean worstCase, double alpha,
                            boolean favorableKnown, double excludeBelowShare, boolean strictMedian, ColumnExpectation expectation,
                            Map<String, String> driftTests, List<String> proxies, List<String> phoneRegions, boolean pairedChanges,
                            TopK topK, boolean worstClass) {
        this(confidence, minimumGroupSize, reference, worstCase, alpha, favorableKnown, excludeBelowShare, strictMedian, expectation,
                driftTests, proxies, phoneRegions, pairedChanges, topK, List.of(), worstClass);
    }

    /** Every setting but control columns and how a multiclass model's classes combine. */
    public MetricParameters(double confidence, long minimumGroupSize, Reference reference, boolean worstCase, double alpha,
                            boolean favorableKnown, double excludeBelowShare, boolean strictMedian, ColumnExpectation expectation,
                            Map<String, String> driftTests, List<String> proxies, List<String> phoneRegions, boolean pairedChanges,
                            TopK topK) {
        this(confidence, minimumGroupSize, reference, worstCase, alpha, favorableKnown, excludeBelowShare, strictMedian, expectation,
                driftTests, proxies, phoneRegions, pairedChanges, topK, List.of(), true);
    }

    /** Every setting but the ranking's cut (none: no ranking metric reads one). */
    public MetricParameters(double confidence, long minimumGroupSize, Reference reference, boolean worstCase, double alpha,
                            boolean favorableKnown, double excludeBelowShare, boolean strictMedian, ColumnExpectation expectation,
                            Map<String, String> driftTests, List<String> proxies, List<String> phoneRegions, boolean pairedChanges,
                            List<String> controls) {
        this(confidence, minimumGroupSize, reference, worstCase, alpha, favorableKnown, excludeBelowShare, strictMedian, expectation,
                driftTests, proxies, phoneRegions, pairedChanges, TopK.NONE, controls, true);
    }

    /** Every setting but the ranking's cut and control columns. */
    public MetricParameters(double confidence, long minimumGroupSize, Reference reference, boolean worstCase, double alpha,
                            boolean favorableKnown, double excludeBelowShare, boolean strictMedian, ColumnExpectation expectation,
                            Map<String, String> driftTests, List<String> proxies, List<String> phoneRegions, boolean pairedChanges) {
        this(confidence, minimumGroupSize, reference, worstCase, alpha, favorableKnown, excludeBelowShare, strictMedian, expectation,
                driftTests, proxies, phoneRegions, pairedChanges, TopK.NONE, List.of(), true);
    }

    public MetricParameters(double confidence, long minimumGroupSize, Reference reference, boolean worstCase, double alpha) {
        this(confidence, minimumGroupSize, reference, worstCase, alpha, true, 0.0, true, ColumnExpectation.NONE, Map.of(),
                List.of(), DEFAULT_PHONE_REGIONS, true);
    }

    /** Every setting but how changes are tested, which is paired where the rows pair. */
    public MetricParameters(double confidence, long minimumGroupSize, Reference reference, boolean worstCase, double alpha,
                            boolean favorableKnown, double excludeBelowShare, boolean strictMedian, ColumnExpectation expectation,
                            Map<String, String> driftTests, List<String> proxies, List<String> phoneRegions) {
        this(confidence, minimumGroupSize, reference, worstCase, alpha, favorableKnown, excludeBelowShare, strictMedian, expectation,
                driftTests, proxies, phoneRegions, true);
    }

    public MetricParameters withMinimumGroupSize(long size) {
        return new MetricParameters(confidence, size, reference, worstCase, alpha, favorableKnown, excludeBelowShare, strictMedian,
                expectation, driftTests, proxies, phoneRegions, pairedChanges, topK, controls, worstClass);
    }

    public MetricParameters withFavorableKnown(boolean known) {
        return new MetricParameters(confidence, minimumGroupSize, reference, worstCase, alpha, known, excludeBelowShare, strictMedian,
                expectation, driftTests, proxies, phoneRegions, pairedChanges, topK, controls, worstClass);
    }

    public MetricParameters withPhoneRegions(List<String> regions) {
        return new MetricParameters(confidence, minimumGroupSize, reference, worstCase, alpha, favorableKnown, excludeBelowShare,
                strictMedian, expectation, driftTests, proxies, regions, pairedChanges, topK, controls, worstClass);
    }

    /** The same settings, cutting a ranking at {@code cut}. */
    public MetricParameters withTopK(TopK cut) {
        return new MetricParameters(confidence, minimumGroupSize, reference, worstCase, alpha, favorableKnown, excludeBelowShare,
                strictMedian, expectation, driftTests, proxies, phoneRegions, pairedChanges, cut, controls, worstClass);
    }

    /** The same settings, conditional on {@code columns} (none: not conditional). */
    public MetricParameters withControls(List<String> columns) {
        return new MetricParameters(confidence, minimumGroupSize, reference, worstCase, alpha, favorableKnown, excludeBelowShare,
                strictMedian, expectation, driftTests, proxies, phoneRegions, pairedChanges, topK, columns, worstClass);
    }

    /** The same settings, with a multiclass model's disparities over the worst class (true) or the mean over classes. */
    public MetricParameters withWorstClass(boolean worst) {
        return new MetricParameters(confidence, minimumGroupSize, reference, worstCase, alpha, favorableKnown, excludeBelowShare,
                strictMedian, expectation, driftTests, proxies, phoneRegions, pairedChanges, topK, controls, worst);
    }
}
