package dev.assay.api;

import jakarta.json.bind.annotation.JsonbPropertyOrder;

import java.time.Instant;
import java.util.List;

/**
 * {@code POST /api/v1/tokens}: the only answer that holds the secret; {@code user} is the person the token
 * acts for; {@code expiresAt} only when it expires.
 */
@JsonbPropertyOrder({"id", "name", "user", "token", "roles", "expiresAt"})
public record IssuedTokenView(String id, String name, String user, String token, List<String> roles, Instant expiresAt) {

    public IssuedTokenView {
        roles = List.copyOf(roles);
    }
}
