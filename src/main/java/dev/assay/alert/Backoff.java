package dev.assay.alert;

import java.time.Duration;
import java.util.Optional;

/**
 * When to try a delivery again: {@code first}, then doubling, at most {@code cap} apart, for at most
 * {@code maxAttempts} attempts in all (defaults: 2 s, 10 min, 12 attempts: about 40 minutes of trying).
 */
public record Backoff(Duration first, Duration cap, int maxAttempts) {

    public static final Backoff DEFAULT = new Backoff(Duration.ofSeconds(2), Duration.ofMinutes(10), 12);

    public Backoff {
        if (first.isNegative() || first.isZero() || cap.compareTo(first) < 0 || maxAttempts < 1) {
            throw new IllegalArgumentException("backoff needs 0 < first <= cap and at least one attempt");
        }
    }

    /** The wait after {@code attempts} failed attempts; empty when no attempt is left (the delivery failed). */
    public Optional<Duration> after(int attempts) {
        if (attempts >= maxAttempts) {
            return Optional.empty();
        }
        Duration wait = first;
        for (int i = 1; i < attempts && wait.compareTo(cap) < 0; i++) {
            wait = wait.multipliedBy(2);
        }
        return Optional.of(wait.compareTo(cap) > 0 ? cap : wait);
    }
}
