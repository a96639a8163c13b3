package dev.assay.it;

import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The ledger over HTTP, and tampering with its rows directly in the database (H2 and PostgreSQL). */
@ExtendWith(LibertyServer.class)
class LedgerIT {

    @Test
    void everyStateChangeIsChainedAndTamperingIsDetected() throws Exception {
        Api auditor = Api.withRoles("auditor");
        assertEquals(403, Api.withRoles("ci-gate").get("/api/v1/ledger").status());
        var entries = auditor.get("/api/v1/ledger?limit=1000").json().getJsonArray("entries").getValuesAs(JsonObject.class);
        List<String> kinds = entries.stream().map(e -> e.getString("kind")).distinct().toList();
        assertTrue(kinds.containsAll(List.of("policy.stored", "version.registered", "dataset.ingested", "audit.requested",
                "audit.completed", "token.issued")), kinds.toString());
        assertEquals(1, entries.get(0).getInt("seq"));
        assertEquals(entries.get(0).getString("hash"), entries.get(1).getString("prev"));
        JsonObject intact = auditor.get("/api/v1/ledger/verify").json();
        assertTrue(intact.getBoolean("valid"), intact.toString());
        Api.Reply export = auditor.get("/api/v1/ledger/export");
        assertEquals(200, export.status(), export.text());
        var offline = dev.assay.ledger.LedgerExport.verify(new java.io.BufferedReader(new java.io.StringReader(export.text())));
        assertTrue(offline.valid(), offline.reason());
        assertTrue(offline.entries() >= intact.getInt("entries"), "the export holds the whole chain");

        try (Connection c = DriverManager.getConnection(LibertyServer.get().jdbcUrl(), LibertyServer.get().jdbcUser(), "")) {
            String original;
            try (PreparedStatement s = c.prepareStatement("SELECT payload FROM ledger_entry WHERE seq = 2");
                 ResultSet r = s.executeQuery()) {
                r.next();
                original = r.getString(1);
            }
            try (PreparedStatement s = c.prepareStatement("UPDATE ledger_entry SET payload = ? WHERE seq = 2")) {
                s.setString(1, original.replace("}", ",\"tampered\":true}"));
                s.executeUpdate();
            }
            JsonObject broken = auditor.get("/api/v1/ledger/verify").json();
            assertFalse(broken.getBoolean("valid"));
            assertEquals(2, broken.getInt("firstBad"));
            assertEquals("entry 2 was changed after it was written", broken.getString("reason"));
            var offlineBroken = dev.assay.ledger.LedgerExport.verify(new java.io.BufferedReader(new java.io.StringReader(
                    auditor.get("/api/v1/ledger/export").text())));
            assertEquals(2L, offlineBroken.firstBadSeq(), "the export of a tampered ledger fails offline too");
            try (PreparedStatement s = c.prepareStatement("UPDATE ledger_entry SET payload = ? WHERE seq = 2")) {
                s.setString(1, original);
                s.executeUpdate();
            }
        }
        assertTrue(auditor.get("/api/v1/ledger/verify").json().getBoolean("valid"), "restored");
    }

    @Test
    void keyRotationIsForAdminsKeepsOldKeysAndIsRecorded() throws Exception {
        Api admin = Api.withRoles("admin");
        assertEquals(403, Api.withRoles("auditor").send("POST", "/api/v1/keys/rotate", "application/json", new byte[0]).status());
        int before = Api.anonymous().get("/.well-known/jwks.json").json().getJsonArray("keys").size();
        Api.Reply rotated = admin.send("POST", "/api/v1/keys/rotate", "application/json", new byte[0]);
        assertEquals(200, rotated.status(), rotated.text());
        String kid = rotated.json().getString("keyId");
        var keys = Api.anonymous().get("/.well-known/jwks.json").json().getJsonArray("keys").getValuesAs(JsonObject.class);
        assertEquals(before + 1, keys.size());
        assertEquals(kid, keys.get(0).getString("kid"));
        assertTrue(admin.get("/api/v1/ledger?limit=1000").json().getJsonArray("entries").getValuesAs(JsonObject.class)
                .stream().anyMatch(e -> e.getString("kind").equals("key.rotated") && e.getString("subject").equals(kid)));
    }

    @Test
    void aRevokedKeysReportsNoLongerVerify() throws Exception {
        Api admin = Api.withRoles("admin");
        Api ci = Api.withRoles("ci-gate");
        String revoking = admin.send("POST", "/api/v1/keys/rotate", "application/json", new byte[0]).json().getString("keyId");
        String version = WalkingSkeletonIT.register(ci, "revoke-it");
        assertEquals(201, ci.send("POST", version + "/datasets", "text/csv",
                WalkingSkeletonIT.csv().getBytes(StandardCharsets.UTF_8)).status());
        String audit = ci.send("POST", version + "/audits?wait=60", "application/json", "{}".getBytes()).json().getString("id");
        byte[] report = ci.get("/api/v1/audits/" + audit + "/report", "application/json").body();
        byte[] jws = ci.get("/api/v1/audits/" + audit + "/report.jws").body();
        byte[] pdf = ci.get("/api/v1/audits/" + audit + "/report", "application/pdf").body();
        assertTrue(WalkingSkeletonIT.verify(report, jws).getBoolean("valid"));
        String current = admin.send("POST", "/api/v1/keys/rotate", "application/json", new byte[0]).json().getString("keyId");

        byte[] why = "{\"reason\":\"key file copied to an unmanaged laptop\"}".getBytes(StandardCharsets.UTF_8);
        String revoke = "/api/v1/keys/" + revoking + "/revoke";
        assertEquals(403, Api.withRoles("auditor").send("POST", revoke, "application/json", why).status());
        Api.Reply noReason = admin.send("POST", revoke, "application/json", "{}".getBytes());
        assertEquals(422, noReason.status());
        assertTrue(noReason.text().contains("/reason"), noReason.text());
        assertEquals(409, admin.send("POST", "/api/v1/keys/" + current + "/revoke", "application/json", why).status(),
                "the signing key is rotated out before it is revoked");
        assertEquals(404, admin.send("POST", "/api/v1/keys/no-such-key/revoke", "application/json", why).status());
        Api.Reply revoked = admin.send("POST", revoke, "application/json", why);
        assertEquals(200, revoked.status(), revoked.text());
        assertEquals(409, admin.send("POST", revoke, "application/json", why).status());

        JsonObject json = WalkingSkeletonIT.verify(report, jws);
        assertFalse(json.getBoolean("valid"));
        assertTrue(json.getString("reason").startsWith("revoked key: " + revoking), json.toString());
        JsonObject viaPdf = Api.anonymous().send("POST", "/api/v1/verify", "application/pdf", pdf).json();
        assertTrue(viaPdf.getString("reason").startsWith("revoked key"), viaPdf.toString());
        assertTrue(Api.anonymous().get("/.well-known/assay-revoked-keys.json").text().contains(revoking));
        assertTrue(Api.anonymous().get("/.well-known/jwks.json").text().contains(revoking), "still published, to be named");
        assertTrue(admin.get("/api/v1/ledger?limit=1000").json().getJsonArray("entries").getValuesAs(JsonObject.class)
                .stream().anyMatch(e -> e.getString("kind").equals("key.revoked") && e.getString("subject").equals(revoking)));
    }
}
