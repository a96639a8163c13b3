/**
 * Group fairness metrics, computed from the shared {@link dev.assay.metric.counts.GroupState} counts (no
 * scan of their own); registered by {@link dev.assay.metric.fairness.FairnessFamily}. Names follow
 * Fairlearn and AIF360: {@code selection_rate} is Fairlearn's; {@code impact_ratio} is the
 * adverse-impact ratio of the EEOC Uniform Guidelines (29 CFR 1607.4(D)) and NYC Local Law 144,
 * which AIF360 calls {@code disparate_impact} when taken against a fixed reference group.
 */
package dev.assay.metric.fairness;
