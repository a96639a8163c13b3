package dev.assay.alert;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Where events go: an HTTP(S) URL, the event types it wants, and the shared secret deliveries are signed
 * with (kept to sign; never answered by the API).
 */
@Entity
@Table(name = "alert_receiver")
public class AlertReceiver {

    @Id
    private String name;

    @Column(nullable = false)
    private String url;

    @Column(nullable = false)
    private String events;

    @Column(nullable = false)
    private String secret;

    @Column(name = "updated_by", nullable = false)
    private String updatedBy;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    protected AlertReceiver() {
    }

    public AlertReceiver(String name, String url, Set<EventType> events, String secret, String updatedBy, Instant updatedAt) {
        this.name = name;
        update(url, events, secret, updatedBy, updatedAt);
    }

    void update(String url, Set<EventType> events, String secret, String updatedBy, Instant updatedAt) {
        this.url = url;
        this.events = events.stream().map(EventType::id).sorted().collect(Collectors.joining(","));
        this.secret = secret;
        this.updatedBy = updatedBy;
        this.updatedAt = updatedAt;
    }

    public String name() {
        return name;
    }

    public String url() {
        return url;
    }

    public Set<EventType> events() {
        Set<EventType> set = EnumSet.noneOf(EventType.class);
        Arrays.stream(events.split(",")).map(EventType::byId).forEach(t -> t.ifPresent(set::add));
        return set;
    }

    public boolean wants(EventType type) {
        return events().contains(type);
    }

    String secret() {
        return secret;
    }

    public String updatedBy() {
        return updatedBy;
    }

    public Instant updatedAt() {
        return updatedAt;
    }
}
