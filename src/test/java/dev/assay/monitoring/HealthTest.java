package dev.assay.monitoring;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static dev.assay.policy.Decision.Verdict.FAIL;
import static dev.assay.policy.Decision.Verdict.PASS;
import static dev.assay.policy.Decision.Verdict.WARN;
import static org.junit.jupiter.api.Assertions.assertEquals;

class HealthTest {

    @Test
    void theLatestDecidedWindowsDecide() {
        assertEquals(Health.UNKNOWN, Health.of(List.of()));
        assertEquals(Health.UNKNOWN, Health.of(Arrays.asList(null, null)), "windows whose audits still run say nothing yet");
        assertEquals(Health.HEALTHY, Health.of(List.of(PASS, PASS, PASS, FAIL)), "only the latest three count");
        assertEquals(Health.FAILING, Health.of(List.of(FAIL, PASS, PASS)));
        assertEquals(Health.FAILING, Health.of(Arrays.asList(null, FAIL, PASS)), "an undecided newest window is skipped");
        assertEquals(Health.DEGRADED, Health.of(List.of(PASS, FAIL, PASS)), "a recovery after a failure");
        assertEquals(Health.DEGRADED, Health.of(List.of(PASS, PASS, WARN)));
        assertEquals("degraded", Health.DEGRADED.id());
    }
}
