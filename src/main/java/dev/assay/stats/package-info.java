/**
 * Interval estimates and tests on aggregated counts (Apache Commons Math for the distributions):
 * Wilson, Newcombe and Katz intervals ({@link dev.assay.stats.Proportions}); z, Fisher, chi-square and
 * two-sample Kolmogorov-Smirnov tests and Benjamini-Hochberg ({@link dev.assay.stats.SignificanceTests}); the tests
 * of a change on paired rows, McNemar's mid-p ({@link dev.assay.stats.McNemar}) and DeLong's for correlated AUCs
 * ({@link dev.assay.stats.DeLong}), and Hanley and McNeil's AUC standard error ({@link dev.assay.stats.HanleyMcNeil});
 * detectable effects ({@link dev.assay.stats.Power}). Each is checked against SciPy or statsmodels, or pROC and
 * published examples (src/test/resources/vectors/). Every function takes counts, never rows, and where a value can be
 * undefined says so (an empty Optional) rather than returning 0 or NaN.
 */
package dev.assay.stats;
