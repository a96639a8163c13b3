package dev.assay.infrastructure;

import java.util.Locale;
import java.util.Set;

/** What DuckDB's column type names say about a column. */
public final class ColumnTypes {

    private static final Set<String> NUMERIC = Set.of("TINYINT", "SMALLINT", "INTEGER", "BIGINT", "HUGEINT",
            "UTINYINT", "USMALLINT", "UINTEGER", "UBIGINT", "UHUGEINT", "FLOAT", "DOUBLE", "REAL");

    private static final Set<String> INTEGER = Set.of("TINYINT", "SMALLINT", "INTEGER", "BIGINT", "HUGEINT",
            "UTINYINT", "USMALLINT", "UINTEGER", "UBIGINT", "UHUGEINT");

    private ColumnTypes() {
    }

    public static boolean isInteger(String columnType) {
        return columnType != null && INTEGER.contains(columnType.toUpperCase(Locale.ROOT));
    }

    /** BOOLEAN, DATE, TIMESTAMP...: whether the column is stored as exactly this type. */
    public static boolean is(String columnType, String type) {
        return columnType != null && columnType.toUpperCase(Locale.ROOT).startsWith(type);
    }

    public static boolean isNumeric(String columnType) {
        if (columnType == null) {
            return false;
        }
        String type = columnType.toUpperCase(Locale.ROOT);
        return NUMERIC.contains(type) || type.startsWith("DECIMAL");
    }
}
