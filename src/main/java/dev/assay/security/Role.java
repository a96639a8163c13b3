package dev.assay.security;

import java.util.Arrays;
import java.util.Optional;

/** The four roles of DESIGN.md, by the names tokens and the identity provider use. */
public enum Role {
    MODEL_OWNER("model-owner"),
    AUDITOR("auditor"),
    ADMIN("admin"),
    CI_GATE("ci-gate");

    private final String id;

    Role(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    public static Optional<Role> byId(String id) {
        return Arrays.stream(values()).filter(r -> r.id.equals(id)).findFirst();
    }
}
