/**
 * Data-quality metrics (Deequ's names where they exist): rows, completeness, distinct values,
 * uniqueness, duplicate rows, value ranges, from {@link dev.assay.metric.quality.QualityPlan}'s
 * {@link dev.assay.metric.quality.ColumnState} and {@link dev.assay.metric.quality.DatasetState};
 * declared column checks, prediction validity and schema conformance from
 * {@link dev.assay.metric.quality.ValidityPlan}; label balance from the shared counts. Registered by
 * {@link dev.assay.metric.quality.QualityFamily}.
 */
package dev.assay.metric.quality;
