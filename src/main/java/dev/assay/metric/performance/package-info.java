/**
 * Performance metrics, registered by {@link dev.assay.metric.performance.PerformanceFamily}: the rates of
 * the confusion matrix per group and overall (true positive rate, precision, accuracy, ...; defined in
 * {@link dev.assay.metric.counts.ConfusionRates} because fairness compares them too) and F1, with Wilson
 * intervals, from the shared counts; score and regression metrics from the shared sums; the exact ROC AUC
 * from its own scan ({@link dev.assay.metric.performance.RankPlan}); changes from the approved version, tested
 * as changes: the approved version's states from its pinned dataset ({@link dev.assay.metric.performance.ChangePlan}),
 * both datasets' rows paired by id in the engine ({@link dev.assay.metric.performance.PairedPlan}), McNemar's or
 * DeLong's test on the pairs, or the unpaired tests when the rows do not pair.
 * Names follow Fairlearn and scikit-learn. Positive means the model card's {@code positiveLabel}, never
 * the favorable outcome.
 */
package dev.assay.metric.performance;
