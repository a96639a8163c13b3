/**
 * Interval estimates and tests on aggregated counts (Apache Commons Math for the distributions), each
 * checked against SciPy or statsmodels (src/test/resources/vectors/).
 * Every function takes counts, never rows, and says "undefined" (an empty Optional) rather than
 * returning 0 or NaN.
 */
package dev.assay.stats;
