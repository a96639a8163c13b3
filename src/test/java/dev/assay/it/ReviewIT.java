package dev.assay.it;

import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Review of an audit over HTTP (issue 19 part 7), with different people: threaded comments on findings, a named
 * auditor's sign-off (never by an owner of the model, once per auditor), each in the ledger with the person and the
 * token they acted through; what is refused leaves nothing behind.
 */
@ExtendWith(LibertyServer.class)
class ReviewIT {

    @Test
    void ownersAndAuditorsCommentInThreadsAndAnAuditorWhoDoesNotOwnTheModelSignsOff() throws Exception {
        Api ci = Api.withRoles("ci-gate");
        Api owner = Api.withRoles("model-owner");
        Api auditor = Api.withRoles("auditor");
        Api ownerAndAuditor = Api.withRoles("model-owner", "auditor");
        String model = "review-it-" + java.util.UUID.randomUUID().toString().substring(0, 8);
        String version = WalkingSkeletonIT.register(ci, model);
        Api.addOwners(model, owner.person(), ownerAndAuditor.person());
        assertEquals(201, ci.send("POST", version + "/datasets", "text/csv", WalkingSkeletonIT.csv().getBytes(StandardCharsets.UTF_8)).status());
        Api.Reply audit = ci.send("POST", version + "/audits?wait=60", "application/json", "{}".getBytes());
        assertEquals(201, audit.status(), audit.text());
        String id = audit.json().getString("id");
        String a = "/api/v1/audits/" + id;

        Api.Reply first = owner.send("POST", a + "/comments", "application/json",
                "{\"finding\":\"four-fifths-impact-ratio\",\"body\":\"The F sample is from one branch only.\"}".getBytes());
        assertEquals(201, first.status(), first.text());
        String firstId = first.json().getString("id");
        assertEquals(owner.person(), first.json().getString("author"));
        assertEquals(owner.person() + " (token it-token)", first.json().getString("writtenBy"), "the person, and the token they wrote through");
        Api.Reply reply = auditor.send("POST", a + "/comments", "application/json",
                ("{\"replyTo\":\"" + firstId + "\",\"body\":\"Then the ratio's interval should say so; it does.\"}").getBytes());
        assertEquals(201, reply.status(), reply.text());
        assertEquals(firstId, reply.json().getString("thread"));
        assertEquals("four-fifths-impact-ratio", reply.json().getString("finding"), "a reply is on its thread's finding");
        Api.Reply general = auditor.send("POST", a + "/comments", "application/json", "{\"body\":\"Data is from Q3.\"}".getBytes());
        assertEquals(201, general.status(), general.text());

        // Refused, each with its place, nothing stored: a finding the audit does not have, no body, an unknown key, CI.
        Api.Reply noSuchFinding = owner.send("POST", a + "/comments", "application/json",
                "{\"finding\":\"no-such-rule\",\"body\":\"?\"}".getBytes());
        assertEquals(422, noSuchFinding.status(), noSuchFinding.text());
        assertTrue(noSuchFinding.contentType().startsWith("application/problem+json"));
        assertEquals(List.of("/finding"), pointers(noSuchFinding));
        assertTrue(noSuchFinding.text().contains("four-fifths-impact-ratio"), "the answer lists the findings there are: " + noSuchFinding.text());
        Api.Reply empty = owner.send("POST", a + "/comments", "application/json", "{\"body\":\"\",\"colour\":\"red\"}".getBytes());
        assertEquals(422, empty.status(), empty.text());
        assertTrue(pointers(empty).containsAll(List.of("/body", "/colour")), empty.text());
        assertEquals(403, ci.send("POST", a + "/comments", "application/json", "{\"body\":\"from CI\"}".getBytes()).status());
        assertEquals(404, owner.send("POST", "/api/v1/audits/no-such-audit/comments", "application/json", "{\"body\":\"x\"}".getBytes()).status());

        // Sign-off: not by an owner of the model even with the auditor role, not by an owner at all, once per auditor.
        Api.Reply own = ownerAndAuditor.send("POST", a + "/sign-offs", "application/json", "{\"statement\":\"Mine is fine.\"}".getBytes());
        assertEquals(403, own.status(), own.text());
        assertTrue(own.text().contains("owns this model"), own.text());
        assertEquals(403, owner.send("POST", a + "/sign-offs", "application/json", "{\"statement\":\"x\"}".getBytes()).status());
        Api.Reply signed = auditor.send("POST", a + "/sign-offs", "application/json",
                "{\"statement\":\"Reviewed the findings, the data's provenance and the waivers.\"}".getBytes());
        assertEquals(201, signed.status(), signed.text());
        assertEquals(auditor.person(), signed.json().getString("auditor"));
        Api.Reply again = auditor.send("POST", a + "/sign-offs", "application/json", "{\"statement\":\"Twice.\"}".getBytes());
        assertEquals(409, again.status(), again.text());

        JsonObject review = ci.get(a + "/review").json();
        List<JsonObject> threads = review.getJsonArray("threads").getValuesAs(JsonObject.class);
        assertEquals(2, threads.size(), review.toString());
        assertEquals(firstId, threads.get(0).getJsonObject("first").getString("id"));
        assertEquals(List.of(reply.json().getString("id")), threads.get(0).getJsonArray("replies").getValuesAs(JsonObject.class)
                .stream().map(r -> r.getString("id")).toList());
        assertTrue(threads.get(1).getJsonObject("first").isNull("finding"), "on the audit as a whole");
        List<JsonObject> signOffs = review.getJsonArray("signOffs").getValuesAs(JsonObject.class);
        assertEquals(1, signOffs.size(), "the refused sign-offs left nothing");
        assertEquals("Reviewed the findings, the data's provenance and the waivers.", signOffs.get(0).getString("statement"));

        // The report of a later audit of the version names the sign-off, in its signed JSON and in its PDF.
        Api.Reply later = ci.send("POST", version + "/audits?wait=60", "application/json",
                "{\"policies\":[\"eeoc-four-fifths\",\"data-quality-baseline\"]}".getBytes());
        assertEquals(201, later.status(), later.text());
        String laterId = later.json().getString("id");
        List<JsonObject> named = ci.get("/api/v1/audits/" + laterId + "/report", "application/json").json().getJsonArray("signOffs").getValuesAs(JsonObject.class);
        assertEquals(1, named.size(), named.toString());
        assertEquals(id, named.get(0).getString("audit"));
        assertEquals(auditor.person(), named.get(0).getString("auditor"));
        assertEquals(signed.json().getString("signedAt"), named.get(0).getString("signedAt"));
        assertTrue(!ci.get(a + "/report", "application/json").json().containsKey("signOffs"), "a report made before any sign-off keeps its shape");
        Api.Reply pdf = ci.get("/api/v1/audits/" + laterId + "/report", "application/pdf");
        assertEquals(200, pdf.status());
        try (var doc = org.apache.pdfbox.Loader.loadPDF(pdf.body())) {
            String text = new org.apache.pdfbox.text.PDFTextStripper().getText(doc).replace("\r", "").replace("\n", " ");
            assertTrue(text.contains("Sign-offs of earlier audits of this version (1)") && text.contains("signed off by " + auditor.person()),
                    text);
        }

        List<JsonObject> ledger = entriesAbout(id);
        assertEquals(3, ledger.stream().filter(e -> e.getString("kind").equals("review.commented")).count(), ledger.toString());
        assertEquals(List.of(auditor.person() + " (token it-token)"), ledger.stream().filter(e -> e.getString("kind").equals("audit.signed-off"))
                .map(e -> e.getString("actor")).toList());
        assertTrue(Api.withRoles("auditor").get("/api/v1/ledger/verify").json().getBoolean("valid"));
    }

    /** The ledger's entries about {@code subject}, following the pages to the end of the chain. */
    static List<JsonObject> entriesAbout(String subject) throws Exception {
        Api reader = Api.withRoles("auditor");
        List<JsonObject> about = new java.util.ArrayList<>();
        String next = "/api/v1/ledger?limit=1000";
        while (next != null) {
            JsonObject page = reader.get(next).json();
            page.getJsonArray("entries").getValuesAs(JsonObject.class).stream()
                    .filter(e -> e.getString("subject").equals(subject)).forEach(about::add);
            next = page.isNull("next") || !page.containsKey("next") ? null : page.getString("next");
        }
        return about;
    }

    private static List<String> pointers(Api.Reply problem) {
        return problem.json().getJsonArray("errors").getValuesAs(JsonObject.class).stream().map(e -> e.getString("pointer")).toList();
    }
}
