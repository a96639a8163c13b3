/**
 * Drift of every column between the evaluation dataset and a baseline (Evidently's tests and names):
 * population stability index, Kolmogorov-Smirnov, chi-square, Jensen-Shannon and Wasserstein, the
 * per-column decision by Evidently's default test, and the share of drifted columns; scanned by
 * {@link dev.assay.metric.drift.DriftPlan}, registered by {@link dev.assay.metric.drift.DriftFamily}.
 */
package dev.assay.metric.drift;
