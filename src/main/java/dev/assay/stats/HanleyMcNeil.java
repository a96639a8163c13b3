package dev.assay.stats;

import org.apache.commons.math3.distribution.NormalDistribution;

import java.util.Optional;

/**
 * The standard error of a ROC AUC from the AUC and the class sizes alone (Hanley and McNeil 1982, "The
 * meaning and use of the area under a receiver operating characteristic (ROC) curve", Radiology 143:29-36,
 * equation 2), and the test of two AUCs measured on independent samples built on it (Hanley and McNeil 1983,
 * Radiology 148:839-843, with no correlation between the samples).
 */
public final class HanleyMcNeil {

    /** The independent-samples test's name as reports show it. */
    public static final String INDEPENDENT = "Hanley-McNeil test for two independent ROC AUCs";

    private static final NormalDistribution STANDARD_NORMAL = new NormalDistribution(null, 0, 1);

    private HanleyMcNeil() {
    }

    /**
     * SE(A) = sqrt((A(1 - A) + (P - 1)(Q1 - A^2) + (N - 1)(Q2 - A^2)) / (P N)), Q1 = A / (2 - A),
     * Q2 = 2 A^2 / (1 + A), for P positive and N negative rows (both at least 1).
     */
    public static double standardError(double auc, long positives, long negatives) {
        double p = positives;
        double q = negatives;
        double q1 = auc / (2 - auc);
        double q2 = 2 * auc * auc / (1 + auc);
        return Math.sqrt((auc * (1 - auc) + (p - 1) * (q1 - auc * auc) + (q - 1) * (q2 - auc * auc)) / (p * q));
    }

    /**
     * z = (A_1 - A_2) / sqrt(SE_1^2 + SE_2^2), two-sided against the standard normal. Undefined when a sample
     * lacks a class, or both standard errors are 0 (AUCs of 0 or 1 on both sides).
     */
    public static Optional<SignificanceTests.Result> independent(double auc1, long positives1, long negatives1,
                                                                 double auc2, long positives2, long negatives2) {
        if (positives1 < 1 || negatives1 < 1 || positives2 < 1 || negatives2 < 1) {
            return Optional.empty();
        }
        double se1 = standardError(auc1, positives1, negatives1);
        double se2 = standardError(auc2, positives2, negatives2);
        double se = Math.sqrt(se1 * se1 + se2 * se2);
        if (!(se > 0)) {
            return Optional.empty();
        }
        double z = (auc1 - auc2) / se;
        return Optional.of(new SignificanceTests.Result(INDEPENDENT, z, 2 * STANDARD_NORMAL.cumulativeProbability(-Math.abs(z))));
    }
}
