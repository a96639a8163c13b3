package dev.assay.metric.quality;

import dev.assay.metric.MetricValue;
import dev.assay.stats.Proportions;

/**
 * {@code prediction_validity}: the share of rows whose prediction is in the label's domain (for a
 * regression: a finite number) and, when the card names a score column, whose score is in [0, 1]. A
 * null is not valid. The label's domain is the values the label takes in the dataset, with the
 * card's favorable outcome and positive predictions (a model may predict in other terms than its
 * label, as COMPAS's Low/Medium/High against 0/1). The note counts the two kinds of invalid rows.
 */
public final class PredictionValidity {

    public static final String ID = "prediction_validity";

    private PredictionValidity() {
    }

    public static MetricValue of(ValidityState state, double confidence) {
        ValidityState.PredictionCount p = state.predictions();
        if (p == null || p.undefined() != null) {
            return MetricValue.undefined(ID, null, null, state.rows(), p == null ? "not computed" : p.undefined(), null);
        }
        if (state.rows() == 0) {
            return MetricValue.undefined(ID, null, null, 0, "the dataset has no rows", null);
        }
        String note = (state.rows() - p.validPredictions()) + " row(s) with a prediction outside {" + p.domain() + "}"
                + (p.scored() ? ", " + (state.rows() - p.validScores()) + " with a score outside [0, 1]" : "");
        return MetricValue.defined(ID, null, null, (double) p.valid() / state.rows(),
                Proportions.wilson(p.valid(), state.rows(), confidence).orElseThrow(), state.rows(), null).withNote(note);
    }
}
