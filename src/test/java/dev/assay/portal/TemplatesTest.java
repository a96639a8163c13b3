package dev.assay.portal;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TemplatesTest {

    private static String audits(boolean running) {
        Map<String, Object> m = new HashMap<>();
        m.put("running", running);
        m.put("link", "/portal/models/m/versions/1.0.0");
        m.put("audits", List.of(new VersionPages.AuditRow("0123456789abcdef", running ? "RUNNING" : "DONE", running ? null : "PASS",
                running ? null : Page.badge("PASS"), Instant.parse("2026-11-27T12:00:00Z"), "ci", null, null, !running)));
        return new Templates().render("version-audits", m);
    }

    @Test
    void theAuditsListPollsItselfOnlyWhileAnAuditRuns() {
        String running = audits(true);
        assertTrue(running.contains("hx-get=\"/portal/models/m/versions/1.0.0/audits\""), running);
        assertTrue(running.contains("hx-trigger=\"every 2s\"") && running.contains("role=\"status\""), running);
        String done = audits(false);
        assertFalse(done.contains("hx-get"), done);
        assertTrue(done.contains("\u2714 PASS") && done.contains("/portal/audits/0123456789abcdef/report.pdf"), done);
    }
}
