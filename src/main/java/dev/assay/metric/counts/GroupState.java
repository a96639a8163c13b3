package dev.assay.metric.counts;

import dev.assay.metric.OutcomeColumns;
/**
 * The aggregated counts of one group, from which every rate is computed. Counts add, so states of
 * partitions merge into the state of the whole ({@link #merge}).
 *
 * @param rows      rows in the group
 * @param predicted rows with a prediction (not null)
 * @param favorable rows whose prediction is the favorable outcome
 * @param tp        label positive, prediction positive (both non-null)
 * @param fp        label negative, prediction positive
 * @param fn        label positive, prediction negative
 * @param tn        label negative, prediction negative
 * @param scored    rows with a score (not null)
 * @param scoreSum  the sum of those scores
 * @param unearnedFavorable rows with label and prediction whose prediction is the favorable outcome and whose
 *                  label is not (AIF360's benefit b = 2); see {@link OutcomeColumns#labelFavorableSql(dev.assay.metric.scan.SqlDialect)}
 * @param deniedFavorable rows with label and prediction whose label is the favorable outcome and whose
 *                  prediction is not (benefit b = 0); every other such row has b = 1
 * @param labels    rows with a label (with or without a prediction): the base rate's denominator
 * @param labelPositives rows whose label is the positive class (with or without a prediction)
 */
public record GroupState(long rows, long predicted, long favorable, long tp, long fp, long fn, long tn,
                         long scored, double scoreSum, long unearnedFavorable, long deniedFavorable,
                         long labels, long labelPositives) {

    public static final GroupState EMPTY = new GroupState(0, 0, 0, 0, 0, 0, 0);

    /** Every labeled row has a prediction: the label's counts are the confusion matrix's. */
    public GroupState(long rows, long predicted, long favorable, long tp, long fp, long fn, long tn,
                      long scored, double scoreSum, long unearnedFavorable, long deniedFavorable) {
        this(rows, predicted, favorable, tp, fp, fn, tn, scored, scoreSum, unearnedFavorable, deniedFavorable,
                tp + fp + fn + tn, tp + fn);
    }

    /** A group without scores, and every benefit 1 (no favorable prediction that differs from its label). */
    public GroupState(long rows, long predicted, long favorable, long tp, long fp, long fn, long tn) {
        this(rows, predicted, favorable, tp, fp, fn, tn, 0, 0.0, 0, 0);
    }

    public GroupState merge(GroupState o) {
        return new GroupState(rows + o.rows, predicted + o.predicted, favorable + o.favorable,
                tp + o.tp, fp + o.fp, fn + o.fn, tn + o.tn, scored + o.scored, scoreSum + o.scoreSum,
                unearnedFavorable + o.unearnedFavorable, deniedFavorable + o.deniedFavorable,
                labels + o.labels, labelPositives + o.labelPositives);
    }

    /** The sum of AIF360's benefits b = [prediction favorable] - [label favorable] + 1 over the labeled rows. */
    public long benefitSum() {
        return labeled() - deniedFavorable + unearnedFavorable;
    }

    /** Rows whose label is the positive class (among rows with label and prediction). */
    public long actualPositives() {
        return tp + fn;
    }

    /** Rows whose label is not the positive class, with or without a prediction. */
    public long labelNegatives() {
        return labels - labelPositives;
    }

    public long actualNegatives() {
        return fp + tn;
    }

    public long predictedPositives() {
        return tp + fp;
    }

    public long predictedNegatives() {
        return fn + tn;
    }

    /** Rows with both a label and a prediction: the confusion matrix total. */
    public long labeled() {
        return tp + fp + fn + tn;
    }
}
