package dev.assay.audit;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AuditProgressTest {

    private static AuditRun run(String id) {
        return new AuditRun(id, "v", "d", null, "{}", "h", "ci", Instant.parse("2026-11-27T12:00:00Z"));
    }

    @Test
    void stagesAdvanceMonotonicallyToOneHundredPercent() {
        AuditProgress.Stage[] stages = AuditProgress.Stage.values();
        for (int i = 1; i < stages.length; i++) {
            assertTrue(stages[i].percent() >= stages[i - 1].percent(), stages[i] + " after " + stages[i - 1]);
        }
        assertTrue(Arrays.stream(stages).allMatch(s -> s.percent() >= 0 && s.percent() <= 100));
        assertEquals("computing-metrics", AuditProgress.Stage.COMPUTING_METRICS.id());
    }

    @Test
    void aRunningAuditReportsItsStageAndAFinishedOneNeedsNoMemory() {
        AuditProgress progress = new AuditProgress();
        AuditRun queued = run("a");
        assertEquals(AuditProgress.Stage.QUEUED, progress.of(queued), "nothing recorded yet: queued");
        queued.claimed("server-1", Instant.parse("2026-11-27T12:00:01Z"), Instant.parse("2026-11-27T12:01:01Z"));
        progress.enter("a", AuditProgress.Stage.COMPUTING_METRICS);
        assertEquals(AuditProgress.Stage.COMPUTING_METRICS, progress.of(queued));
        queued.finished(Instant.parse("2026-11-27T12:00:02Z"));
        progress.enter("a", AuditProgress.Stage.DONE);
        assertEquals(AuditProgress.Stage.DONE, progress.of(queued));
        AuditRun failed = run("b");
        progress.enter("b", AuditProgress.Stage.SIGNING_REPORT);
        failed.failed(Instant.parse("2026-11-27T12:00:03Z"), "disk full");
        assertEquals(AuditProgress.Stage.ERROR, progress.of(failed), "the stored status wins over a stale stage");
    }
}
