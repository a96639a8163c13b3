package dev.assay.metric;

import dev.assay.infrastructure.ValueMatch;
import dev.assay.metric.scan.SqlDialect;
import jakarta.json.JsonValue;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the counts are about: the prediction column and its favorable value (selection rates), and
 * the label column with the positive class (confusion rates). The two differ in real cases: in
 * COMPAS the positive class is "reoffended" while the favorable outcome is "low risk". The SQL
 * conditions are written in the dialect of the engine that will run them.
 *
 * @param positivePrediction the prediction values counted as positive in confusion rates
 * @param score       the score column, if the model has one (mean_score)
 * @param columnTypes DuckDB type of every column of the dataset, by name
 * @param weight      the frequency-weight column, if the card names one: every count becomes the sum
 *                    of the rows' weights, exactly as if each row were repeated that many times
 * @param classes     the classes of a multiclass model; empty for any other. With classes, the favorable outcome
 *                    and the positive class of the binary metrics are the favorable classes (a prediction in one of
 *                    them is favorable and positive, a label in one of them is positive and favorable), and there is
 *                    no {@code favorableOutcome}, {@code positiveLabel} or {@code positivePrediction}
 */
public record OutcomeColumns(
        String prediction,
        Optional<JsonValue> favorableOutcome,
        Optional<String> label,
        Optional<JsonValue> positiveLabel,
        List<JsonValue> positivePrediction,
        Optional<String> score,
        Map<String, String> columnTypes,
        Optional<String> weight,
        Optional<OutcomeClasses> classes) {

    /** Not multiclass. */
    public OutcomeColumns(String prediction, Optional<JsonValue> favorableOutcome, Optional<String> label,
                          Optional<JsonValue> positiveLabel, List<JsonValue> positivePrediction, Optional<String> score,
                          Map<String, String> columnTypes, Optional<String> weight) {
        this(prediction, favorableOutcome, label, positiveLabel, positivePrediction, score, columnTypes, weight, Optional.empty());
    }

    /** Unweighted: every row counts once. */
    public OutcomeColumns(String prediction, Optional<JsonValue> favorableOutcome, Optional<String> label,
                    Optional<JsonValue> positiveLabel, List<JsonValue> positivePrediction, Optional<String> score,
                    Map<String, String> columnTypes) {
        this(prediction, favorableOutcome, label, positiveLabel, positivePrediction, score, columnTypes, Optional.empty());
    }

    /** The same outcomes without the score column (an audit reads no column none of its metrics uses). */
    public OutcomeColumns withoutScore() {
        return new OutcomeColumns(prediction, favorableOutcome, label, positiveLabel, positivePrediction, Optional.empty(), columnTypes, weight,
                classes);
    }

    /** The same outcomes without the label: for a scan no metric reads a label's count from. */
    public OutcomeColumns withoutLabel() {
        return new OutcomeColumns(prediction, favorableOutcome, Optional.empty(), positiveLabel, positivePrediction, score, columnTypes, weight,
                classes);
    }

    /** The row's weight as SQL: the weight column as a whole number, or 1. */
    public String weightSql(SqlDialect sql) {
        return weight.map(w -> "CAST(" + sql.identifier(w) + " AS BIGINT)").orElse("1");
    }

    /** The total of {@code expression} over rows, each row counted by its weight. */
    public String total(String expression) {
        // coalesce: a sum over no value is SQL NULL, which JDBC's getDouble turns into 0 silently but
        // getDouble of a NULL double sum into NaN; an empty total is 0 in every state.
        return "coalesce(" + (weight.isPresent() ? "sum((" + expression + ") * w)" : "sum(" + expression + ")") + ", 0)";
    }

    /** The number of rows (weighted). */
    public String rows() {
        return weight.isPresent() ? "coalesce(sum(w), 0)" : "count(*)";
    }

    /** FALSE when the card names no favorable outcome (a regression model): selection rates are then undefined. */
    public String favorableSql(SqlDialect sql) {
        if (classes.isPresent()) {
            return classes.get().favorableSql(sql, prediction, columnTypes.get(prediction));
        }
        return favorableOutcome.map(v -> ValueMatch.equalsSql(sql, prediction, columnTypes.get(prediction), v)).orElse("FALSE");
    }

    /** Regression sums are computed when the label and prediction are both numeric. */
    public boolean numeric() {
        return label.isPresent() && ValueMatch.isNumeric(columnTypes.get(label.get()))
                && ValueMatch.isNumeric(columnTypes.get(prediction));
    }

    boolean hasConfusion() {
        return label.isPresent() && hasPositiveClass() && (!positivePrediction.isEmpty() || classes.isPresent());
    }

    /**
     * Whether labels have a positive class: the card's positiveLabel, or a multiclass card's favorable classes.
     * Without one, no confusion count is made (a multiclass card without favorable classes still has its classes' counts).
     */
    public boolean hasPositiveClass() {
        return positiveLabel.isPresent() || classes.map(OutcomeClasses::hasFavorable).orElse(false);
    }

    public String predictedPositiveSql(SqlDialect sql) {
        if (classes.isPresent()) {
            return classes.get().favorableSql(sql, prediction, columnTypes.get(prediction));
        }
        return String.join(" OR ", positivePrediction.stream()
                .map(v -> "(" + ValueMatch.equalsSql(sql, prediction, columnTypes.get(prediction), v) + ")").toList());
    }

    /**
     * Is the label the favorable outcome, for AIF360's benefit b = [prediction favorable] - [label favorable]
     * + 1 (Speicher et al. 2018), whose favorable_label is one value for labels and predictions alike. Where
     * the model predicts in the label's terms (positivePrediction is just the positive label, the default),
     * that is the label equal to the card's favorableOutcome, AIF360's definition; the favorable outcome may
     * be the negative class (no default, no re-offence). Where the card translates predictions into the
     * label's classes (positivePrediction lists other values, as COMPAS's score_text against two_year_recid),
     * the favorable outcome has the class its prediction value is translated to: the positive class when
     * favorableOutcome is among positivePrediction, the other class otherwise (COMPAS: "Low" is not among
     * [Medium, High], so a label 0, no re-offence, is favorable). FALSE without a favorable outcome.
     */
    /**
     * Whether the favorable outcome is the one positive prediction (and so, by {@link #labelFavorableSql(SqlDialect)},
     * the favorable label is the positive class): AIF360's benefit counts are then the false positives
     * (b = 2) and false negatives (b = 0).
     */
    public boolean favorableIsPositive() {
        if (classes.isPresent()) {
            return true;
        }
        return favorableOutcome.isPresent() && positivePrediction.equals(List.of(favorableOutcome.get()));
    }

    public String labelFavorableSql(SqlDialect sql) {
        if (classes.isPresent()) {
            return label.isEmpty() ? "FALSE" : classes.get().favorableSql(sql, label.get(), columnTypes.get(label.get()));
        }
        if (favorableOutcome.isEmpty() || label.isEmpty() || positiveLabel.isEmpty()) {
            return "FALSE";
        }
        if (positivePrediction.equals(List.of(positiveLabel.get()))) {
            String l = label.get();
            return ValueMatch.equalsSql(sql, l, columnTypes.get(l), favorableOutcome.get());
        }
        return positivePrediction.contains(favorableOutcome.get()) ? actualPositiveSql(sql) : "NOT (" + actualPositiveSql(sql) + ")";
    }

    public String actualPositiveSql(SqlDialect sql) {
        String l = label.orElseThrow();
        if (classes.isPresent()) {
            return classes.get().favorableSql(sql, l, columnTypes.get(l));
        }
        return ValueMatch.equalsSql(sql, l, columnTypes.get(l), positiveLabel.orElseThrow());
    }
}
