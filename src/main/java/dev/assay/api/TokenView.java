package dev.assay.api;

import dev.assay.security.ApiToken;
import dev.assay.security.Role;
import jakarta.json.bind.annotation.JsonbPropertyOrder;

import java.time.Instant;
import java.util.List;

/**
 * An API token, never its secret: {@code user} is the person it acts for, {@code createdBy} who minted it;
 * {@code expiresAt}, {@code revokedAt} and {@code revokedBy} only when set.
 */
@JsonbPropertyOrder({"id", "name", "user", "roles", "createdBy", "createdAt", "expiresAt", "revokedAt", "revokedBy"})
public record TokenView(String id, String name, String user, List<String> roles, String createdBy, Instant createdAt,
                        Instant expiresAt, Instant revokedAt, String revokedBy) {

    public TokenView {
        roles = List.copyOf(roles);
    }

    static TokenView of(ApiToken t) {
        return new TokenView(t.id(), t.name(), t.owner(), t.roles().stream().map(Role::id).toList(), t.createdBy(), t.createdAt(),
                t.expiresAt(), t.revokedAt(), t.revokedAt() == null ? null : t.revokedBy());
    }
}
