/**
 * Group fairness metrics, computed from the shared counts ({@link dev.assay.metric.counts.GroupState},
 * and {@link dev.assay.metric.counts.ScoreState} for NYC LL144's scoring rates), with no scan of their
 * own; registered by {@link dev.assay.metric.fairness.FairnessFamily}. Names follow Fairlearn and AIF360:
 * {@code selection_rate} is Fairlearn's, and every metric here that compares selection rates reads the
 * one definition, {@link dev.assay.metric.counts.GroupRate#SELECTION}; {@code impact_ratio} is the
 * adverse-impact ratio of the EEOC Uniform Guidelines (29 CFR 1607.4(D)) and NYC Local Law 144, which
 * AIF360 calls {@code disparate_impact} when taken against a fixed reference group.
 */
package dev.assay.metric.fairness;
