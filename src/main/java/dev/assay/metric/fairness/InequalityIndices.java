package dev.assay.metric.fairness;

import dev.assay.metric.OutcomeColumns;
import dev.assay.metric.GroupKey;
import dev.assay.metric.counts.GroupState;
import dev.assay.metric.MetricValue;

import java.util.Map;

/**
 * AIF360's inequality indices of individual "benefits" b = [prediction favorable] - [label favorable] + 1
 * (Speicher et al. 2018; AIF360 ClassificationMetric.generalized_entropy_index, whose y_pred and y_true are
 * 1 where they equal favorable_label), computed from counts: b is 2 where the favorable outcome was
 * predicted but not observed, 0 where it was observed but not predicted, 1 otherwise, so three counts
 * describe the whole distribution. The benefit follows the card's favorable outcome, not its positive
 * class: where the favorable outcome is the negative class (no default, no re-offence) a false negative of
 * the positive class is the unearned benefit (see {@code OutcomeColumns.labelFavorableSql} for the label's side).
 * Rows count when both their label and prediction are known.
 * <ul>
 * <li>{@code generalized_entropy_index} (alpha != 0, 1): sum((b/mu)^alpha - 1) / (n alpha (alpha - 1));</li>
 * <li>{@code theil_index} (alpha = 1): sum((b/mu) ln(b/mu)) / n, with 0 ln 0 = 0;</li>
 * <li>{@code coefficient_of_variation}: sqrt(2 GEI(2));</li>
 * <li>{@code between_group_generalized_entropy_index}: the GEI with each b replaced by its group's mean.</li>
 * </ul>
 */
public final class InequalityIndices {

    public static final String GENERALIZED_ENTROPY_INDEX = "generalized_entropy_index";
    public static final String THEIL_INDEX = "theil_index";
    public static final String COEFFICIENT_OF_VARIATION = "coefficient_of_variation";
    public static final String BETWEEN_GROUP_GENERALIZED_ENTROPY_INDEX = "between_group_generalized_entropy_index";

    private InequalityIndices() {
    }

    /** Over every row with a label and a prediction. */
    public static MetricValue individual(String id, String scope, GroupState all, double alpha) {
        long n = all.labeled();
        long twos = all.unearnedFavorable();
        long zeros = all.deniedFavorable();
        long ones = n - twos - zeros;
        if (n == 0) {
            return MetricValue.undefined(id, scope, null, 0, "no rows with both a label and a prediction", null);
        }
        double mu = (ones + 2.0 * twos) / n;
        if (mu == 0) {
            return MetricValue.undefined(id, scope, null, n, "every benefit is 0 (the favorable outcome observed and never predicted)", null);
        }
        double a = id.equals(THEIL_INDEX) ? 1 : alpha;
        double[] values = {0, 1, 2};
        long[] counts = {zeros, ones, twos};
        Double gei = gei(values, counts, mu, n, a);
        if (gei == null) {
            return MetricValue.undefined(id, scope, null, n, "alpha = 0 is undefined when a benefit is 0", null);
        }
        double value = id.equals(COEFFICIENT_OF_VARIATION) ? Math.sqrt(2 * gei(values, counts, mu, n, 2)) : gei;
        return MetricValue.defined(id, scope, null, value, null, n, null);
    }

    /** Between the groups of a scope (rows of unknown category form a group of their own here). */
    public static MetricValue betweenGroups(String scope, Map<GroupKey, GroupState> groups, double alpha) {
        String id = BETWEEN_GROUP_GENERALIZED_ENTROPY_INDEX;
        long n = 0;
        double benefit = 0;
        for (GroupState g : groups.values()) {
            n += g.labeled();
            benefit += g.benefitSum();
        }
        if (n == 0 || benefit == 0) {
            return MetricValue.undefined(id, scope, null, n, "no benefit to compare", null);
        }
        double mu = benefit / n;
        double[] values = new double[groups.size()];
        long[] counts = new long[groups.size()];
        int i = 0;
        for (GroupState g : groups.values()) {
            counts[i] = g.labeled();
            values[i] = g.labeled() == 0 ? 0 : (double) g.benefitSum() / g.labeled();
            i++;
        }
        Double gei = gei(values, counts, mu, n, alpha);
        return gei == null ? MetricValue.undefined(id, scope, null, n, "alpha = 0 is undefined when a group's mean benefit is 0", null)
                : MetricValue.defined(id, scope, null, gei, null, n, null);
    }

    private static Double gei(double[] values, long[] counts, double mu, long n, double alpha) {
        double sum = 0;
        for (int i = 0; i < values.length; i++) {
            if (counts[i] == 0) {
                continue;
            }
            double r = values[i] / mu;
            if (alpha == 1) {
                sum += r == 0 ? 0 : counts[i] * r * Math.log(r);
            } else if (alpha == 0) {
                if (r == 0) {
                    return null;
                }
                sum += -counts[i] * Math.log(r);
            } else {
                sum += counts[i] * (Math.pow(r, alpha) - 1);
            }
        }
        if (alpha == 1 || alpha == 0) {
            return sum / n;
        }
        return sum / (n * alpha * (alpha - 1));
    }
}
