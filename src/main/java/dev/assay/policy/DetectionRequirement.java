package dev.assay.policy;

import dev.assay.metric.MetricValue;

import java.util.Locale;
import java.util.Optional;

/**
 * A rule's {@code minimumDetectable}: the audit must have been able to see an effect of this size, or its pass
 * means nothing. Exactly one bound: {@code impactRatio} for a comparison judged as a ratio (an audit that could only
 * detect ratios below 0.61 cannot vouch that the true ratio is above 0.9), {@code difference} for one judged as a
 * difference. The evidence is the comparison's {@code minimum_detectable_<metric>} value for the same group.
 *
 * @param impactRatio the ratio (in (0, 1)) the audit must have been able to detect, or null
 * @param difference  the shortfall (in (0, 1]) the audit must have been able to detect, or null
 */
public record DetectionRequirement(Double impactRatio, Double difference) {

    public DetectionRequirement {
        if ((impactRatio == null) == (difference == null)) {
            throw new IllegalArgumentException("exactly one of impactRatio and difference");
        }
    }

    /**
     * Why the audit could not see the required effect, given the group's minimum detectable effect (null when the
     * metric has none for the group); empty when it could.
     */
    public Optional<String> unmetBy(MetricValue detectable, String metric) {
        String required = impactRatio != null ? "an impact ratio of " + impactRatio : "a difference of " + difference;
        if (detectable == null) {
            return Optional.of("the rule requires that the audit could detect " + required + ", and no minimum detectable effect"
                    + " exists for " + metric);
        }
        if (!detectable.isDefined()) {
            return Optional.of("cannot detect " + required + " as the rule requires (minimumDetectable): " + detectable.undefined());
        }
        double seen = detectable.value();
        boolean met = impactRatio != null ? seen >= impactRatio : seen <= difference;
        if (met) {
            return Optional.empty();
        }
        return Optional.of(String.format(Locale.ROOT, "too small to detect %s as the rule requires (minimumDetectable): only %s"
                + " %.4f %s is detected with 80%% power (%s)", required, impactRatio != null ? "a ratio of" : "a difference of",
                seen, impactRatio != null ? "or lower" : "or more", detectable.note()));
    }
}
