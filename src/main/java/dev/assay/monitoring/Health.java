package dev.assay.monitoring;

import dev.assay.policy.Decision;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * What a deployment's latest windows say: {@code failing} when the latest decided window failed;
 * {@code degraded} when one of the latest {@value #RECENT} decided windows failed or warned; {@code healthy}
 * when they all passed; {@code unknown} before any window was decided. A window's decision is that of its
 * latest audit (late labels re-audit a window).
 */
public enum Health {
    HEALTHY, DEGRADED, FAILING, UNKNOWN;

    /** How many of the latest decided windows count. */
    public static final int RECENT = 3;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** @param decisions the windows' decisions, newest window first; null for a window not decided yet */
    public static Health of(List<Decision.Verdict> decisions) {
        List<Decision.Verdict> decided = decisions.stream().filter(Objects::nonNull).limit(RECENT).toList();
        if (decided.isEmpty()) {
            return UNKNOWN;
        }
        if (decided.get(0) == Decision.Verdict.FAIL) {
            return FAILING;
        }
        return decided.stream().allMatch(v -> v == Decision.Verdict.PASS) ? HEALTHY : DEGRADED;
    }
}
