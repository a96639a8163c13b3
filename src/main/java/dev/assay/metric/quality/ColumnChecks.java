package dev.assay.metric.quality;

import dev.assay.metric.ColumnExpectation;
import dev.assay.metric.MetricValue;
import dev.assay.metric.quality.ValidityState.CheckCount;
import dev.assay.stats.Proportions;

import java.util.List;
import java.util.Optional;

/**
 * The declared-expectation metrics of a column, each a share of its non-null values (nulls are
 * completeness's business, as in Great Expectations), with a Wilson interval:
 * <ul>
 * <li>{@code type_validity}: values readable as the rule's {@code type} (Deequ's DataType, GX's
 * expect_column_values_to_be_of_type);</li>
 * <li>{@code allowed_values}: values in the rule's {@code allowedValues} (GX's expect_column_values_to_be_in_set);</li>
 * <li>{@code value_range}: values outside the rule's inclusive {@code range} (text that is no finite
 * number is outside; GX's expect_column_values_to_be_between, as the share that is not);</li>
 * <li>{@code pattern_match}: values in which the rule's {@code pattern} is found (Deequ's PatternMatch:
 * anchor it with ^ and $ for a whole-value match).</li>
 * </ul>
 * Undefined when the column has no non-null value.
 */
public final class ColumnChecks {

    public static final String TYPE_VALIDITY = "type_validity";
    public static final String ALLOWED_VALUES = "allowed_values";
    public static final String VALUE_RANGE = "value_range";
    public static final String PATTERN_MATCH = "pattern_match";

    public static final List<String> IDS = List.of(TYPE_VALIDITY, ALLOWED_VALUES, VALUE_RANGE, PATTERN_MATCH);

    private ColumnChecks() {
    }

    /** The rule parameter the metric reads that the expectation lacks, if any. */
    public static Optional<String> missingParameter(String id, ColumnExpectation e) {
        return Optional.ofNullable(switch (id) {
            case TYPE_VALIDITY -> e.type() == null ? "type" : null;
            case ALLOWED_VALUES -> e.allowedValues().isEmpty() ? "allowedValues" : null;
            case VALUE_RANGE -> e.hasRange() ? null : "range";
            case PATTERN_MATCH -> e.pattern() == null ? "pattern" : null;
            default -> null;
        });
    }

    public static MetricValue of(String id, String column, CheckCount count, double confidence) {
        if (count.nonNull() == 0) {
            return MetricValue.undefined(id, column, null, 0, "the column has no values", null);
        }
        return MetricValue.defined(id, column, null, (double) count.counted() / count.nonNull(),
                Proportions.wilson(count.counted(), count.nonNull(), confidence).orElseThrow(), count.nonNull(), null);
    }
}
