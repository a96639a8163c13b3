package dev.assay.metric;

/**
 * Dataset-level counts: rows, rows that repeat an earlier row exactly, and the equivalence classes of
 * the model card's quasi-identifiers (re-identification risk).
 *
 * @param classes       equivalence classes (distinct quasi-identifier combinations); 0 without quasi-identifiers
 * @param smallestClass the size of the smallest class: k of k-anonymity
 * @param rowsBelowK    rows in classes smaller than the audit's k
 * @param uniqueRows    rows alone in their class
 */
public record DatasetState(long rows, long duplicateRows, long classes, long smallestClass, long rowsBelowK,
                           long uniqueRows, int k) {
}
