package dev.assay.alert;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** One event on its way to one receiver: its attempts, its state, and when it is tried next. */
@Entity
@Table(name = "alert_delivery")
public class AlertDelivery {

    /** Retrying until the receiver answers 2xx; failed after the last allowed attempt. */
    public enum Status {
        RETRYING, DELIVERED, FAILED;

        public String id() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    @Id
    private String id;

    @Column(nullable = false)
    private String receiver;

    @Column(name = "event_id", nullable = false)
    private String eventId;

    @Column(name = "event_type", nullable = false)
    private String eventType;

    @Column(nullable = false, columnDefinition = "text")
    private String payload;

    @Column(nullable = false)
    private String status;

    @Column(nullable = false)
    private int attempts;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "last_attempt_at")
    private Instant lastAttemptAt;

    @Column(name = "next_attempt_at", nullable = false)
    private Instant nextAttemptAt;

    @Column(name = "last_error")
    private String lastError;

    protected AlertDelivery() {
    }

    public AlertDelivery(String id, String receiver, Event event, String payload, Instant createdAt) {
        this.id = id;
        this.receiver = receiver;
        this.eventId = event.id();
        this.eventType = event.type().id();
        this.payload = payload;
        this.status = Status.RETRYING.name();
        this.attempts = 0;
        this.createdAt = createdAt;
        this.nextAttemptAt = createdAt;
    }

    public String id() {
        return id;
    }

    public String receiver() {
        return receiver;
    }

    public String eventId() {
        return eventId;
    }

    public String eventType() {
        return eventType;
    }

    public String payload() {
        return payload;
    }

    public Status status() {
        return Status.valueOf(status);
    }

    public int attempts() {
        return attempts;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant lastAttemptAt() {
        return lastAttemptAt;
    }

    public Instant nextAttemptAt() {
        return nextAttemptAt;
    }

    public String lastError() {
        return lastError;
    }
}
