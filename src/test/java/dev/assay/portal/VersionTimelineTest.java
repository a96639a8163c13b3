package dev.assay.portal;

import dev.assay.ledger.LedgerChain;
import dev.assay.ledger.LedgerEntry;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class VersionTimelineTest {

    private static final String PAGE = "/portal/models/credit-risk/versions/1.4.0";
    private static final Instant T0 = Instant.parse("2026-12-01T09:00:00Z");

    private final List<LedgerEntry> entries = new ArrayList<>();

    private void entry(int minute, String kind, String subject, String actor, String payload) {
        long seq = entries.size() + 1;
        Instant at = T0.plusSeconds(60L * minute);
        entries.add(new LedgerEntry(seq, kind, subject, actor, at, payload, LedgerChain.GENESIS,
                LedgerChain.hash(seq, kind, subject, actor, at, payload, LedgerChain.GENESIS)));
    }

    @Test
    void theTrailNewestFirstWithDecisionsActorsAndLinks() {
        entry(0, "version.registered", "credit-risk@1.4.0", "ci", "{\"cardSha256\":\"0123456789abcdef0123\",\"modelVersion\":\"mv\","
                + "\"artifact\":\"sha256:9f2c\"}");
        entry(1, "dataset.ingested", "ds-1", "ci", "{\"modelVersion\":\"mv\",\"role\":\"evaluation\",\"rows\":7214,\"sha256\":\"feedfacecafebeef00\"}");
        entry(2, "audit.requested", "audit-0123456789", "ci", "{\"modelVersion\":\"mv\"}");
        entry(3, "audit.completed", "audit-0123456789", "assay-system",
                "{\"decision\":\"FAIL\",\"reasons\":[\"four-fifths-impact-ratio\"]}");
        entry(3, "review.commented", "audit-0123456789", "ada", "{\"body\":\"Why is the reference group White?\"}");
        entry(4, "waiver.requested", "w-1", "owen", "{\"rule\":\"four-fifths-impact-ratio\",\"expiresAt\":\"2027-01-01T00:00:00Z\"}");
        entry(5, "waiver.approved", "w-1", "ada", "{\"rule\":\"four-fifths-impact-ratio\",\"comment\":\"Until re-validation.\"}");
        entry(5, "audit.signed-off", "audit-0123456789", "ada", "{\"signOff\":\"s-1\",\"statement\":\"Reviewed the evidence.\"}");
        entry(6, "deployment.created", "dep-1", "ci", "{\"environment\":\"production\",\"gate\":\"WARN\"}");
        entry(7, "deployment.ended", "dep-1", "ci", "{\"environment\":\"production\",\"reason\":\"replaced\"}");
        entry(8, "token.issued", "tok-1", "admin", "{}");

        List<VersionTimeline.Event> events = VersionTimeline.of(PAGE, List.copyOf(entries));

        assertEquals(List.of("deployment.ended", "deployment.created", "audit.signed-off", "waiver.approved", "waiver.requested",
                "audit.completed", "audit.requested", "dataset.ingested", "version.registered"),
                events.stream().map(VersionTimeline.Event::kind).toList(),
                "newest first (the same minute in chain order); kinds that are no part of a version's trail (a comment, a token) left out");
        VersionTimeline.Event signedOff = events.get(2);
        assertEquals("Audit audit-012345\u2026 signed off: Reviewed the evidence.", signedOff.what());
        assertEquals("ada", signedOff.actor());
        assertEquals("/portal/audits/audit-0123456789", signedOff.link());
        VersionTimeline.Event completed = events.get(5);
        assertEquals("Audit audit-012345\u2026 completed: FAIL (four-fifths-impact-ratio)", completed.what());
        assertEquals("FAIL", completed.decision());
        assertEquals("\u2716 FAIL", completed.badge());
        assertEquals("assay-system", completed.actor());
        assertEquals("/portal/audits/audit-0123456789", completed.link(), "the audit's own page");
        assertEquals("2026-12-01 09:03:00 UTC", completed.when());
        assertEquals(T0.plusSeconds(180), completed.at());

        assertEquals("Waiver for four-fifths-impact-ratio approved: Until re-validation.", events.get(3).what());
        assertEquals("ada", events.get(3).actor());
        assertEquals(PAGE + "#waivers", events.get(3).link());
        assertEquals("Deployment in production ended (replaced by a newer deployment)", events.get(0).what());
        assertEquals("/portal/deployments/dep-1", events.get(0).link());
        assertEquals("Deployed to production on gate WARN", events.get(1).what());
        assertEquals("Dataset uploaded: evaluation, 7214 rows, SHA-256 feedfacecafe\u2026", events.get(7).what());
        assertEquals(PAGE + "#datasets", events.get(7).link());
        assertEquals("Registered (model card SHA-256 0123456789ab\u2026), certifying artifact sha256:9f2c", events.get(8).what());
        assertNull(events.get(8).link());
        assertNull(events.get(8).decision());
    }

    @Test
    void entriesOfTheSameInstantKeepChainOrderNewestFirstAndAnUnreadablePayloadStillShows() {
        entry(0, "audit.requested", "a-1", "ci", "{}");
        entry(0, "audit.failed", "a-1", "assay-system", "not json");
        entry(0, "deployment.refused", "mv", "ci", "{\"environment\":\"production\",\"gate\":\"FAIL\",\"required\":\"PASS\"}");
        List<LedgerEntry> shuffled = new ArrayList<>(entries);
        java.util.Collections.reverse(shuffled);
        List<VersionTimeline.Event> events = VersionTimeline.of(PAGE, shuffled);
        assertEquals(List.of("deployment.refused", "audit.failed", "audit.requested"), events.stream().map(VersionTimeline.Event::kind).toList());
        assertEquals("Deployment to production refused: the gate was FAIL, the environment requires PASS", events.get(0).what());
        assertEquals("Audit a-1 failed: ", events.get(1).what());
    }
}
