package dev.assay.ledger;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** One entry of the chain. Written once, never changed. */
@Entity
@Table(name = "ledger_entry")
public class LedgerEntry {

    @Id
    private long seq;

    @Column(nullable = false)
    private String kind;

    @Column(nullable = false)
    private String subject;

    @Column(nullable = false)
    private String actor;

    @Column(name = "recorded_at", nullable = false)
    private Instant recordedAt;

    @Column(nullable = false, columnDefinition = "text")
    private String payload;

    @Column(name = "prev_hash", nullable = false)
    private String prevHash;

    @Column(nullable = false, unique = true)
    private String hash;

    protected LedgerEntry() {
    }

    public LedgerEntry(long seq, String kind, String subject, String actor, Instant recordedAt, String payload,
                       String prevHash, String hash) {
        this.seq = seq;
        this.kind = kind;
        this.subject = subject;
        this.actor = actor;
        this.recordedAt = recordedAt;
        this.payload = payload;
        this.prevHash = prevHash;
        this.hash = hash;
    }

    public long seq() {
        return seq;
    }

    public String kind() {
        return kind;
    }

    public String subject() {
        return subject;
    }

    public String actor() {
        return actor;
    }

    public Instant recordedAt() {
        return recordedAt;
    }

    public String payload() {
        return payload;
    }

    public String prevHash() {
        return prevHash;
    }

    public String hash() {
        return hash;
    }
}
