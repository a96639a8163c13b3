package dev.assay.metric.fairness;

import dev.assay.metric.MetricParameters;
import dev.assay.metric.MetricValue;
import dev.assay.metric.Scope;
import dev.assay.metric.counts.Aggregates;
import dev.assay.stats.MantelHaenszel;

import java.util.List;

/**
 * {@code mantel_haenszel_odds_ratio}: each group's odds of the favorable outcome over the reference group's, combined
 * across the strata of the rule's control columns by the Mantel-Haenszel common odds ratio (Mantel and Haenszel 1959;
 * Agresti, <i>Categorical Data Analysis</i>, 2nd ed., §6.3.5): OR_MH = Σ_k a_k d_k / N_k ÷ Σ_k b_k c_k / N_k, a_k and
 * b_k the group's favorable and other predictions in stratum k, c_k and d_k the reference's. The interval is the
 * Robins-Breslow-Greenland (1986) one of ln OR_MH at the rule's confidence, the test the Cochran-Mantel-Haenszel test,
 * as R's {@code mantelhaen.test} (without its continuity correction) and statsmodels' {@code StratifiedTable} give them.
 *
 * <p>The reference, the strata that contribute, {@code n} and the note are those of
 * {@link MantelHaenszelImpactRatio}; undefined, with the reason, when no stratum has both groups or when the
 * denominator is 0 (in no shared stratum does the group have an unfavorable prediction while the reference has a
 * favorable one). 0 when the group has no favorable prediction in the shared strata (the ratio is then defined, its
 * logarithm and interval are not).
 */
public final class MantelHaenszelOddsRatio {

    public static final String ID = "mantel_haenszel_odds_ratio";

    private MantelHaenszelOddsRatio() {
    }

    public static List<MetricValue> all(Scope scope, Aggregates states, MetricParameters p) {
        return MantelHaenszelImpactRatio.compare(ID, scope, states, p, MantelHaenszel::oddsRatio,
                "no shared stratum has an unfavorable prediction of this group together with a favorable one of the reference");
    }
}
