package dev.assay.it;

import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The server killed (SIGKILL, no shutdown) with audits in flight: after the restart every audit ends
 * DONE exactly once, none is lost or doubled, and the ledger still verifies.
 */
@ExtendWith(LibertyServer.class)
class CrashRecoveryIT {

    @Test
    void auditsInFlightFinishExactlyOnceAfterACrash() throws Exception {
        Api ci = Api.withRoles("ci-gate");
        String version = WalkingSkeletonIT.register(ci, "crash-it");
        assertEquals(201, ci.send("POST", version + "/datasets", "text/csv", WalkingSkeletonIT.csv().getBytes()).status());
        byte[] request = "{\"policies\":[\"eeoc-four-fifths\", \"data-quality-baseline\"]}".getBytes();

        // Killed at whatever point the audit has reached: queued, running or done.
        Api.Reply started = ci.send("POST", version + "/audits", "application/json", request);
        assertTrue(started.status() == 201 || started.status() == 202, started.text());
        String inFlight = started.json().getString("id");
        // And as a crash can leave them: one audit taken by a worker (RUNNING), one not yet (QUEUED).
        String running = UUID.randomUUID().toString();
        String queued = UUID.randomUUID().toString();
        LibertyServer.Running server = LibertyServer.get();
        LibertyServer.crashAndRestart(() -> {
            try (Connection c = DriverManager.getConnection(server.jdbcUrl(), server.jdbcUser(), "")) {
                for (String[] copy : List.of(new String[] {running, "RUNNING"}, new String[] {queued, "QUEUED"})) {
                    try (PreparedStatement s = c.prepareStatement("INSERT INTO audit_run (id, model_version_id, dataset_id, "
                            + "baseline_id, request_json, inputs_sha256, status, created_by, created_at, started_at) SELECT ?, "
                            + "model_version_id, dataset_id, baseline_id, request_json, ?, ?, created_by, created_at, "
                            + "CASE WHEN ? = 'RUNNING' THEN created_at END FROM audit_run WHERE id = ?")) {
                        s.setString(1, copy[0]);
                        s.setString(2, "crash-" + copy[1].toLowerCase() + "-" + copy[0].substring(0, 8));
                        s.setString(3, copy[1]);
                        s.setString(4, copy[1]);
                        s.setString(5, inFlight);
                        assertEquals(1, s.executeUpdate());
                    }
                }
            }
        });

        for (String id : List.of(inFlight, running, queued)) {
            JsonObject audit = awaitDone(ci, id);
            assertEquals("FAIL", audit.getString("decision"), "F's impact ratio is 0.6: " + audit);
            assertEquals(200, ci.get("/api/v1/audits/" + id + "/report", "application/json").status());
        }
        // The same request again is the same audit, not a new one; nothing was doubled by the restart.
        Api.Reply again = ci.send("POST", version + "/audits", "application/json", request);
        assertEquals(inFlight, again.json().getString("id"));
        List<JsonObject> audits = ci.get(version).json().getJsonArray("audits").getValuesAs(JsonObject.class);
        assertEquals(3, audits.size(), audits.toString());
        assertTrue(Api.withRoles("auditor").get("/api/v1/ledger/verify").json().getBoolean("valid"));
    }

    /**
     * The PDF is rendered after the result's transaction: a stop between the two leaves a finished audit
     * without one. On start it is rendered from the stored signed JSON, without waiting for a download, and
     * is a valid signed PDF of the same report; a download asks no second rendering.
     */
    @Test
    void aResultLeftWithoutItsPdfGetsOneOnStart() throws Exception {
        Api ci = Api.withRoles("ci-gate");
        String version = WalkingSkeletonIT.register(ci, "crash-pdf-it");
        assertEquals(201, ci.send("POST", version + "/datasets", "text/csv", WalkingSkeletonIT.csv().getBytes()).status());
        Api.Reply started = ci.send("POST", version + "/audits?wait=30", "application/json", "{}".getBytes());
        String id = started.json().getString("id");
        awaitDone(ci, id);
        byte[] before = ci.get("/api/v1/audits/" + id + "/report", "application/pdf").body();
        LibertyServer.Running server = LibertyServer.get();
        LibertyServer.crashAndRestart(() -> {
            try (Connection c = DriverManager.getConnection(server.jdbcUrl(), server.jdbcUser(), "");
                 PreparedStatement s = c.prepareStatement("DELETE FROM audit_report_pdf WHERE audit_id = ?")) {
                s.setString(1, id);
                assertEquals(1, s.executeUpdate(), "the audit's PDF was stored after its result");
            }
        });
        boolean rendered = false;
        for (int i = 0; i < 600 && !rendered; i++) {
            try (Connection c = DriverManager.getConnection(server.jdbcUrl(), server.jdbcUser(), "");
                 PreparedStatement s = c.prepareStatement("SELECT count(*) FROM audit_report_pdf WHERE audit_id = ?")) {
                s.setString(1, id);
                try (var r = s.executeQuery()) {
                    r.next();
                    rendered = r.getInt(1) == 1;
                }
            }
            if (!rendered) {
                Thread.sleep(100);
            }
        }
        assertTrue(rendered, "the missing PDF was rendered on start, before any download");
        Api.Reply after = ci.get("/api/v1/audits/" + id + "/report", "application/pdf");
        assertEquals(200, after.status());
        JsonObject verified = Api.anonymous().send("POST", "/api/v1/verify", "application/pdf", after.body()).json();
        assertTrue(verified.getBoolean("valid"), verified.toString());
        byte[] report = ci.get("/api/v1/audits/" + id + "/report", "application/json").body();
        assertArrayEquals(report, attachedReport(before), "the PDF before the crash carries the signed report");
        assertArrayEquals(report, attachedReport(after.body()), "and so does the one rendered on start");
        assertArrayEquals(after.body(), ci.get("/api/v1/audits/" + id + "/report", "application/pdf").body(),
                "stored once: every download is the same PDF");
    }

    /** The canonical report JSON attached to a report PDF. */
    private static byte[] attachedReport(byte[] pdf) throws java.io.IOException {
        try (var doc = org.apache.pdfbox.Loader.loadPDF(pdf)) {
            var spec = doc.getDocumentCatalog().getNames().getEmbeddedFiles().getNames().get("assay-report.json");
            return spec.getEmbeddedFile().toByteArray();
        }
    }

    static JsonObject awaitDone(Api ci, String id) throws Exception {
        for (int i = 0; i < 1200; i++) {
            JsonObject audit = ci.get("/api/v1/audits/" + id).json();
            String status = audit.getString("status");
            if (status.equals("DONE")) {
                return audit;
            }
            assertTrue(!status.equals("ERROR"), audit.toString());
            Thread.sleep(100);
        }
        throw new AssertionError("audit " + id + " did not finish after the restart");
    }
}
