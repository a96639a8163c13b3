package dev.assay.api;

import jakarta.json.bind.annotation.JsonbPropertyOrder;

import java.util.List;

/** {@code POST /api/v1/users}; {@code password} only when one was generated (shown this once). */
@JsonbPropertyOrder({"username", "roles", "password"})
public record CreatedUserView(String username, List<String> roles, String password) {

    public CreatedUserView {
        roles = List.copyOf(roles);
    }
}
