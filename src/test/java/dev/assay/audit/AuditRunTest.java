package dev.assay.audit;

import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class AuditRunTest {

    private static final Instant T0 = Instant.parse("2026-12-01T12:00:00Z");

    /** A run taken over from a stopped server: claimed again, its attempts counted, its first start kept. */
    @Test
    void eachClaimCountsAndTheFirstStartStays() {
        AuditRun run = new AuditRun("a", "v", "d", null, "{}", "h", "ci", T0);
        assertEquals(AuditRun.Status.QUEUED, run.status());
        assertEquals(0, run.attempts());
        run.claimed("server-1", T0.plusSeconds(1), T0.plusSeconds(61));
        assertEquals(AuditRun.Status.RUNNING, run.status());
        assertEquals("server-1", run.claimedBy());
        assertEquals(T0.plusSeconds(61), run.leaseUntil());
        run.claimed("server-2", T0.plusSeconds(70), T0.plusSeconds(130));
        assertEquals("server-2", run.claimedBy());
        assertEquals(2, run.attempts());
        assertEquals(T0.plusSeconds(1), run.startedAt(), "started when first claimed");
    }

    /** A claim given back unrun leaves the run as it was before it: queued, no holder, the attempt not counted. */
    @Test
    void anUnclaimedRunIsQueuedAgain() {
        AuditRun run = new AuditRun("a", "v", "d", null, "{}", "h", "ci", T0);
        run.claimed("server-1", T0, T0.plusSeconds(60));
        run.unclaimed();
        assertEquals(AuditRun.Status.QUEUED, run.status());
        assertNull(run.claimedBy());
        assertNull(run.leaseUntil());
        assertEquals(0, run.attempts());
    }
}
