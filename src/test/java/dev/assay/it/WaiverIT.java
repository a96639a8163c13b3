package dev.assay.it;

import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The four-eyes waiver flow over HTTP, with different people. */
@ExtendWith(LibertyServer.class)
class WaiverIT {

    @Test
    void requestApproveAndTheGateTurnsToWarn() throws Exception {
        Api ci = Api.withRoles("ci-gate");
        Api owner = Api.withRoles("model-owner");
        Api auditor = Api.withRoles("auditor");
        Api ownerAndAuditor = Api.withRoles("model-owner", "auditor");
        String version = WalkingSkeletonIT.register(ci, "waiver-it");
        Api.addOwners("waiver-it", owner.person(), ownerAndAuditor.person());
        assertEquals(201, ci.send("POST", version + "/datasets", "text/csv",
                WalkingSkeletonIT.csv().getBytes(StandardCharsets.UTF_8)).status());
        assertEquals(201, ci.send("POST", version + "/audits?wait=60", "application/json", "{}".getBytes()).status());
        assertEquals("FAIL", ci.get(version + "/gate").json().getString("decision"));

        String expires = Instant.now().plus(30, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS).toString();
        String body = "{\"rule\":\"four-fifths-impact-ratio\",\"justification\":\"The evaluation sample over-represents "
                + "applicants from one branch; a re-sample is scheduled.\",\"expiresAt\":\"" + expires + "\"}";
        // Auditors do not request; CI does not either.
        assertEquals(403, auditor.send("POST", version + "/waivers", "application/json", body.getBytes()).status());
        assertEquals(403, ci.send("POST", version + "/waivers", "application/json", body.getBytes()).status());
        Api.Reply requested = owner.send("POST", version + "/waivers", "application/json", body.getBytes());
        assertEquals(201, requested.status(), requested.text());
        JsonObject waiver = requested.json();
        assertEquals("pending", waiver.getString("status"));
        assertEquals(expires, waiver.getString("expiresAt"));
        JsonObject pendingGate = ci.get(version + "/gate").json();
        assertEquals("FAIL", pendingGate.getString("decision"), "pending waivers change nothing");
        assertTrue(pendingGate.getJsonArray("waivers").getValuesAs(JsonObject.class).stream()
                .anyMatch(w -> w.getString("id").equals(waiver.getString("id"))), "but the gate lists them at once: " + pendingGate);

        // Nobody decides their own request, whatever their roles.
        Api.Reply own = ownerAndAuditor.send("POST", version + "/waivers", "application/json", body.getBytes());
        assertEquals(201, own.status());
        Api.Reply self = ownerAndAuditor.send("POST", "/api/v1/waivers/" + own.json().getString("id") + "/approve",
                "application/json", "{\"comment\":\"fine by me\"}".getBytes());
        assertEquals(403, self.status());
        assertTrue(self.contentType().startsWith("application/problem+json"));
        assertEquals(403, owner.send("POST", "/api/v1/waivers/" + waiver.getString("id") + "/approve", "application/json",
                "{\"comment\":\"x\"}".getBytes()).status(), "a model owner does not approve");

        // CI keeps asking while the waiver is approved: the gate is kept in memory, yet no answer to a request
        // sent after the approval was answered may still say FAIL.
        List<long[]> asked = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
        java.util.concurrent.atomic.AtomicBoolean asking = new java.util.concurrent.atomic.AtomicBoolean(true);
        List<Thread> askers = new java.util.ArrayList<>();
        for (int i = 0; i < 4; i++) {
            Thread t = new Thread(() -> {
                while (asking.get()) {
                    try {
                        long sent = System.nanoTime();
                        String decision = ci.get(version + "/gate").json().getString("decision");
                        asked.add(new long[]{sent, decision.equals("WARN") ? 1 : 0});
                    } catch (Exception e) {
                        asked.add(new long[]{System.nanoTime(), -1});
                    }
                }
            });
            t.start();
            askers.add(t);
        }
        Thread.sleep(300);
        Api.Reply approved = auditor.send("POST", "/api/v1/waivers/" + waiver.getString("id") + "/approve",
                "application/json", "{\"comment\":\"Accepted until the re-sample lands.\"}".getBytes());
        long answered = System.nanoTime();
        Thread.sleep(300);
        asking.set(false);
        for (Thread t : askers) {
            t.join();
        }
        assertEquals(200, approved.status(), approved.text());
        assertTrue(asked.stream().noneMatch(a -> a[1] == -1), "every gate request answered");
        assertTrue(asked.stream().anyMatch(a -> a[0] < answered && a[1] == 0), "FAIL before the approval");
        assertTrue(asked.stream().anyMatch(a -> a[0] > answered), "requests after the approval");
        assertTrue(asked.stream().filter(a -> a[0] > answered).allMatch(a -> a[1] == 1),
                "every request sent after the approval was answered sees WARN");
        assertEquals("approved", approved.json().getString("status"));
        assertEquals("approved", approved.json().getJsonObject("decision").getString("outcome"));
        assertEquals(409, auditor.send("POST", "/api/v1/waivers/" + waiver.getString("id") + "/reject", "application/json",
                "{\"comment\":\"changed my mind\"}".getBytes()).status(), "a decided waiver stays decided");

        JsonObject gate = ci.get(version + "/gate").json();
        assertEquals("WARN", gate.getString("decision"));
        assertTrue(gate.getJsonArray("waivers").getValuesAs(JsonObject.class).stream()
                .anyMatch(w -> w.getString("id").equals(waiver.getString("id")) && w.getString("status").equals("approved")));
        assertEquals(200, ci.get(version + "/gate?require=WARN").status());
        assertEquals(409, ci.get(version + "/gate?require=PASS").status());

        // A later audit's signed report records every waiver of the version: who asked, who decided, why.
        Api.Reply later = ci.send("POST", version + "/audits?wait=60", "application/json",
                "{\"metrics\":[\"selection_rate\"]}".getBytes());
        assertEquals(201, later.status(), later.text());
        JsonObject report = ci.get("/api/v1/audits/" + later.json().getString("id") + "/report", "application/json").json();
        JsonObject recorded = report.getJsonArray("waivers").getValuesAs(JsonObject.class).stream()
                .filter(w -> w.getString("id").equals(waiver.getString("id"))).findFirst().orElseThrow();
        assertEquals("approved", recorded.getString("status"));
        assertEquals("Accepted until the re-sample lands.", recorded.getJsonObject("decision").getString("comment"));
        assertEquals(auditor.person() + " (token it-token)", recorded.getJsonObject("decision").getString("by"),
                "the person and the token they acted through");
        assertEquals(2, report.getJsonArray("waivers").size(), "the pending self-request is recorded too");
    }

