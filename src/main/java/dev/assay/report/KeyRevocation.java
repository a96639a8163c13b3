package dev.assay.report;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** A revoked signing key: which, when, by whom and why. Written once, never changed. */
@Entity
@Table(name = "key_revocation")
public class KeyRevocation {

    @Id
    @Column(name = "key_id")
    private String keyId;

    @Column(name = "revoked_at", nullable = false)
    private Instant revokedAt;

    @Column(name = "revoked_by", nullable = false)
    private String revokedBy;

    @Column(nullable = false)
    private String reason;

    protected KeyRevocation() {
    }

    public KeyRevocation(String keyId, Instant revokedAt, String revokedBy, String reason) {
        this.keyId = keyId;
        this.revokedAt = revokedAt;
        this.revokedBy = revokedBy;
        this.reason = reason;
    }

    public Revocations.Revoked revoked() {
        return new Revocations.Revoked(keyId, revokedAt, reason);
    }
}
