package dev.assay.metric.quality;

/**
 * What the data-quality metrics of one column need: rows, non-null values, distinct values, values
 * that occur exactly once, and for numeric columns the minimum and maximum (null otherwise).
 */
public record ColumnState(long rows, long nonNull, long distinct, long singletons, Double min, Double max) {
}
