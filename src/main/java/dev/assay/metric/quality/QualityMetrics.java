package dev.assay.metric.quality;

import dev.assay.metric.MetricValue;
import dev.assay.stats.Proportions;

import java.util.List;

/**
 * <ul>
 * <li>{@code row_count}: rows of the dataset;</li>
 * <li>{@code duplicate_rows}: rows identical to an earlier row (rows - distinct rows);</li>
 * <li>{@code completeness}: non-null values / rows of a column (Deequ's Completeness), Wilson interval;</li>
 * <li>{@code distinct_count}: distinct non-null values of a column (Deequ's CountDistinct);</li>
 * <li>{@code uniqueness}: values occurring exactly once / non-null values (Deequ's Uniqueness since Deequ 1.1,
 * awslabs/deequ#180: its frequency analyzers count only the rows where the column is not null): 1 for a key,
 * whatever its nulls (completeness judges those); undefined when the column holds no value;</li>
 * <li>{@code minimum}, {@code maximum}: of a numeric column (undefined otherwise, or when all null).</li>
 * </ul>
 * Column values have the column name as scope and no group.
 */
public final class QualityMetrics {

    public static final String ROW_COUNT = "row_count";
    public static final String DUPLICATE_ROWS = "duplicate_rows";
    public static final String COMPLETENESS = "completeness";
    public static final String DISTINCT_COUNT = "distinct_count";
    public static final String UNIQUENESS = "uniqueness";
    public static final String MINIMUM = "minimum";
    public static final String MAXIMUM = "maximum";

    public static final List<String> COLUMN_IDS = List.of(COMPLETENESS, DISTINCT_COUNT, UNIQUENESS, MINIMUM, MAXIMUM);

    private QualityMetrics() {
    }

    public static MetricValue dataset(String id, DatasetState d) {
        return switch (id) {
            case ROW_COUNT -> MetricValue.defined(id, null, null, d.rows(), null, d.rows(), null);
            case DUPLICATE_ROWS -> MetricValue.defined(id, null, null, d.duplicateRows(), null, d.rows(), null);
            default -> throw new IllegalArgumentException(id);
        };
    }

    public static MetricValue column(String id, String column, ColumnState c, double confidence) {
        return switch (id) {
            case COMPLETENESS -> c.rows() == 0
                    ? MetricValue.undefined(id, column, null, 0, "the dataset has no rows", null)
                    : MetricValue.defined(id, column, null, (double) c.nonNull() / c.rows(),
                    Proportions.wilson(c.nonNull(), c.rows(), confidence).orElseThrow(), c.rows(), null);
            case DISTINCT_COUNT -> MetricValue.defined(id, column, null, c.distinct(), null, c.nonNull(), null);
            case UNIQUENESS -> c.rows() == 0
                    ? MetricValue.undefined(id, column, null, 0, "the dataset has no rows", null)
                    : c.nonNull() == 0 ? MetricValue.undefined(id, column, null, 0, "the column holds no value (all null)", null)
                    : MetricValue.defined(id, column, null, (double) c.singletons() / c.nonNull(), null, c.nonNull(), null);
            case MINIMUM, MAXIMUM -> {
                Double v = id.equals(MINIMUM) ? c.min() : c.max();
                yield v == null ? MetricValue.undefined(id, column, null, c.nonNull(),
                        "not a numeric column, or no values", null)
                        : MetricValue.defined(id, column, null, v, null, c.nonNull(), null);
            }
            default -> throw new IllegalArgumentException(id);
        };
    }
}
