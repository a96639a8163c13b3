package dev.assay.stats;

import java.util.Optional;

/**
 * What a comparison could have seen: the normal-approximation minimum detectable effect of a
 * two-sided two-proportion test, d = (z(1 - a/2) + z(power)) sqrt(p(1-p)(1/n1 + 1/n2)), with p the
 * reference group's rate. Expressed as a ratio to the reference, (p - d) / p: a group whose true
 * ratio is at or below it would have been detected with the given power.
 */
public final class Power {

    private Power() {
    }

    public static Optional<Double> detectableRatio(long groupSize, long referenceSize, double referenceRate,
                                                   double alpha, double power) {
        if (groupSize <= 0 || referenceSize <= 0 || referenceRate <= 0 || referenceRate >= 1) {
            return Optional.empty();
        }
        double zAlpha = Proportions.z(1 - alpha);
        double zPower = Proportions.z(2 * power - 1);
        double d = (zAlpha + zPower) * Math.sqrt(referenceRate * (1 - referenceRate) * (1.0 / groupSize + 1.0 / referenceSize));
        return Optional.of(Math.max(0, (referenceRate - d) / referenceRate));
    }
}
