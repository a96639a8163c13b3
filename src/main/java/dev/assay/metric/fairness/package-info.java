/**
 * Group fairness metrics, computed from the shared counts ({@link dev.assay.metric.counts.GroupState},
 * and {@link dev.assay.metric.counts.ScoreState} for NYC LL144's scoring rates), and the ranking metrics of
 * shortlists, computed from the family's one scan of its own ({@link dev.assay.metric.fairness.RankingPlan}:
 * {@code selection_rate_at_k}, {@code impact_ratio_at_k}, {@code exposure}, {@code normalized_discounted_exposure},
 * {@code exposure_ratio}); registered by {@link dev.assay.metric.fairness.FairnessFamily}. Names follow Fairlearn
 * and AIF360: {@code selection_rate} is Fairlearn's, and every metric here that compares selection rates of
 * predictions reads the one definition, {@link dev.assay.metric.counts.GroupRate#SELECTION}; {@code impact_ratio}
 * is the adverse-impact ratio of the EEOC Uniform Guidelines (29 CFR 1607.4(D)) and NYC Local Law 144, which
 * AIF360 calls {@code disparate_impact} when taken against a fixed reference group, and its rules also judge a
 * shortlist's selections ({@link dev.assay.metric.fairness.Selections}). Exposure is Singh and Joachims's (2018).
 */
package dev.assay.metric.fairness;
