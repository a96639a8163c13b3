package dev.assay.dataset;

import dev.assay.infrastructure.Sql;
import dev.assay.infrastructure.ValueMatch;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Where the checks of a dataset's columns run ({@link RoleChecks}, {@link FrequencyWeights}) and, for a
 * dataset by reference, its profile ({@link ReferenceProfile}): on DuckDB over an upload as stored, or on the
 * engine a reference lives on. The checks are written once, in the engine's spelling, and bring back a few
 * rows (aggregates, or a LIMIT): never the dataset.
 *
 * @param sql       how the engine spells quoting, text casts, regular expressions and the finite test
 * @param relation  the dataset as it goes after FROM, its non-finite values already missing (as ingest stores
 *                  them: {@link MissingValues})
 * @param rowNumber an expression of each row's position in the file ({@code file_row_number}); empty where the
 *                  engine has none (a refusal then names the value, not its line)
 * @param query     runs the SQL on the engine
 */
public record DatasetScan(ValueMatch.Spelling sql, String relation, Optional<String> rowNumber, Query query) {

    /** Runs SQL and returns its rows, each value as text (null for NULL). Only for bounded results. */
    @FunctionalInterface
    public interface Query {
        List<List<String>> rows(String sql) throws SQLException;
    }

    /** A dataset where it lives, read by an engine without row numbers. */
    public static DatasetScan of(ValueMatch.Spelling sql, String relation, Query query) {
        return new DatasetScan(sql, relation, Optional.empty(), query);
    }

    /** An uploaded dataset as stored: DuckDB over its Parquet file, rows numbered as in the file. */
    static DatasetScan duckDb(Connection c, Path parquet) {
        return new DatasetScan(ValueMatch.DUCKDB, "read_parquet(" + Sql.literal(parquet.toString()) + ", file_row_number = true)",
                Optional.of("file_row_number"), duckDb(c));
    }

    /** DuckDB's rows of a query on {@code c}, each value as text. */
    static Query duckDb(Connection c) {
        return sql -> {
            List<List<String>> rows = new ArrayList<>();
            try (Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
                int n = r.getMetaData().getColumnCount();
                while (r.next()) {
                    List<String> row = new ArrayList<>(n);
                    for (int i = 1; i <= n; i++) {
                        row.add(r.getString(i));
                    }
                    rows.add(row);
                }
            }
            return rows;
        };
    }

    /** Runs {@code sql} and returns its rows, each value as text (null for NULL). */
    public List<List<String>> rows(String sql) throws SQLException {
        return query.rows(sql);
    }
}
