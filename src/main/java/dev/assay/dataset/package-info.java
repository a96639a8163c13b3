/**
 * Datasets: streaming upload (CSV, JSON Lines, Parquet) hashed as it arrives, structural checks, the
 * card's role columns checked against the file, conversion to Parquet with DuckDB (non-finite values made
 * missing once, here, and frequency weights checked), profiling, and the content-addressed dataset
 * store. A dataset is immutable and addressed by the SHA-256 of the uploaded bytes, so an audit can pin it.
 */
package dev.assay.dataset;
