package dev.assay.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Counts failed sign-ins and token attempts per key (a source address, or a user name at a source)
 * in a sliding window; once a key has {@code limit} failures inside the window it is refused until
 * the oldest of them leaves the window. Successful attempts do not reset the count, so guessing
 * between two valid sign-ins gains nothing.
 */
public final class FailedAttempts {

    private final int limit;
    private final Duration window;
    private final Clock clock;
    private final ConcurrentHashMap<String, Deque<Instant>> failures = new ConcurrentHashMap<>();
    private volatile Instant lastPrune;

    public FailedAttempts(int limit, Duration window, Clock clock) {
        this.limit = limit;
        this.window = window;
        this.clock = clock;
    }

    /** Empty when the key may try; otherwise how long until it may. */
    public Optional<Duration> blockedFor(String key) {
        Deque<Instant> times = failures.get(key);
        if (times == null) {
            return Optional.empty();
        }
        synchronized (times) {
            Instant now = clock.instant();
            prune(times, now);
            if (times.size() < limit) {
                return Optional.empty();
            }
            Duration wait = Duration.between(now, times.peekFirst().plus(window));
            return Optional.of(wait.isNegative() ? Duration.ZERO : wait);
        }
    }

    public void recordFailure(String key) {
        Deque<Instant> times = failures.computeIfAbsent(key, k -> new ArrayDeque<>());
        synchronized (times) {
            Instant now = clock.instant();
            prune(times, now);
            times.addLast(now);
            // Keep memory bounded per key: only the last `limit` failures matter.
            while (times.size() > limit) {
                times.removeFirst();
            }
        }
        // Keys are chosen by callers (user names), so the map is pruned when it grows, at most once a minute.
        Instant now = clock.instant();
        if (failures.size() > 100_000 && (lastPrune == null || now.isAfter(lastPrune.plusSeconds(60)))) {
            lastPrune = now;
            failures.entrySet().removeIf(e -> {
                synchronized (e.getValue()) {
                    prune(e.getValue(), clock.instant());
                    return e.getValue().isEmpty();
                }
            });
        }
    }

    private void prune(Deque<Instant> times, Instant now) {
        Instant horizon = now.minus(window);
        while (!times.isEmpty() && !times.peekFirst().isAfter(horizon)) {
            times.removeFirst();
        }
    }
}
