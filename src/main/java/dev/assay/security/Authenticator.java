package dev.assay.security;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * Checks credentials for the API and the portal alike, with the failed-attempt limits: a source
 * may fail 30 token checks a minute, and a user name 5 password checks in 15 minutes per source.
 */
@ApplicationScoped
public class Authenticator {

    static final int TOKEN_FAILURES_PER_MINUTE = 30;
    static final int PASSWORD_FAILURES_PER_15_MINUTES = 5;

    @Inject
    AccountService accounts;

    @Inject
    Identity identity;

    private final FailedAttempts tokenFailures = new FailedAttempts(TOKEN_FAILURES_PER_MINUTE, Duration.ofMinutes(1), Clock.systemUTC());
    private final FailedAttempts passwordFailures = new FailedAttempts(PASSWORD_FAILURES_PER_15_MINUTES, Duration.ofMinutes(15), Clock.systemUTC());

    /** The outcome of one credential check. */
    public sealed interface Outcome {
        record Accepted(Caller caller) implements Outcome {
        }

        record Rejected(String reason) implements Outcome {
        }

        record Throttled(Duration retryAfter) implements Outcome {
        }
    }

    /**
     * A bearer token: an Assay API token ({@code assay_...}) in either mode, or in {@code oidc} mode
     * a JWT access token from the provider.
     */
    public Outcome bearer(String token, String source) {
        String key = "token@" + source;
        Optional<Duration> blocked = tokenFailures.blockedFor(key);
        if (blocked.isPresent()) {
            return new Outcome.Throttled(blocked.get());
        }
        Optional<Caller> caller;
        if (token.startsWith(AccountService.TOKEN_PREFIX)) {
            caller = accounts.authenticateToken(token);
        } else if (identity.oidc()) {
            caller = identity.provider().orElseThrow().verifyAccessToken(token);
        } else {
            caller = Optional.empty();
        }
        if (caller.isEmpty()) {
            tokenFailures.recordFailure(key);
            return new Outcome.Rejected("The bearer token is not valid (unknown, expired, revoked, or not signed by the configured issuer)");
        }
        return new Outcome.Accepted(caller.get());
    }

    /** A user name and password: local mode only; in oidc mode people sign in at the provider. */
    public Outcome password(String username, String password, String source) {
        if (identity.oidc()) {
            return new Outcome.Rejected("Password sign-in is off in oidc mode: sign in through the identity provider");
        }
        String key = username + "@" + source;
        Optional<Duration> blocked = passwordFailures.blockedFor(key);
        if (blocked.isPresent()) {
            return new Outcome.Throttled(blocked.get());
        }
        Optional<Caller> caller = accounts.authenticatePassword(username, password);
        if (caller.isEmpty()) {
            passwordFailures.recordFailure(key);
            return new Outcome.Rejected("Unknown user name or wrong password");
        }
        return new Outcome.Accepted(caller.get());
    }
}
