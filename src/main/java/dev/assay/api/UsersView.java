package dev.assay.api;

import java.util.List;

/** {@code GET /api/v1/users}. */
public record UsersView(List<UserView> users) {

    public UsersView {
        users = List.copyOf(users);
    }
}
