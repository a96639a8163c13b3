/**
 * Metrics as aggregation plans. {@link dev.assay.metric.AggregationPlan} compiles the scopes an audit
 * needs into one DuckDB scan (GROUPING SETS with FILTER clauses) that yields a mergeable
 * {@link dev.assay.metric.GroupState} per group; the metric families in the sub-packages compute
 * their values from those counts only, never from rows. Plain Java: no server needed.
 */
package dev.assay.metric;
