package dev.assay.security;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** One failed sign-in or token attempt, kept in the database every server shares until its window has passed. */
@Entity
@Table(name = "failed_attempt")
public class FailedAttempt {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(nullable = false)
    private String kind;

    /** SHA-256 of what is counted: no user name or address is stored. */
    @Column(name = "key_sha256", nullable = false)
    private String keySha256;

    @Column(name = "failed_at", nullable = false)
    private Instant failedAt;

    @Column(name = "expires_at", nullable = false)
    private Instant expiresAt;

    protected FailedAttempt() {
    }

    public FailedAttempt(String kind, String keySha256, Instant failedAt, Instant expiresAt) {
        this.kind = kind;
        this.keySha256 = keySha256;
        this.failedAt = failedAt;
        this.expiresAt = expiresAt;
    }

    public String kind() {
        return kind;
    }

    public String keySha256() {
        return keySha256;
    }

    public Instant failedAt() {
        return failedAt;
    }

    public Instant expiresAt() {
        return expiresAt;
    }
}
