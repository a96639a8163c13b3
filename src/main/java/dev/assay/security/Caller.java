package dev.assay.security;

import java.io.Serializable;
import java.security.Principal;
import java.util.EnumSet;
import java.util.Set;

/**
 * The authenticated identity of a request: the person who acts, with which roles, and the API token
 * they act through (null when they signed in or sent the provider's own access token). Permissions and
 * four eyes compare people ({@link #name()}); records name the person and the token ({@link #actor()}).
 *
 * @param name  the person: a local user name, or the provider's user name (a service account's too)
 * @param token the name of the API token used, or null
 */
public record Caller(String name, Set<Role> roles, String token) implements Principal, Serializable {

    public static final Caller SYSTEM = new Caller("assay-system", Set.of(Role.ADMIN));

    public Caller {
        roles = roles.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(roles));
    }

    /** A person acting directly (a portal session, a password, the provider's token). */
    public Caller(String name, Set<Role> roles) {
        this(name, roles, null);
    }

    /** Who acted, for the record: {@code alice}, or {@code alice (token ci-main)}. */
    public String actor() {
        return token == null ? name : name + " (token " + token + ")";
    }

    /**
     * Whether every model is in reach: auditors and admins read all, and the {@code ci-gate} service role
     * serves every model's pipeline (DESIGN.md's role table). A model owner alone reaches their own models.
     */
    public boolean reachesEveryModel() {
        return roles.contains(Role.ADMIN) || roles.contains(Role.AUDITOR) || roles.contains(Role.CI_GATE);
    }

    /** The principal's name is who acted, as records write it. */
    @Override
    public String getName() {
        return actor();
    }
}
