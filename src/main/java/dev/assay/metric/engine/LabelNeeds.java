package dev.assay.metric.engine;

import dev.assay.metric.MetricDefinition;
import dev.assay.metric.MetricDefinition.Source;
import dev.assay.metric.counts.CountsFamily;
import dev.assay.metric.documentation.DocumentationCompleteness;
import dev.assay.metric.fairness.GroupCount;
import dev.assay.metric.fairness.MeanScore;
import dev.assay.metric.fairness.MinimumDetectable;
import dev.assay.metric.fairness.ReferenceComparisons;
import dev.assay.metric.fairness.ScoringRate;
import dev.assay.metric.fairness.UnknownCount;
import dev.assay.metric.performance.RegressionMetrics;
import dev.assay.metric.privacy.SpecialCategories;

import java.util.Set;

/**
 * Which metrics read the label: those a production window may compute only when enough of its rows have
 * their (delayed) label. Among the metrics of the counts, scores, ranks and regression sums, every one reads
 * the label but those of the selections (selection rates and what compares them, also at a score threshold
 * and as LL144's scoring rates), counts, mean scores and predictions, and the dataset's documentation and
 * prohibited features. Quality, validity, drift and personal-data metrics read columns, not the label's
 * meaning, and never need it (a label column's own completeness or drift is still reported).
 */
public final class LabelNeeds {

    private static final Set<String> WITHOUT_LABEL = Set.of(GroupCount.ID, UnknownCount.ID, MeanScore.ID,
            ScoringRate.SCORING_RATE, ScoringRate.SCORING_IMPACT_RATIO, ReferenceComparisons.STATISTICAL_PARITY_DIFFERENCE,
            ReferenceComparisons.DISPARATE_IMPACT, "demographic_parity_difference", "demographic_parity_ratio",
            DocumentationCompleteness.ID, SpecialCategories.PROHIBITED_FEATURE, RegressionMetrics.MEAN_PREDICTION,
            RegressionMetrics.MEAN_PREDICTION_DIFFERENCE);

    private LabelNeeds() {
    }

    public static boolean needsLabels(MetricDefinition d) {
        if (d.id().startsWith(MinimumDetectable.PREFIX)) {
            // What a comparison could have missed reads what the comparison reads.
            return needsLabels(MetricCatalogue.get(d.id().substring(MinimumDetectable.PREFIX.length())));
        }
        if (d.reads(CountsFamily.SELECTIONS_ONLY) || WITHOUT_LABEL.contains(d.id()) || d.id().startsWith("selection_rate")) {
            return false;
        }
        return d.source() == Source.COUNTS || d.source() == Source.SCORES || d.source() == Source.RANKS
                || d.source() == Source.REGRESSION;
    }
}
