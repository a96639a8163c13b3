package dev.assay.monitoring;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** An audited window's slice is written again only when a batch may have come since its audit. */
class WindowChangesTest {

    static final Instant AUDITED = Instant.parse("2026-01-10T12:00:00Z");
    static final WindowAudit PREVIOUS = new WindowAudit("w", "d", Instant.parse("2026-01-10T10:00:00Z"),
            Instant.parse("2026-01-10T11:00:00Z"), 60, 20, "key", "ds", "audit", "me", AUDITED);
    static final String BATCH = "a".repeat(64);
    static final List<BatchPartition> PARTITIONS = List.of(new BatchPartition(BATCH, "d", PREVIOUS.start(), 60));

    @Test
    void oldBatchesLeaveTheWindowAlone() {
        Instant longBefore = AUDITED.minus(Duration.ofHours(1));
        assertFalse(WindowService.changedSince(PREVIOUS, PARTITIONS, Map.of(BATCH, longBefore), longBefore));
        assertFalse(WindowService.changedSince(PREVIOUS, PARTITIONS, Map.of(BATCH, longBefore), null), "no label at all");
    }

    @Test
    void labelsOrPredictionsSinceTheAuditOrJustBeforeItLookAgain() {
        Instant longBefore = AUDITED.minus(Duration.ofHours(1));
        assertTrue(WindowService.changedSince(PREVIOUS, PARTITIONS, Map.of(BATCH, longBefore), AUDITED.plusSeconds(1)));
        assertTrue(WindowService.changedSince(PREVIOUS, PARTITIONS, Map.of(BATCH, longBefore), AUDITED.minusSeconds(30)),
                "a batch timed before the audit may have committed after it");
        assertTrue(WindowService.changedSince(PREVIOUS, PARTITIONS, Map.of(BATCH, AUDITED.plusSeconds(5)), longBefore));
    }
}
