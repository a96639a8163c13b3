/**
 * The shared counts: one scan ({@link dev.assay.metric.counts.AggregationPlan}) at the finest grain,
 * rolled up in Java into mergeable per-group states ({@link dev.assay.metric.counts.GroupState},
 * {@link dev.assay.metric.counts.ScoreState}, {@link dev.assay.metric.counts.RegressionState}) for
 * every scope ({@link dev.assay.metric.counts.Aggregates}); the per-group rates of those counts, each
 * defined once: the selection rate ({@link dev.assay.metric.counts.GroupRate#SELECTION}) and the
 * confusion rates ({@link dev.assay.metric.counts.ConfusionRates}); and the group order and reference
 * group of comparisons ({@link dev.assay.metric.counts.Groups}). Not a family: no metric of its own;
 * fairness, performance and quality read it, which is why it is apart from each of them. Its
 * registration point ({@link dev.assay.metric.counts.CountsFamily}) runs the scan.
 */
package dev.assay.metric.counts;
