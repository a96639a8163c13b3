package dev.assay.security;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.Set;

@Entity
@Table(name = "app_user")
public class UserAccount {

    @Id
    private String username;

    @Column(name = "password_hash", nullable = false)
    private String passwordHash;

    @Column(nullable = false)
    private String roles;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "created_by")
    private String createdBy;

    @Column(name = "disabled_at")
    private Instant disabledAt;

    protected UserAccount() {
    }

    public UserAccount(String username, String passwordHash, Set<Role> roles, Instant createdAt, String createdBy) {
        this.createdBy = createdBy;
        this.username = username;
        this.passwordHash = passwordHash;
        this.roles = RoleSet.format(roles);
        this.createdAt = createdAt;
    }

    public String username() {
        return username;
    }

    public String passwordHash() {
        return passwordHash;
    }

    public Set<Role> roles() {
        return RoleSet.parse(roles);
    }

    public Instant createdAt() {
        return createdAt;
    }

    public String createdBy() {
        return createdBy;
    }

    public Instant disabledAt() {
        return disabledAt;
    }

    void disable(Instant at) {
        if (disabledAt == null) {
            disabledAt = at;
        }
    }
}
