package dev.assay.metric;

import dev.assay.infrastructure.Sql;
import jakarta.json.JsonNumber;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import java.math.BigDecimal;
import java.util.Locale;

/**
 * SQL that tests a column against a value from the model card (favorable outcome, positive label),
 * respecting the column's type: {@code 1} matches a numeric 1 or 1.0, {@code "yes"} a string,
 * {@code true} a boolean. When the types disagree, both sides are compared as text.
 */
public final class ValueMatch {

    private static final java.util.Map<String, Boolean> BOOLEAN_WORDS = java.util.Map.of(
            "true", true, "false", false, "yes", true, "no", false, "y", true, "n", false, "t", true, "f", false);

    private ValueMatch() {
    }

    public static boolean isNumeric(String columnType) {
        return dev.assay.infrastructure.ColumnTypes.isNumeric(columnType);
    }

    public static String equalsSql(String column, String columnType, JsonValue value) {
        String col = Sql.identifier(column);
        String type = columnType.toUpperCase(Locale.ROOT);
        boolean numericColumn = isNumeric(columnType);
        return switch (value.getValueType()) {
            case NUMBER -> {
                BigDecimal number = ((JsonNumber) value).bigDecimalValue();
                yield numericColumn ? col + " = " + number.toPlainString()
                        : "TRY_CAST(" + col + " AS DOUBLE) = " + number.toPlainString();
            }
            case TRUE, FALSE -> type.equals("BOOLEAN")
                    ? col + " = " + (value == JsonValue.TRUE)
                    : "lower(CAST(" + col + " AS VARCHAR)) = " + Sql.literal(String.valueOf(value == JsonValue.TRUE));
            case STRING -> {
                String text = ((JsonString) value).getString();
                if (type.equals("BOOLEAN") && BOOLEAN_WORDS.containsKey(text.toLowerCase(Locale.ROOT))) {
                    // DuckDB reads yes/no, true/false columns as BOOLEAN; the card may still say "yes".
                    yield col + " = " + BOOLEAN_WORDS.get(text.toLowerCase(Locale.ROOT));
                }
                yield type.equals("VARCHAR") ? col + " = " + Sql.literal(text)
                        : "CAST(" + col + " AS VARCHAR) = " + Sql.literal(text);
            }
            default -> throw new IllegalArgumentException("cannot compare a column with " + value);
        };
    }
}