    /**
     * Four eyes compares people, not tokens: a waiver asked for through one of a person's tokens cannot be
     * approved through another of theirs; another person approves it.
     */
    @Test
    void onePersonsTwoTokensAreStillOnePairOfEyes() throws Exception {
        Api ci = Api.withRoles("ci-gate");
        Api first = Api.withRoles("model-owner", "auditor");
        Api.Reply minted = Api.admin().send("POST", "/api/v1/tokens", "application/json",
                ("{\"name\":\"second\",\"roles\":[\"model-owner\",\"auditor\"],\"user\":\"" + first.person() + "\"}").getBytes());
        assertEquals(201, minted.status(), minted.text());
        assertEquals(first.person(), minted.json().getString("user"));
        Api second = Api.anonymous().withAuthorization("Bearer " + minted.json().getString("token"));
        Api.Reply again = Api.admin().send("POST", "/api/v1/tokens", "application/json",
                ("{\"name\":\"second\",\"roles\":[\"auditor\"],\"user\":\"" + first.person() + "\"}").getBytes());
        assertEquals(409, again.status(), "token names are unique per person: " + again.text());

        String version = WalkingSkeletonIT.register(ci, "four-eyes-it");
        assertEquals(201, ci.send("POST", version + "/datasets", "text/csv",
                WalkingSkeletonIT.csv().getBytes(StandardCharsets.UTF_8)).status());
        assertEquals(201, ci.send("POST", version + "/audits?wait=60", "application/json", "{}".getBytes()).status());
        String expires = Instant.now().plus(30, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS).toString();
        Api.Reply requested = first.send("POST", version + "/waivers", "application/json", ("{\"rule\":\"four-fifths-impact-ratio\","
                + "\"justification\":\"The evaluation sample over-represents one branch.\",\"expiresAt\":\"" + expires + "\"}").getBytes());
        assertEquals(201, requested.status(), requested.text());
        assertEquals(first.person() + " (token it-token)", requested.json().getString("requestedBy"));
        String id = requested.json().getString("id");
        Api.Reply viaOtherToken = second.send("POST", "/api/v1/waivers/" + id + "/approve", "application/json",
                "{\"comment\":\"looks fine\"}".getBytes());
        assertEquals(403, viaOtherToken.status(), viaOtherToken.text());
        assertTrue(viaOtherToken.json().getString("detail").contains(first.person()), viaOtherToken.text());
        Api.Reply byAnother = Api.withRoles("auditor").send("POST", "/api/v1/waivers/" + id + "/approve", "application/json",
                "{\"comment\":\"Accepted until the re-sample lands.\"}".getBytes());
        assertEquals(200, byAnother.status(), byAnother.text());
    }

    /** The waiver endpoints are part of the published contract. */
    @Test
    void theOpenApiDocumentListsTheWaiverEndpoints() throws Exception {
        Api.Reply doc = Api.anonymous().get("/openapi", "application/json");
        assertEquals(200, doc.status(), doc.text());
        var paths = doc.json().getJsonObject("paths");
        for (String path : List.of("/api/v1/models/{model}/versions/{version}/waivers", "/api/v1/waivers/{id}",
                "/api/v1/waivers/{id}/approve", "/api/v1/waivers/{id}/reject")) {
            assertTrue(paths.containsKey(path), path + " in " + paths.keySet());
        }
        assertTrue(paths.getJsonObject("/api/v1/waivers/{id}/approve").containsKey("post"));
    }

    @Test
    void badRequestsAreRefused() throws Exception {
        Api owner = Api.withRoles("model-owner");
        Api.addOwners("loan-approval", owner.person());
        String version = "/api/v1/models/loan-approval/versions/1.1.0";  // passes: nothing to waive
        Api.Reply r = owner.send("POST", version + "/waivers", "application/json",
                ("{\"rule\":\"four-fifths-impact-ratio\",\"justification\":\"short\",\"expiresAt\":\""
                        + Instant.now().plus(200, ChronoUnit.DAYS) + "\"}").getBytes());
        assertEquals(422, r.status());
        var pointers = r.json().getJsonArray("errors").getValuesAs(JsonObject.class).stream().map(e -> e.getString("pointer")).toList();
        assertTrue(pointers.containsAll(java.util.List.of("/rule", "/justification", "/expiresAt")), pointers.toString());
        assertEquals(404, owner.get("/api/v1/waivers/no-such-waiver").status());
    }
}
