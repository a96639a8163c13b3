package dev.assay.monitoring;

import dev.assay.audit.PinnedInputs;
import dev.assay.metric.MetricParameters;
import dev.assay.policy.Policy;
import dev.assay.policy.PolicyCatalog;
import dev.assay.policy.PolicyParser;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What a window audit pins, and when it withholds label metrics; the monitoring pack as shipped. */
class WindowPinTest {

    static final Instant START = Instant.parse("2026-01-10T11:00:00Z");

    static PinnedInputs.Window window(long rows, long labeled, double minimum) {
        return new PinnedInputs.Window("d", START, START.plusSeconds(3600), rows, labeled, minimum);
    }

    @Test
    void labelMetricsAreWithheldBelowTheMinimumCoverage() {
        assertNull(window(60, 30, 0.5).labelsWithheld(), "at the minimum: computed");
        String why = window(60, 20, 0.5).labelsWithheld();
        assertEquals("label coverage 0.3333 of this window (20 of 60 rows) is below the deployment's minimum 0.5000", why);
        assertTrue(window(0, 0, 0).labelsWithheld() != null, "no labeled row: nothing to compute on, whatever the minimum");
        assertEquals(0.0, window(0, 0, 0.5).labelCoverage());
    }

    @Test
    void theWindowIsPinnedSoTwoWindowsWithTheSameRowsAreTwoAudits() {
        PinnedInputs plain = new PinnedInputs("v", "card", "data", null, List.of("p"), List.of(), MetricParameters.DEFAULTS,
                null, null);
        PinnedInputs w = new PinnedInputs("v", "card", "data", null, List.of("p"), List.of(), MetricParameters.DEFAULTS,
                null, null, window(60, 20, 0.5));
        assertNotEquals(plain.sha256(), w.sha256());
        assertEquals(w, PinnedInputs.parse(w.canonical()), "read back as written");
        assertNull(PinnedInputs.parse(plain.canonical()).window());
    }

    @Test
    void thePostMarketMonitoringPackParsesAndCitesArticle72AndArticle12() {
        Policy p = PolicyParser.parse(PolicyCatalog.readBuiltIn("post-market-monitoring"));
        assertEquals("post-market-monitoring", p.id());
        assertTrue(PolicyCatalog.MONITORING.contains(p.id()));
        p.rules().forEach(r -> assertTrue(!r.cites().isEmpty(), r.id()));
        String citations = p.rules().stream().flatMap(r -> r.cites().stream()).map(c -> c.article()).toList().toString();
        assertTrue(citations.contains("Art. 72"), citations);
        assertTrue(citations.contains("Art. 12"), citations);
    }
}
