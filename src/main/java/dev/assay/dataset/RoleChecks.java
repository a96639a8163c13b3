package dev.assay.dataset;

import dev.assay.failure.FieldError;
import dev.assay.infrastructure.ColumnTypes;
import dev.assay.infrastructure.ValueMatch;
import dev.assay.registry.ModelCard;
import jakarta.json.JsonValue;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the model card says of a stored dataset's columns, checked when it arrives, so that an audit
 * never finds out later (and then ends in ERROR for every policy, even one that needs no such column):
 *
 * <ul>
 *   <li>A column whose role needs numbers (the score; the label and prediction of a regression model)
 *       holds numbers: a column with any other value is refused, naming the card field, the column
 *       and the first line that is not a number. (Decimal commas of a {@code ;}-delimited file are
 *       numbers already: {@link ParquetIngest#sniffDecimalSeparator}. Weights: {@link FrequencyWeights}.)</li>
 *   <li>Each value the card compares a column with ({@code positiveLabel} with the label,
 *       {@code favorableOutcome} and each {@code positivePrediction} with the prediction) matches at
 *       least one row, by meaning ({@link ValueMatch}): {@code positiveLabel: true} over 0/1 labels
 *       matches the 1s. A value that matches no row is refused with the values the column holds,
 *       never counted as a selection rate of 0. A column with no value at all (labels not yet known)
 *       has nothing to match and passes.</li>
 * </ul>
 *
 * Every problem is reported at once.
 */
final class RoleChecks {

    /** How many of a column's values a refusal lists. */
    static final int VALUES_SHOWN = 20;

    private RoleChecks() {
    }

    /**
     * @param data      where the checks run: DuckDB over an upload as stored, or the engine a reference lives on
     * @param positions each column's position in the file (for the column of a CSV line); absent for a reference
     * @param format    the upload's format, to name lines; null for a reference (rows are named by their value)
     */
    static List<FieldError> problems(DatasetScan data, ModelCard card, Map<String, String> types,
                                     Map<String, Integer> positions, DatasetFormat format) throws SQLException {
        List<FieldError> errors = new ArrayList<>();
        Map<String, String> numeric = new LinkedHashMap<>();
        card.columns().score().ifPresent(s -> numeric.put("/columns/score", s));
        if (card.task() == ModelCard.Task.REGRESSION) {
            card.columns().label().ifPresent(l -> numeric.put("/columns/label", l));
            numeric.put("/columns/prediction", card.columns().prediction());
        }
        for (Map.Entry<String, String> role : numeric.entrySet()) {
            notNumbers(data, role.getKey(), role.getValue(), types.get(role.getValue()),
                    positions.get(role.getValue()), format).ifPresent(errors::add);
        }
        if (card.task() != ModelCard.Task.REGRESSION) {
            List<CardValue> values = new ArrayList<>();
            card.columns().label().ifPresent(label -> card.positiveLabel().ifPresent(v ->
                    values.add(new CardValue("/positiveLabel", label, v))));
            String prediction = card.columns().prediction();
            card.favorableOutcome().ifPresent(v -> values.add(new CardValue("/favorableOutcome", prediction, v)));
            List<JsonValue> positive = card.positivePrediction();
            // Without positivePrediction the card's positiveLabel is the positive prediction too: name that field.
            boolean stated = card.document().containsKey("positivePrediction");
            for (int i = 0; i < positive.size(); i++) {
                values.add(new CardValue(stated ? "/positivePrediction/" + i : "/positiveLabel", prediction, positive.get(i)));
            }
            unmatched(data, values, types, errors);
        }
        return errors;
    }

    private static Optional<FieldError> notNumbers(DatasetScan data, String field, String column, String type,
                                                   Integer position, DatasetFormat format) throws SQLException {
        if (ColumnTypes.isNumeric(type)) {
            return Optional.empty();
        }
        ValueMatch.Spelling sql = data.sql();
        String col = sql.identifier(column);
        String text = sql.text(col);
        Optional<String> rowNumber = data.rowNumber();
        List<List<String>> first = data.rows("SELECT " + rowNumber.orElse("NULL") + ", " + text + " FROM " + data.relation()
                + " WHERE " + col + " IS NOT NULL AND TRY_CAST(trim(" + text + ") AS DOUBLE) IS NULL"
                + rowNumber.map(r -> " ORDER BY " + r).orElse("") + " LIMIT 1");
        String role = field.substring(1).replace('/', '.');
        if (first.isEmpty()) {
            // Every value is a number written as text (JSON strings): still refused, the type is the file's claim.
            return Optional.of(new FieldError(field, null, null, "column '" + column + "' (the card's "
                    + role + ") must hold numbers; the file types it " + type));
        }
        String value = first.get(0).get(1);
        if (first.get(0).get(0) == null) {
            return Optional.of(new FieldError(field, null, null, "column '" + column + "' (the card's " + role
                    + ") must hold numbers; it holds " + sql.literal(abbreviate(value)) + " (typed " + type + ")"));
        }
        long row = Long.parseLong(first.get(0).get(0));
        Long line = format == null ? null : format.lineOf(row);
        String where = line != null ? "line " + line : "row " + (row + 1);
        return Optional.of(new FieldError(field, line, line != null && position != null ? (long) position + 1 : null,
                "column '" + column + "' (the card's " + role + ") must hold numbers; " + where
                        + " holds " + sql.literal(abbreviate(value))));
    }

    /** A value the card compares a column with, and the card field it comes from. */
    private record CardValue(String field, String column, JsonValue value) {
    }

    /** All card values against their columns in one scan; a column's values are listed only for a refusal. */
    private static void unmatched(DatasetScan data, List<CardValue> values, Map<String, String> types,
                                  List<FieldError> errors) throws SQLException {
        if (values.isEmpty()) {
            return;
        }
        ValueMatch.Spelling sql = data.sql();
        List<String> counts = new ArrayList<>();
        for (CardValue v : values) {
            counts.add("count(" + sql.identifier(v.column()) + ")");
            counts.add("count(*) FILTER (WHERE " + ValueMatch.equalsSql(sql, v.column(), types.get(v.column()), v.value()) + ")");
        }
        List<CardValue> refused = new ArrayList<>();
        List<String> r = data.rows("SELECT " + String.join(", ", counts) + " FROM " + data.relation()).get(0);
        for (int i = 0; i < values.size(); i++) {
            // A column with no value at all (labels not known yet) has nothing to match.
            if (Long.parseLong(r.get(2 * i)) > 0 && Long.parseLong(r.get(2 * i + 1)) == 0) {
                refused.add(values.get(i));
            }
        }
        for (CardValue v : refused) {
            String col = sql.identifier(v.column());
            List<String> seen = new ArrayList<>();
            for (List<String> row : data.rows("SELECT DISTINCT " + sql.text(col) + " AS v FROM " + data.relation()
                    + " WHERE " + col + " IS NOT NULL ORDER BY v LIMIT " + (VALUES_SHOWN + 1))) {
                seen.add(abbreviate(row.get(0)));
            }
            String listed = String.join(", ", seen.subList(0, Math.min(seen.size(), VALUES_SHOWN)))
                    + (seen.size() > VALUES_SHOWN ? ", ..." : "");
            errors.add(FieldError.at(v.field(), "the card's " + v.field().substring(1).replace('/', '.') + " (" + v.value()
                    + ") matches no row of column '" + v.column() + "' (" + types.get(v.column()) + "); its values: " + listed));
        }
    }

    private static String abbreviate(String value) {
        return value.length() <= 60 ? value : value.substring(0, 57) + "...";
    }
}
