package dev.assay.api;

import dev.assay.security.Role;
import dev.assay.security.UserAccount;
import jakarta.json.bind.annotation.JsonbPropertyOrder;

import java.time.Instant;
import java.util.List;

/** A local account; {@code createdBy} is absent for the bootstrap admin, {@code disabledAt} until disabled. */
@JsonbPropertyOrder({"username", "roles", "createdAt", "createdBy", "disabledAt"})
public record UserView(String username, List<String> roles, Instant createdAt, String createdBy, Instant disabledAt) {

    public UserView {
        roles = List.copyOf(roles);
    }

    static UserView of(UserAccount u) {
        return new UserView(u.username(), u.roles().stream().map(Role::id).toList(), u.createdAt(), u.createdBy(),
                u.disabledAt());
    }
}
