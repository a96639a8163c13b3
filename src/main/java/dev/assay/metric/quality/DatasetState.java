package dev.assay.metric.quality;

/**
 * Dataset-level counts of the data-quality scan, mergeable only as far as rows go (duplicates across
 * partitions need the rows themselves).
 *
 * @param rows          rows of the dataset
 * @param duplicateRows rows that repeat an earlier row exactly (rows - distinct rows)
 */
public record DatasetState(long rows, long duplicateRows) {
}
