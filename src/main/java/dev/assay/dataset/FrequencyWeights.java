package dev.assay.dataset;

import dev.assay.failure.FieldError;
import dev.assay.infrastructure.ColumnTypes;

import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/**
 * The values of the column a model card names as {@code columns.weight}: frequency weights, each a
 * whole number of zero or more (the row stands for that many identical rows). Only such weights
 * keep every interval and test exactly what it is on the rows they stand for; fractional
 * (design or reweighing) weights would need a different variance, which Assay does not claim.
 */
final class FrequencyWeights {

    private FrequencyWeights() {
    }

    /**
     * The first problem with the weights, naming its line (CSV, JSON Lines) or row (Parquet), or, for a
     * reference ({@code format} null, no row numbers), the value; empty when all are usable.
     */
    static Optional<FieldError> firstProblem(DatasetScan data, String column, String type, DatasetFormat format)
            throws SQLException {
        if (!ColumnTypes.isNumeric(type)) {
            return Optional.of(FieldError.at("/columns/weight", "column '" + column + "' holds " + type
                    + " values; frequency weights must be whole numbers"));
        }
        String w = data.sql().identifier(column);
        Optional<String> rowNumber = data.rowNumber();
        List<List<String>> first = data.rows("SELECT " + rowNumber.orElse("NULL") + ", " + data.sql().text(w) + ", " + w
                + " IS NULL, " + w + " < 0 FROM " + data.relation() + " WHERE " + w + " IS NULL OR " + w + " < 0 OR "
                + w + " <> floor(" + w + ")" + rowNumber.map(r -> " ORDER BY " + r).orElse("") + " LIMIT 1");
        if (first.isEmpty()) {
            return Optional.empty();
        }
        List<String> r = first.get(0);
        String problem = Boolean.parseBoolean(r.get(2)) ? "has no weight" : Boolean.parseBoolean(r.get(3))
                ? "has a negative weight (" + r.get(1) + ")"
                : "has weight " + r.get(1) + ", not a whole number (Assay takes frequency weights)";
        if (r.get(0) == null) {
            return Optional.of(FieldError.at("/columns/weight", "column '" + column + "' (the card's columns.weight): a row " + problem));
        }
        long row = Long.parseLong(r.get(0));
        String message = "column '" + column + "' (the card's columns.weight): this row " + problem;
        Long line = format == null ? null : format.lineOf(row);
        return Optional.of(line != null ? FieldError.atLine(line, null, message)
                : FieldError.at("/columns/weight", "row " + (row + 1) + ": " + message));
    }
}
