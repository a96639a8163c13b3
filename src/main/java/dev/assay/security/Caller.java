package dev.assay.security;

import java.io.Serializable;
import java.security.Principal;
import java.util.Set;

/** The authenticated identity of a request: who (for the record) and with which roles. */
public record Caller(String name, Set<Role> roles) implements Principal, Serializable {

    public static final Caller SYSTEM = new Caller("assay-system", Set.of(Role.ADMIN));

    @Override
    public String getName() {
        return name;
    }
}
