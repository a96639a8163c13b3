package dev.assay.metric;

import jakarta.json.JsonValue;

import java.util.Map;
import java.util.Optional;

/**
 * What the counts are about: the prediction column and its favorable value (selection rates), and
 * the label column with the positive class (confusion rates). The two differ in real cases: in
 * COMPAS the positive class is "reoffended" while the favorable outcome is "low risk".
 *
 * @param columnTypes DuckDB type of every column of the dataset, by name
 */
public record Outcomes(
        String prediction,
        JsonValue favorableOutcome,
        Optional<String> label,
        Optional<JsonValue> positiveLabel,
        Map<String, String> columnTypes) {

    String favorableSql() {
        return ValueMatch.equalsSql(prediction, columnTypes.get(prediction), favorableOutcome);
    }

    boolean hasConfusion() {
        return label.isPresent() && positiveLabel.isPresent();
    }

    String predictedPositiveSql() {
        return ValueMatch.equalsSql(prediction, columnTypes.get(prediction), positiveLabel.orElseThrow());
    }

    String actualPositiveSql() {
        String l = label.orElseThrow();
        return ValueMatch.equalsSql(l, columnTypes.get(l), positiveLabel.orElseThrow());
    }
}
