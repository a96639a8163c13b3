package dev.assay.waiver;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** A waiver request, as made; never changed. Its decision is a {@link WaiverDecision}. */
@Entity
@Table(name = "waiver")
public class Waiver {

    @Id
    private String id;

    @Column(name = "model_version_id", nullable = false)
    private String modelVersionId;

    @Column(name = "rule_id", nullable = false)
    private String rule;

    @Column(nullable = false)
    private String justification;

    @Column(name = "expires_at", nullable = false)
    private Instant expiresAt;

    @Column(name = "requested_by", nullable = false)
    private String requestedBy;

    /** The person who asked (requestedBy adds the token they asked through): four eyes compares this. */
    @Column(nullable = false)
    private String requester;

    @Column(name = "requested_at", nullable = false)
    private Instant requestedAt;

    protected Waiver() {
    }

    public Waiver(String id, String modelVersionId, String rule, String justification, Instant expiresAt,
                  String requester, String requestedBy, Instant requestedAt) {
        this.requester = requester;
        this.id = id;
        this.modelVersionId = modelVersionId;
        this.rule = rule;
        this.justification = justification;
        this.expiresAt = expiresAt;
        this.requestedBy = requestedBy;
        this.requestedAt = requestedAt;
    }

    public String id() {
        return id;
    }

    public String modelVersionId() {
        return modelVersionId;
    }

    public String rule() {
        return rule;
    }

    public String justification() {
        return justification;
    }

    public Instant expiresAt() {
        return expiresAt;
    }

    /** The person who asked. */
    public String requester() {
        return requester;
    }

    /** Who asked, as records name them: the person, and the token when one was used. */
    public String requestedBy() {
        return requestedBy;
    }

    public Instant requestedAt() {
        return requestedAt;
    }
}
