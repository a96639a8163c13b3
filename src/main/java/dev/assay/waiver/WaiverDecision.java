package dev.assay.waiver;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** The one decision on a waiver: approved or rejected, by whom, why and when. Written once. */
@Entity
@Table(name = "waiver_decision")
public class WaiverDecision {

    /** What the second pair of eyes ruled. */
    public enum Ruling {
        APPROVED, REJECTED
    }

    @Id
    @Column(name = "waiver_id")
    private String waiverId;

    @Column(nullable = false)
    private String outcome;

    @Column(name = "decided_by", nullable = false)
    private String decidedBy;

    @Column(nullable = false)
    private String comment;

    @Column(name = "decided_at", nullable = false)
    private Instant decidedAt;

    protected WaiverDecision() {
    }

    public WaiverDecision(String waiverId, Ruling outcome, String decidedBy, String comment, Instant decidedAt) {
        this.waiverId = waiverId;
        this.outcome = outcome.name();
        this.decidedBy = decidedBy;
        this.comment = comment;
        this.decidedAt = decidedAt;
    }

    public String waiverId() {
        return waiverId;
    }

    public Ruling outcome() {
        return Ruling.valueOf(outcome);
    }

    public String decidedBy() {
        return decidedBy;
    }

    public String comment() {
        return comment;
    }

    public Instant decidedAt() {
        return decidedAt;
    }
}
