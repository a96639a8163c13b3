package dev.assay.security;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FailedAttemptsTest {

    /** A clock the test moves by hand. */
    static final class ManualClock extends Clock {
        Instant now = Instant.parse("2026-11-27T12:00:00Z");

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    /** The failures as the database keeps them: one row each, read back newest first. */
    static final class Rows implements FailedAttemptRepository {
        record Row(String kind, String key, Instant at, Instant expires) {
        }

        final List<Row> rows = new ArrayList<>();

        @Override
        public List<Instant> recent(String kind, String keySha256, Instant after, int limit) {
            return rows.stream().filter(r -> r.kind().equals(kind) && r.key().equals(keySha256) && r.at().isAfter(after))
                    .map(Row::at).sorted(Comparator.reverseOrder()).limit(limit).toList();
        }

        @Override
        public void add(FailedAttempt attempt) {
            rows.add(new Row(attempt.kind(), attempt.keySha256(), attempt.failedAt(), attempt.expiresAt()));
        }

        @Override
        public int removeExpired(Instant now) {
            int before = rows.size();
            rows.removeIf(r -> !r.expires().isAfter(now));
            return before - rows.size();
        }
    }

    @Test
    void blocksAtTheLimitUntilTheOldestFailureLeavesTheWindow() {
        ManualClock clock = new ManualClock();
        FailedAttempts attempts = new FailedAttempts("token", 3, Duration.ofMinutes(1), clock, new Rows());
        for (int i = 0; i < 2; i++) {
            attempts.recordFailure("k");
            clock.now = clock.now.plusSeconds(10);
        }
        assertTrue(attempts.blockedFor("k").isEmpty(), "two failures of three allowed");
        attempts.recordFailure("k");
        // Failures at 0 s, 10 s and 20 s; now is 20 s: blocked until the first leaves at 60 s.
        assertEquals(Optional.of(Duration.ofSeconds(40)), attempts.blockedFor("k"));
        assertTrue(attempts.blockedFor("other").isEmpty(), "keys are independent");
        clock.now = clock.now.plusSeconds(39);
        assertEquals(Optional.of(Duration.ofSeconds(1)), attempts.blockedFor("k"));
        clock.now = clock.now.plusSeconds(1);
        assertTrue(attempts.blockedFor("k").isEmpty(), "the 0 s failure has left the window");
        attempts.recordFailure("k");
        assertEquals(Optional.of(Duration.ofSeconds(10)), attempts.blockedFor("k"), "10 s and 20 s and 60 s: wait for 10 s to leave");
    }

    /** Two servers on one database: failures counted by either add up, and another kind's failures of the same key do not. */
    @Test
    void serversSharingTheFailuresShareTheLimit() {
        ManualClock clock = new ManualClock();
        Rows shared = new Rows();
        FailedAttempts one = new FailedAttempts("token", 3, Duration.ofMinutes(1), clock, shared);
        FailedAttempts two = new FailedAttempts("token", 3, Duration.ofMinutes(1), clock, shared);
        FailedAttempts password = new FailedAttempts("password", 3, Duration.ofMinutes(1), clock, shared);
        one.recordFailure("token@10.0.0.1");
        two.recordFailure("token@10.0.0.1");
        password.recordFailure("token@10.0.0.1");
        assertTrue(one.blockedFor("token@10.0.0.1").isEmpty(), "two token failures and one of another kind: not yet");
        clock.now = clock.now.plusSeconds(5);
        one.recordFailure("token@10.0.0.1");
        assertEquals(Optional.of(Duration.ofSeconds(55)), two.blockedFor("token@10.0.0.1"), "the third, counted on the other server");
        assertTrue(shared.rows.stream().noneMatch(r -> r.key().contains("10.0.0.1")), "keys are stored as hashes");
        clock.now = clock.now.plusSeconds(120);
        one.recordFailure("token@10.0.0.2");
        assertEquals(1, shared.rows.size(), "failures whose window passed are deleted");
    }
}
