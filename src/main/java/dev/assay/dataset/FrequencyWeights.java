package dev.assay.dataset;

import dev.assay.failure.FieldError;
import dev.assay.infrastructure.ColumnTypes;
import dev.assay.infrastructure.DuckDb;
import dev.assay.infrastructure.Sql;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
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

    /** The first problem with the weights, naming its line (CSV, JSON Lines) or row (Parquet); empty when all are usable. */
    static Optional<FieldError> firstProblem(DuckDb duckDb, Path parquet, String column, String type, DatasetFormat format)
            throws SQLException {
        if (!ColumnTypes.isNumeric(type)) {
            return Optional.of(FieldError.at("/columns/weight", "column '" + column + "' holds " + type
                    + " values; frequency weights must be whole numbers"));
        }
        String w = Sql.identifier(column);
        String sql = "SELECT file_row_number, CAST(" + w + " AS VARCHAR), " + w + " IS NULL, " + w + " < 0 FROM read_parquet("
                + Sql.literal(parquet.toString()) + ", file_row_number = true) WHERE " + w + " IS NULL OR " + w + " < 0 OR "
                + w + " <> floor(" + w + ") ORDER BY file_row_number LIMIT 1";
        try (Connection c = duckDb.open(); Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
            if (!r.next()) {
                return Optional.empty();
            }
            long row = r.getLong(1);
            String problem = r.getBoolean(3) ? "has no weight" : r.getBoolean(4) ? "has a negative weight (" + r.getString(2) + ")"
                    : "has weight " + r.getString(2) + ", not a whole number (Assay takes frequency weights)";
            String message = "column '" + column + "' (the card's columns.weight): this row " + problem;
            Long line = format.lineOf(row);
            return Optional.of(line != null ? FieldError.atLine(line, null, message)
                    : FieldError.at("/columns/weight", "row " + (row + 1) + ": " + message));
        }
    }
}
