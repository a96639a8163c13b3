/**
 * Interval estimates and tests on aggregated counts (Apache Commons Math for the distributions).
 * Every function takes counts, never rows, and says "undefined" (an empty Optional) rather than
 * returning 0 or NaN.
 */
package dev.assay.stats;
