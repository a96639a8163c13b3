package dev.assay.waiver;

import java.time.Instant;
import java.util.Locale;

/** Where a waiver stands at a moment: derived from the request, its decision and the clock, never stored. */
public enum WaiverStatus {
    PENDING, APPROVED, REJECTED, EXPIRED;

    public static WaiverStatus of(Waiver waiver, WaiverDecision decision, Instant now) {
        if (decision != null && decision.outcome() == WaiverDecision.Ruling.REJECTED) {
            return REJECTED;
        }
        if (!now.isBefore(waiver.expiresAt())) {
            return EXPIRED;
        }
        return decision == null ? PENDING : APPROVED;
    }

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
