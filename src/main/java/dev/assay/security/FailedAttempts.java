package dev.assay.security;

import dev.assay.infrastructure.Hashing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Counts failed sign-ins and token attempts per key (a source address, or a user name at a source)
 * in a sliding window; once a key has {@code limit} failures inside the window it is refused until
 * the oldest of them leaves the window. Successful attempts do not reset the count, so guessing
 * between two valid sign-ins gains nothing.
 *
 * <p>The failures are kept in the database ({@link FailedAttemptRepository}), not in this server's memory,
 * so the limit holds across every server on it: failures spread over several servers add up. Checking and
 * counting are two statements, not one locked step, so attempts checked at the same instant on different
 * servers may each pass: a limit can be overrun by as many attempts as are in flight at once, never more.
 */
public final class FailedAttempts {

    private final String kind;
    private final int limit;
    private final Duration window;
    private final Clock clock;
    private final FailedAttemptRepository failures;
    private volatile Instant lastPrune = Instant.MIN;

    /**
     * @param kind what is counted ({@code token}, {@code password}, {@code source}): kinds with the same key are apart
     */
    public FailedAttempts(String kind, int limit, Duration window, Clock clock, FailedAttemptRepository failures) {
        this.kind = kind;
        this.limit = limit;
        this.window = window;
        this.clock = clock;
        this.failures = failures;
    }

    /** Empty when the key may try; otherwise how long until it may. */
    public Optional<Duration> blockedFor(String key) {
        Instant now = clock.instant();
        List<Instant> latest = failures.recent(kind, Hashing.sha256Hex(key), now.minus(window), limit);
        if (latest.size() < limit) {
            return Optional.empty();
        }
        // The limit-th latest failure: once it leaves the window, fewer than limit are left in it.
        Duration wait = Duration.between(now, latest.get(limit - 1).plus(window));
        return Optional.of(wait.isNegative() ? Duration.ZERO : wait);
    }

    public void recordFailure(String key) {
        Instant now = clock.instant();
        failures.add(new FailedAttempt(kind, Hashing.sha256Hex(key), now, now.plus(window)));
        // Keys are chosen by callers (user names), so failures whose window has passed are deleted, at most once a minute.
        if (now.isAfter(lastPrune.plusSeconds(60))) {
            lastPrune = now;
            failures.removeExpired(now);
        }
    }
}
