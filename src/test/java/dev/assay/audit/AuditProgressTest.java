package dev.assay.audit;

import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertTrue;

class AuditProgressTest {

    @Test
    void stagesAdvanceMonotonicallyToOneHundredPercent() {
        AuditProgress.Stage[] stages = AuditProgress.Stage.values();
        for (int i = 1; i < stages.length; i++) {
            assertTrue(stages[i].percent() >= stages[i - 1].percent(), stages[i] + " after " + stages[i - 1]);
        }
        assertTrue(Arrays.stream(stages).allMatch(s -> s.percent() >= 0 && s.percent() <= 100));
        assertTrue(AuditProgress.Stage.COMPUTING_METRICS.id().equals("computing-metrics"));
    }
}
