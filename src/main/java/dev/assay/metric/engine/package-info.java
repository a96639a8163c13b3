/**
 * The metric engine: needs -> scans -> states -> values ({@link dev.assay.metric.engine.MetricEngine}),
 * with the Benjamini-Hochberg control across an audit's comparisons; the catalogue that collects the
 * families' registration points ({@link dev.assay.metric.engine.MetricCatalogue}); and the engines the
 * scans run on, each a {@link dev.assay.metric.scan.ScanEngine}: embedded DuckDB
 * ({@link dev.assay.metric.engine.DuckDbEngine}) and a Spark cluster reached through Spark Connect
 * ({@link dev.assay.metric.engine.SparkEngine}, configured by {@link dev.assay.metric.engine.SparkRemote}). Rules, findings and decisions are not here (audit/).
 */
package dev.assay.metric.engine;
