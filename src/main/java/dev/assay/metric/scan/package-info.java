/**
 * What a metric family writes its scans against, and what an engine implements: a {@link
 * dev.assay.metric.scan.Table} names a dataset in SQL (the engine supplies it), a {@link
 * dev.assay.metric.scan.ScanEngine} runs a family's SQL text and streams its {@link
 * dev.assay.metric.scan.Row}s back. Families never see a connection or a file: the same scans run on
 * DuckDB today and on Spark SQL tomorrow, one new implementation and no change to any family.
 */
package dev.assay.metric.scan;
