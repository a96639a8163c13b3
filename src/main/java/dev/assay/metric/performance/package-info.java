/**
 * Rates of the confusion matrix per group and overall (true positive rate, precision, accuracy, ...),
 * from the shared {@link dev.assay.metric.counts.GroupState} counts, with Wilson intervals; score and
 * regression metrics from the shared sums; the exact ROC AUC from its own scan
 * ({@link dev.assay.metric.performance.RankPlan}); changes from the approved version. Registered by
 * {@link dev.assay.metric.performance.PerformanceFamily}. Names follow Fairlearn and scikit-learn.
 * Positive means the model card's {@code positiveLabel}, never the favorable outcome.
 */
package dev.assay.metric.performance;
