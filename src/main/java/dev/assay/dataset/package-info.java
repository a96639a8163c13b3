/**
 * Datasets: streaming upload, structural checks, conversion to Parquet with DuckDB, profiling, and
 * the content-addressed dataset store. A dataset is immutable and addressed by the SHA-256 of the
 * uploaded bytes.
 */
package dev.assay.dataset;
