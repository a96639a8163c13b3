/**
 * What a metric family writes its scans against, and what an engine implements: a {@link
 * dev.assay.metric.scan.Table} names a dataset in SQL (the engine supplies it), a {@link
 * dev.assay.metric.scan.ScanEngine} runs a family's SQL text and streams its {@link
 * dev.assay.metric.scan.Row}s back, and its {@link dev.assay.metric.scan.SqlDialect} spells the
 * constructs engines write differently (identifier and literal quoting, the text cast, partial and
 * full regular-expression matches, the finite and whole-number tests, integer division, exact
 * quantiles, the repeatable row sample); a family writes everything else as plain SQL, the same on
 * every engine. {@link dev.assay.metric.scan.DuckDbDialect} is DuckDB's spelling, the text the families
 * always wrote; {@link dev.assay.metric.scan.SparkDialect} Spark SQL 4's. Families never see a
 * connection, a file or a dialect's class: the same scans run on DuckDB and on Spark SQL, each one
 * ScanEngine with its SqlDialect, and no family knows which.
 */
package dev.assay.metric.scan;
