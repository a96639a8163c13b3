package dev.assay.monitoring;

import dev.assay.metric.engine.LabelNeeds;
import dev.assay.metric.engine.MetricCatalogue;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Which metrics a window with too few labels leaves undefined: those that read the label, and only those. */
class LabelNeedsTest {

    @Test
    void metricsOfTheSelectionsAndTheColumnsNeedNoLabel() {
        for (String id : List.of("selection_rate", "impact_ratio", "count", "demographic_parity_difference",
                "selection_rate_difference", "statistical_parity_difference", "disparate_impact", "mean_score", "scoring_rate",
                "drift_share", "prediction_drift", "drift_detected", "completeness", "uniqueness", "duplicate_rows",
                "prediction_validity", "documentation_completeness", "k_anonymity")) {
            MetricCatalogue.find(id).ifPresent(d -> assertFalse(LabelNeeds.needsLabels(d), id));
        }
    }

    @Test
    void errorRatesPerformanceAndTheirDisparitiesNeedLabels() {
        for (String id : List.of("accuracy", "false_positive_rate", "true_positive_rate", "equalized_odds_difference",
                "equal_opportunity_difference", "false_positive_rate_difference", "roc_auc", "f1", "brier_score",
                "mean_absolute_error", "label_balance", "accuracy_change_from_approved", "base_rate")) {
            assertTrue(MetricCatalogue.find(id).isPresent(), id + " is in the catalogue");
            assertTrue(LabelNeeds.needsLabels(MetricCatalogue.get(id)), id);
        }
    }
}
