package dev.assay.security;

import java.util.EnumSet;
import java.util.Set;

import static dev.assay.security.Role.ADMIN;
import static dev.assay.security.Role.AUDITOR;
import static dev.assay.security.Role.CI_GATE;
import static dev.assay.security.Role.MODEL_OWNER;

/**
 * The authorization spec at a glance: what each role may do. Resource methods declare one of these
 * with {@link Requires}; a method without one is refused for everybody.
 */
public enum Permission {
    /** No authentication at all: verification and public keys. */
    ANYONE(null),
    /** Any signed-in person or service account: the portal's own pages. */
    SIGNED_IN(EnumSet.of(MODEL_OWNER, AUDITOR, ADMIN, CI_GATE)),
    /** For oneself, with at most one's own roles; for another person, admins only (AccountService.issueToken). */
    CREATE_TOKEN(EnumSet.of(MODEL_OWNER, AUDITOR, ADMIN, CI_GATE)),
    MANAGE_TOKENS(EnumSet.of(ADMIN)),
    MANAGE_USERS(EnumSet.of(ADMIN)),
    /** Who owns a model (a model owner reaches their own models only: ModelRegistry). */
    ASSIGN_OWNERS(EnumSet.of(ADMIN)),
    MANAGE_ALERTS(EnumSet.of(ADMIN)),
    READ_ALERTS(EnumSet.of(AUDITOR, ADMIN)),
    REGISTER_VERSION(EnumSet.of(MODEL_OWNER, CI_GATE, ADMIN)),
    UPLOAD_DATASET(EnumSet.of(MODEL_OWNER, CI_GATE, ADMIN)),
    START_AUDIT(EnumSet.of(MODEL_OWNER, CI_GATE, ADMIN)),
    READ_RESULTS(EnumSet.of(MODEL_OWNER, CI_GATE, AUDITOR, ADMIN)),
    READ_GATE(EnumSet.of(MODEL_OWNER, CI_GATE, AUDITOR, ADMIN)),
    READ_POLICIES(EnumSet.of(MODEL_OWNER, CI_GATE, AUDITOR, ADMIN)),
    MANAGE_POLICIES(EnumSet.of(ADMIN)),
    ROTATE_KEYS(EnumSet.of(ADMIN)),
    READ_LEDGER(EnumSet.of(AUDITOR, ADMIN)),
    BACKTEST_POLICY(EnumSet.of(AUDITOR, ADMIN)),
    REQUEST_WAIVER(EnumSet.of(MODEL_OWNER, ADMIN)),
    DECIDE_WAIVER(EnumSet.of(AUDITOR, ADMIN)),
    READ_WAIVERS(EnumSet.of(MODEL_OWNER, CI_GATE, AUDITOR, ADMIN)),
    /** Comment on an audit's findings: the people who review it (a service account has nothing to say). */
    COMMENT_ON_AUDITS(EnumSet.of(MODEL_OWNER, AUDITOR, ADMIN)),
    /** Sign an audit off by name: auditors only (and never of a model they own: ReviewService). */
    SIGN_OFF_AUDITS(EnumSet.of(AUDITOR)),
    /** Deploy and end deployments: owners and CI deploy. */
    DEPLOY(EnumSet.of(MODEL_OWNER, CI_GATE, ADMIN)),
    /** Deployments, windows and series: auditors read. */
    READ_DEPLOYMENTS(EnumSet.of(MODEL_OWNER, CI_GATE, AUDITOR, ADMIN)),
    /** Production predictions and labels, from serving systems (a CI or owner token). */
    POST_PRODUCTION_DATA(EnumSet.of(MODEL_OWNER, CI_GATE, ADMIN)),
    /** Close windows at once (backfills, tests); the server also closes them on schedule. */
    CLOSE_WINDOWS(EnumSet.of(MODEL_OWNER, CI_GATE, ADMIN));

    private final Set<Role> roles;

    Permission(Set<Role> roles) {
        this.roles = roles;
    }

    public boolean isPublic() {
        return roles == null;
    }

    public boolean grantedToAny(Set<Role> held) {
        return isPublic() || held.stream().anyMatch(roles::contains);
    }
}
