package dev.assay.dataset;

/** One column of a stored dataset: its name (as stored), DuckDB type and number of nulls. */
public record ColumnProfile(String name, String type, long nulls) {
}
