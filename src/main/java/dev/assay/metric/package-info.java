/**
 * The metric kernel every family and the engine share: scopes and groups ({@link dev.assay.metric.Scope},
 * {@link dev.assay.metric.GroupKey}), computed values ({@link dev.assay.metric.MetricValue}), parameters
 * ({@link dev.assay.metric.MetricParameters}), a metric's registration ({@link dev.assay.metric.MetricDefinition})
 * and what it needs ({@link dev.assay.metric.Need}), a family's registration point
 * ({@link dev.assay.metric.Family}), what an audit measures ({@link dev.assay.metric.AuditData}: the tables,
 * the card's outcome columns ({@link dev.assay.metric.OutcomeColumns}) and declared roles, the approved
 * values) and the states its scans produce ({@link dev.assay.metric.States}). It imports no family.
 *
 * <p>Vocabulary, one meaning each: a <em>Plan</em> ({@code AggregationPlan}, {@code RankPlan},
 * {@code DriftPlan}, {@code QualityPlan}, {@code ValidityPlan}, {@code AnonymityPlan}) is
 * one family's scan: built from what the audit's metrics need, it writes SQL over a
 * {@link dev.assay.metric.scan.Table}, runs it through a {@link dev.assay.metric.scan.ScanEngine} and
 * turns the few aggregated rows into the family's mergeable states (counts, sums, histograms), never
 * keeping rows. A <em>State</em> is such an aggregate; a metric is computed from states alone. The
 * personal-data scan ({@code PiiSampler}) is no Plan: the engine only draws a sample of each column, and
 * the recognizers count it in Java.
 *
 * <p>Layers inside metric/: this kernel and {@code scan} at the bottom; {@code counts} (the shared
 * per-group counts that fairness, performance and quality read) above them; the families (fairness,
 * performance, quality, privacy, drift, documentation), none importing another; {@code engine} on top,
 * collecting the families through their registration points.
 */
package dev.assay.metric;
