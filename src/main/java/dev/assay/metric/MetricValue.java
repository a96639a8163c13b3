package dev.assay.metric;

import dev.assay.stats.Interval;
import dev.assay.stats.SignificanceTests;

/**
 * One computed value of one metric for one group of one scope (or for the whole scope when
 * {@code group} is null). An undefined value has {@code value == null} and says why in
 * {@code undefined}; it is never reported as 0.
 *
 * @param n            the number of rows the value rests on
 * @param reference    the reference group a ratio or difference was taken against, if any
 * @param test         the significance test of a comparison, if any
 * @param adjustedP    the test's p-value after Benjamini-Hochberg across all comparisons of the audit
 * @param note         what a reader must know, e.g. which groups a disparity skipped as undefined
 * @param at           where on the score scale a value applies: a threshold ("score >= 0.3") or a
 *                     calibration bin ("score in [0.1, 0.2)"); null otherwise
 * @param comparison   how a change from the approved version was tested (paired or not, and why); null for
 *                     every other metric
 * @param stratum      the stratum of a rule's control columns a value was computed within, as the scope's groups
 *                     are named ({@code job_level} values joined with {@code *}, "(unknown)" for a missing one); null
 *                     when the value is not conditional on controls (Fairlearn's {@code control_features})
 * @param outcomeClass the class of a multiclass model a one-vs-rest value is about (reported as {@code class}); null
 *                     for every value that is not per class
 */
public record MetricValue(String metric, String scope, String group, Double value, Interval ci, long n,
                          String undefined, String reference, SignificanceTests.Result test, Double adjustedP, String note,
                          String at, Comparison comparison, String stratum, String outcomeClass) {

    /** A value that is neither conditional on controls nor about one class. */
    public MetricValue(String metric, String scope, String group, Double value, Interval ci, long n, String undefined,
                       String reference, SignificanceTests.Result test, Double adjustedP, String note, String at,
                       Comparison comparison) {
        this(metric, scope, group, value, ci, n, undefined, reference, test, adjustedP, note, at, comparison, null, null);
    }

    /** A value that compares no versions. */
    public MetricValue(String metric, String scope, String group, Double value, Interval ci, long n, String undefined,
                       String reference, SignificanceTests.Result test, Double adjustedP, String note, String at) {
        this(metric, scope, group, value, ci, n, undefined, reference, test, adjustedP, note, at, null);
    }

    /**
     * A value is never NaN or infinite: whatever formula produced one (0/0, a log of 0, a ratio to a
     * zero rate) did so because the value is undefined for this data, and it is reported as such with
     * the reason, never as a number that would abort the report's JSON or pass a threshold unseen.
     * An interval with a non-finite end is dropped for the same reason.
     */
    public MetricValue {
        if (value != null && !Double.isFinite(value)) {
            undefined = undefined != null ? undefined : "the computation gave " + value + " (not a finite number) for this data";
            value = null;
            ci = null;
        }
        if (ci != null && !(Double.isFinite(ci.lower()) && Double.isFinite(ci.upper()))) {
            ci = null;
        }
        if (adjustedP != null && !Double.isFinite(adjustedP)) {
            adjustedP = null;
        }
        // A test's statistic may be infinite (Fisher's odds ratio with an empty cell) and is reported as
        // null then; a p-value that is not a probability means there was no test.
        if (test != null && !Double.isFinite(test.pValue())) {
            test = null;
        }
    }

    public static MetricValue defined(String metric, String scope, String group, double value, Interval ci, long n,
                                      String reference) {
        return new MetricValue(metric, scope, group, value, ci, n, null, reference, null, null, null, null);
    }

    public static MetricValue undefined(String metric, String scope, String group, long n, String why, String reference) {
        return new MetricValue(metric, scope, group, null, null, n, why, reference, null, null, null, null);
    }

    public MetricValue withTest(SignificanceTests.Result result) {
        return new MetricValue(metric, scope, group, value, ci, n, undefined, reference, result, adjustedP, note, at, comparison,
                stratum, outcomeClass);
    }

    public MetricValue withAdjustedP(double adjusted) {
        return new MetricValue(metric, scope, group, value, ci, n, undefined, reference, test, adjusted, note, at, comparison,
                stratum, outcomeClass);
    }

    public MetricValue withNote(String text) {
        return new MetricValue(metric, scope, group, value, ci, n, undefined, reference, test, adjustedP, text, at, comparison,
                stratum, outcomeClass);
    }

    public MetricValue at(String where) {
        return new MetricValue(metric, scope, group, value, ci, n, undefined, reference, test, adjustedP, note, where, comparison,
                stratum, outcomeClass);
    }

    /** The same value with how its change was tested, and the test itself when there is one. */
    public MetricValue comparedBy(Comparison how, SignificanceTests.Result result) {
        return new MetricValue(metric, scope, group, value, ci, n, undefined, reference, result, adjustedP, note, at, how,
                stratum, outcomeClass);
    }

    /** The same value, computed within one stratum of the rule's control columns. */
    public MetricValue inStratum(String stratumId) {
        return new MetricValue(metric, scope, group, value, ci, n, undefined, reference, test, adjustedP, note, at, comparison,
                stratumId, outcomeClass);
    }

    /** The same value, about one class of a multiclass model (one-vs-rest). */
    public MetricValue forClass(String outcome) {
        return new MetricValue(metric, scope, group, value, ci, n, undefined, reference, test, adjustedP, note, at, comparison,
                stratum, outcome);
    }

    /** What tells this value apart from every other value of the same audit: metric, scope, group, where, stratum and class. */
    public String identity() {
        return metric + "|" + scope + "|" + group + "|" + at + "|" + stratum + "|" + outcomeClass;
    }

    public boolean isDefined() {
        return value != null;
    }
}
