/**
 * Rates of the confusion matrix per group and overall (true positive rate, precision, accuracy, ...),
 * from {@link dev.assay.metric.GroupState} counts, with Wilson intervals. Names follow Fairlearn and
 * scikit-learn. Positive means the model card's {@code positiveLabel}, never the favorable outcome.
 */
package dev.assay.metric.performance;
