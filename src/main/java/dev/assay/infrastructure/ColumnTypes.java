package dev.assay.infrastructure;

import java.util.Locale;
import java.util.Set;

/** What DuckDB's column type names say about a column. */
public final class ColumnTypes {

    private static final Set<String> NUMERIC = Set.of("TINYINT", "SMALLINT", "INTEGER", "BIGINT", "HUGEINT",
            "UTINYINT", "USMALLINT", "UINTEGER", "UBIGINT", "UHUGEINT", "FLOAT", "DOUBLE", "REAL");

    private ColumnTypes() {
    }

    public static boolean isNumeric(String columnType) {
        if (columnType == null) {
            return false;
        }
        String type = columnType.toUpperCase(Locale.ROOT);
        return NUMERIC.contains(type) || type.startsWith("DECIMAL");
    }
}
