package dev.assay.security;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;

/** Roles as stored in one column: comma-separated role ids in a fixed order. */
final class RoleSet {

    private RoleSet() {
    }

    static String format(Set<Role> roles) {
        return roles.stream().sorted().map(Role::id).collect(Collectors.joining(","));
    }

    static Set<Role> parse(String stored) {
        EnumSet<Role> roles = EnumSet.noneOf(Role.class);
        Arrays.stream(stored.split(",")).map(String::trim).filter(s -> !s.isEmpty())
                .forEach(id -> Role.byId(id).ifPresent(roles::add));
        return roles;
    }
}
