package dev.assay.security;

import dev.assay.infrastructure.Clocks;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Duration;
import java.util.Optional;

/**
 * Checks credentials for the API and the portal alike, with the failed-attempt limits: a source
 * may fail 30 token checks a minute, a user name 5 password checks in 15 minutes per source, and a
 * source 20 password checks in 15 minutes across every name (spraying one password over many names).
 * The failures are counted in the database, so the limits hold across every server on it.
 */
@ApplicationScoped
public class Authenticator {

    static final int TOKEN_FAILURES_PER_MINUTE = 30;
    static final int PASSWORD_FAILURES_PER_15_MINUTES = 5;
    /** Password spraying: one source trying a few passwords across many names is limited as a whole. */
    static final int PASSWORD_FAILURES_PER_SOURCE_PER_15_MINUTES = 20;

    @Inject
    AccountService accounts;

    @Inject
    Identity identity;

    @Inject
    FailedAttemptRepository failures;

    private FailedAttempts tokenFailures;
    private FailedAttempts passwordFailures;
    private FailedAttempts sourceFailures;

    @PostConstruct
    void init() {
        tokenFailures = new FailedAttempts("token", TOKEN_FAILURES_PER_MINUTE, Duration.ofMinutes(1), Clocks.UTC_MICROS, failures);
        passwordFailures = new FailedAttempts("password", PASSWORD_FAILURES_PER_15_MINUTES, Duration.ofMinutes(15),
                Clocks.UTC_MICROS, failures);
        sourceFailures = new FailedAttempts("source", PASSWORD_FAILURES_PER_SOURCE_PER_15_MINUTES, Duration.ofMinutes(15),
                Clocks.UTC_MICROS, failures);
    }

    /** The verdict on one credential check: accepted, rejected, throttled, or not checkable (provider unavailable). */
    public sealed interface Verdict {
        record Accepted(Caller caller) implements Verdict {
        }

        record Rejected(String reason) implements Verdict {
        }

        record Throttled(Duration retryAfter) implements Verdict {
        }

        /** The identity provider could not be reached to check a token. */
        record Unavailable(String reason) implements Verdict {
        }
    }

    /**
     * A bearer token: an Assay API token ({@code assay_...}) in either mode, or in {@code oidc} mode
     * a JWT access token from the provider.
     */
    public Verdict bearer(String token, String source) {
        Optional<Caller> caller;
        try {
            if (token.startsWith(AccountService.TOKEN_PREFIX)) {
                caller = accounts.authenticateToken(token);
            } else if (identity.oidc()) {
                caller = identity.provider().orElseThrow().verifyAccessToken(token);
            } else {
                caller = Optional.empty();
            }
        } catch (OidcProvider.Unavailable e) {
            return new Verdict.Unavailable(e.getMessage());
        }
        // A valid token is never refused (tokens are too long to guess, and a shared address must not
        // lock out its good clients); only failing attempts are counted and, past the limit, refused.
        if (caller.isPresent()) {
            return new Verdict.Accepted(caller.get());
        }
        String key = "token@" + source;
        Optional<Duration> blocked = tokenFailures.blockedFor(key);
        if (blocked.isPresent()) {
            return new Verdict.Throttled(blocked.get());
        }
        tokenFailures.recordFailure(key);
        return new Verdict.Rejected("The bearer token is not valid (unknown, expired, revoked, or not signed by the configured issuer)");
    }

    /**
     * Whether a signed-in portal caller may still act: in local mode the account must still exist and
     * be enabled (disabling someone ends their sessions at their next request); in oidc mode the
     * provider decided at sign-in and the session lives at most its idle timeout.
     */
    public boolean stillActive(Caller caller) {
        return identity.oidc() || accounts.isActive(caller.name());
    }

    /** A user name and password: local mode only; in oidc mode people sign in at the provider. */
    public Verdict password(String username, String password, String source) {
        if (identity.oidc()) {
            return new Verdict.Rejected("Password sign-in is off in oidc mode: sign in through the identity provider");
        }
        String key = username + "@" + source;
        Optional<Duration> blocked = passwordFailures.blockedFor(key).or(() -> sourceFailures.blockedFor(source));
        if (blocked.isPresent()) {
            return new Verdict.Throttled(blocked.get());
        }
        Optional<Caller> caller = accounts.authenticatePassword(username, password);
        if (caller.isEmpty()) {
            passwordFailures.recordFailure(key);
            sourceFailures.recordFailure(source);
            return new Verdict.Rejected("Unknown user name or wrong password");
        }
        return new Verdict.Accepted(caller.get());
    }
}
