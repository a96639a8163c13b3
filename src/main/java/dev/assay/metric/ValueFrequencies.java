package dev.assay.metric;

/**
 * How a column's non-null values spread: how many distinct values, and how many of them occur
 * exactly once (Deequ's uniqueness counts these).
 */
public record ValueFrequencies(long distinct, long singletons) {
}
