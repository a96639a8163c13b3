package dev.assay.metric.quality;

import dev.assay.metric.ColumnExpectation;
import java.util.List;
import java.util.Map;

/**
 * What the validity metrics need, counted in one scan: per declared column check the non-null values
 * and those the metric counts; per column the model card names, its type and non-null values; and the
 * rows whose prediction and score are valid.
 */
public record ValidityState(long rows, Map<ColumnCheck, CheckCount> checks, List<NamedColumn> named,
                            PredictionCount predictions) {

    public static final ValidityState NONE = new ValidityState(0, Map.of(), List.of(), null);

    public ValidityState {
        checks = Map.copyOf(checks);
        named = List.copyOf(named);
    }

    /** One validity metric on one column with what its rule declares. */
    public record ColumnCheck(String metric, String column, ColumnExpectation expectation) {
    }

    /**
     * @param counted the values the metric counts: valid for type_validity, allowed for allowed_values,
     *                matching for pattern_match, outside the range for value_range
     */
    public record CheckCount(long nonNull, long counted) {
    }

    /**
     * A column the model card names, by role.
     *
     * @param type         its DuckDB type; null when the dataset lacks it
     * @param needsNumbers whether its role needs numbers (the score; label and prediction of a regression)
     */
    public record NamedColumn(String name, String role, String type, boolean needsNumbers, long nonNull) {
    }

    /**
     * @param undefined why prediction validity cannot be judged (no label to give the domain), or null
     * @param domain    the prediction values counted as valid, as text, for the note
     */
    public record PredictionCount(long validPredictions, long validScores, long valid, boolean scored, String domain,
                                  String undefined) {
    }
}
