/**
 * The metric engine: needs -> scans -> states -> values ({@link dev.assay.metric.engine.MetricEngine}),
 * with the Benjamini-Hochberg control across an audit's comparisons; the catalogue that collects the
 * families' registration points ({@link dev.assay.metric.engine.MetricCatalogue}); and the embedded
 * engine the scans run on ({@link dev.assay.metric.engine.DuckDbEngine}, a
 * {@link dev.assay.metric.scan.ScanEngine}). Rules, findings and decisions are not here (audit/).
 */
package dev.assay.metric.engine;
