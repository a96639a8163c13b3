package dev.assay.metric;

import jakarta.json.JsonValue;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What a rule declares the values of a column must be, for the validity metrics: a type
 * ({@code type_validity}), a set of values ({@code allowed_values}), an inclusive range
 * ({@code value_range}; either bound may be open) or a regular expression ({@code pattern_match}).
 * Fields a rule does not declare are null (or empty).
 */
public record ColumnExpectation(DeclaredType type, List<JsonValue> allowedValues, Double minimum, Double maximum,
                                String pattern) {

    public static final ColumnExpectation NONE = new ColumnExpectation(null, List.of(), null, null, null);

    public ColumnExpectation {
        allowedValues = List.copyOf(allowedValues);
    }

    public boolean hasRange() {
        return minimum != null || maximum != null;
    }

    /** The types a column can be declared as; a value is valid when DuckDB can read it as one. */
    public enum DeclaredType {
        BOOLEAN, INTEGER, NUMBER, DATE, TIMESTAMP, STRING;

        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Optional<DeclaredType> byId(String id) {
            for (DeclaredType t : values()) {
                if (t.id().equals(id)) {
                    return Optional.of(t);
                }
            }
            return Optional.empty();
        }
    }
}
