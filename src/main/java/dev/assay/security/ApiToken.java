package dev.assay.security;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.Set;

/** An API token as stored: only the SHA-256 of the secret is kept. */
@Entity
@Table(name = "api_token")
public class ApiToken {

    @Id
    private String id;

    @Column(nullable = false)
    private String name;

    @Column(name = "token_hash", nullable = false, unique = true)
    private String tokenHash;

    @Column(nullable = false)
    private String roles;

    @Column(name = "created_by", nullable = false)
    private String createdBy;

    /** The person the token acts for. */
    @Column(nullable = false)
    private String owner;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "expires_at")
    private Instant expiresAt;

    @Column(name = "revoked_at")
    private Instant revokedAt;

    @Column(name = "revoked_by")
    private String revokedBy;

    protected ApiToken() {
    }

    public ApiToken(String id, String name, String tokenHash, Set<Role> roles, String owner, String createdBy,
                    Instant createdAt, Instant expiresAt) {
        this.id = id;
        this.owner = owner;
        this.name = name;
        this.tokenHash = tokenHash;
        this.roles = RoleSet.format(roles);
        this.createdBy = createdBy;
        this.createdAt = createdAt;
        this.expiresAt = expiresAt;
    }

    public String id() {
        return id;
    }

    public String name() {
        return name;
    }

    public String tokenHash() {
        return tokenHash;
    }

    public Set<Role> roles() {
        return RoleSet.parse(roles);
    }

    public Instant expiresAt() {
        return expiresAt;
    }

    public String createdBy() {
        return createdBy;
    }

    /** The person this token acts for. */
    public String owner() {
        return owner;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant revokedAt() {
        return revokedAt;
    }

    public String revokedBy() {
        return revokedBy;
    }

    void revoke(Instant at, String by) {
        if (revokedAt == null) {
            revokedAt = at;
            revokedBy = by;
        }
    }

    public boolean isUsableAt(Instant now) {
        return revokedAt == null && (expiresAt == null || now.isBefore(expiresAt));
    }
}
