package dev.assay.security;

import java.time.Instant;
import java.util.List;

/** Failed attempts, shared by every server on the database, so a limit holds however many servers answer. */
public interface FailedAttemptRepository {

    /** The times of the latest failures (at most {@code limit}) of {@code kind} and key after {@code after}, newest first. */
    List<Instant> recent(String kind, String keySha256, Instant after, int limit);

    void add(FailedAttempt attempt);

    /** Deletes the failures whose window has passed by {@code now}; how many. */
    int removeExpired(Instant now);
}
