package dev.assay.security;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
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

    @Test
    void blocksAtTheLimitUntilTheOldestFailureLeavesTheWindow() {
        ManualClock clock = new ManualClock();
        FailedAttempts attempts = new FailedAttempts(3, Duration.ofMinutes(1), clock);
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
}
