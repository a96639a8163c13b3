package dev.assay.metric;

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
 */
public record GroupState(long rows, long predicted, long favorable, long tp, long fp, long fn, long tn) {

    public static final GroupState EMPTY = new GroupState(0, 0, 0, 0, 0, 0, 0);

    public GroupState merge(GroupState o) {
        return new GroupState(rows + o.rows, predicted + o.predicted, favorable + o.favorable,
                tp + o.tp, fp + o.fp, fn + o.fn, tn + o.tn);
    }

    /** Rows with both a label and a prediction: the confusion matrix total. */
    public long labeled() {
        return tp + fp + fn + tn;
    }
}
