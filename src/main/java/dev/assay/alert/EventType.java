package dev.assay.alert;

import java.util.Arrays;
import java.util.Optional;

/** The events a receiver can subscribe to, by the names API.md gives them. */
public enum EventType {
    /** A monitoring window's audit decided FAIL. */
    WINDOW_FAILED("window.failed"),
    /**
     * A monitored value's CUSUM alarmed: a persistent change past its rule's threshold, at a stated false-alarm rate
     * (monitoring's SeriesAlarms); what a retraining pipeline acts on.
     */
    MONITORING_ALARM("monitoring.alarm"),
    /** A deployment's health changed (healthy, degraded, failing). */
    DEPLOYMENT_HEALTH("deployment.health"),
    /** A version's gate decision changed (an audit finished, a waiver was decided). */
    GATE_CHANGED("gate.changed"),
    /** An approved waiver expires soon; the gate returns to FAIL when it does. */
    WAIVER_EXPIRING("waiver.expiring"),
    /** The gate's audit of a version stops being valid soon (its policy's {@code validFor}); the gate fails when it does. */
    AUDIT_EXPIRING("audit.expiring");

    private final String id;

    EventType(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    /** Every event id, comma-separated, in declaration order: for messages that list them. */
    public static String known() {
        return String.join(", ", Arrays.stream(values()).map(EventType::id).toList());
    }

    public static Optional<EventType> byId(String id) {
        return Arrays.stream(values()).filter(t -> t.id.equals(id)).findFirst();
    }
}
