/**
 * Data-quality metrics (Deequ's names where they exist): rows, completeness, distinct values,
 * uniqueness, duplicate rows, value ranges, computed from {@link dev.assay.metric.ColumnState} and
 * {@link dev.assay.metric.DatasetState}.
 */
package dev.assay.metric.quality;
