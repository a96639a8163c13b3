package dev.assay.monitoring;

import dev.assay.policy.Decision;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * What a deployment's latest windows say: {@code failing} when the latest decided window failed, when
 * the degradation persists (the latest {@code failingAfter} decided windows all warned or failed;
 * {@code ASSAY_MONITORING_FAILING_AFTER}, default {@value #DEFAULT_FAILING_AFTER}), or when a monitored value is
 * in alarm (its CUSUM alarmed at one of the latest {@value #RECENT} windows: {@link SeriesAlarms}, a persistent
 * change found at a known false-alarm rate, which may sit under windows that each passed); {@code degraded} when one
 * of the latest {@value #RECENT} decided windows failed or warned, or when labels are too few: none of
 * them has the deployment's minimum label coverage (the newest window alone lacking labels is the feedback
 * loop's normal delay, not a degradation); {@code healthy} when they all passed with labels enough;
 * {@code unknown} before any window was decided. A window's decision is that of its latest audit (late
 * labels re-audit a window).
 */
public enum Health {
    HEALTHY, DEGRADED, FAILING, UNKNOWN;

    /** How many of the latest decided windows count. */
    public static final int RECENT = 3;

    /** Windows in a row that warn or fail before a degradation counts as failing. */
    public static final int DEFAULT_FAILING_AFTER = 3;

    /** The windows the rule reads, newest first: their decision (null: not decided yet) and label coverage. */
    public record Window(Decision.Verdict decision, double labelCoverage) {
    }

    /**
     * @param windows      the deployment's latest windows, newest first (at least {@code failingAfter} of them when there are)
     * @param minimumLabelCoverage the deployment's minimum
     * @param failingAfter decided windows in a row that warn or fail before the deployment is failing
     * @param inAlarm      whether a monitored value is in alarm ({@link SeriesAlarms})
     */
    public static Health of(List<Window> windows, double minimumLabelCoverage, int failingAfter, boolean inAlarm) {
        List<Window> decided = windows.stream().filter(w -> w.decision() != null).toList();
        if (decided.isEmpty()) {
            return UNKNOWN;
        }
        if (decided.get(0).decision() == Decision.Verdict.FAIL || inAlarm) {
            return FAILING;
        }
        if (failingAfter > 0 && decided.size() >= failingAfter
                && decided.subList(0, failingAfter).stream().allMatch(w -> w.decision() != Decision.Verdict.PASS)) {
            return FAILING;
        }
        List<Window> recent = decided.subList(0, Math.min(RECENT, decided.size()));
        boolean labelsTooFew = recent.stream().allMatch(w -> w.labelCoverage() < minimumLabelCoverage);
        return recent.stream().allMatch(w -> w.decision() == Decision.Verdict.PASS) && !labelsTooFew ? HEALTHY : DEGRADED;
    }

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

}
