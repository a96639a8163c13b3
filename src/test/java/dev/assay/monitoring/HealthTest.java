package dev.assay.monitoring;

import dev.assay.policy.Decision;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static dev.assay.policy.Decision.Verdict.FAIL;
import static dev.assay.policy.Decision.Verdict.PASS;
import static dev.assay.policy.Decision.Verdict.WARN;
import static org.junit.jupiter.api.Assertions.assertEquals;

class HealthTest {

    /** Windows, newest first, all with labels enough. */
    private static List<Health.Window> labeled(Decision.Verdict... decisions) {
        List<Health.Window> out = new ArrayList<>();
        for (Decision.Verdict d : decisions) {
            out.add(new Health.Window(d, 1.0));
        }
        return out;
    }

    private static Health of(List<Health.Window> windows) {
        return Health.of(windows, 0.5, Health.DEFAULT_FAILING_AFTER, false);
    }

    @Test
    void theLatestDecidedWindowsDecide() {
        assertEquals(Health.UNKNOWN, of(List.of()));
        assertEquals(Health.UNKNOWN, of(labeled(null, null)), "windows whose audits still run say nothing yet");
        assertEquals(Health.HEALTHY, of(labeled(PASS, PASS, PASS, FAIL)), "only the latest three count");
        assertEquals(Health.FAILING, of(labeled(FAIL, PASS, PASS)));
        assertEquals(Health.FAILING, of(labeled(null, FAIL, PASS)), "an undecided newest window is skipped");
        assertEquals(Health.DEGRADED, of(labeled(PASS, FAIL, PASS)), "a recovery after a failure");
        assertEquals(Health.DEGRADED, of(labeled(PASS, PASS, WARN)));
        assertEquals("degraded", Health.DEGRADED.id());
    }

    @Test
    void aPersistentDegradationIsFailing() {
        assertEquals(Health.FAILING, of(labeled(WARN, WARN, WARN)), "three windows in a row that warn");
        assertEquals(Health.FAILING, of(labeled(WARN, FAIL, WARN, PASS)), "warned or failed, three in a row");
        assertEquals(Health.DEGRADED, of(labeled(WARN, WARN, PASS)));
        assertEquals(Health.DEGRADED, Health.of(labeled(WARN, WARN, WARN), 0.5, 4, false), "as configured: four in a row");
        assertEquals(Health.FAILING, Health.of(labeled(WARN), 0.5, 1, false), "or one");
    }

    @Test
    void labelsTooFewDegrade() {
        List<Health.Window> newestUnlabeled = List.of(new Health.Window(PASS, 0.0), new Health.Window(PASS, 0.8),
                new Health.Window(PASS, 0.9));
        assertEquals(Health.HEALTHY, of(newestUnlabeled), "the newest window's labels are on their way: the feedback loop's delay");
        List<Health.Window> noLabels = List.of(new Health.Window(PASS, 0.1), new Health.Window(PASS, 0.2),
                new Health.Window(PASS, 0.4));
        assertEquals(Health.DEGRADED, of(noLabels), "none of the recent windows has labels enough");
        assertEquals(Health.HEALTHY, Health.of(noLabels, 0.1, 3, false), "against a lower minimum they have");
    }

    @Test
    void aValueInAlarmIsFailingThoughEveryWindowPassed() {
        assertEquals(Health.FAILING, Health.of(labeled(PASS, PASS, PASS), 0.5, 3, true),
                "a persistent change the CUSUM found under windows that each passed alone");
        assertEquals(Health.HEALTHY, Health.of(labeled(PASS, PASS, PASS), 0.5, 3, false));
        assertEquals(Health.UNKNOWN, Health.of(labeled(null, null), 0.5, 3, true), "nothing decided, nothing to say");
    }
}
