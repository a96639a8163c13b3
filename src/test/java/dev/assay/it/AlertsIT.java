package dev.assay.it;

import com.sun.net.httpserver.HttpServer;
import dev.assay.alert.Signature;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.StringReader;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Alerts against a real HTTP receiver on this machine (the JDK's own server) that fails, hangs and
 * recovers: events are delivered at least once, signed, with an id that stays the same on every retry;
 * each attempt is recorded; and an audit finishes in its usual time while the receiver hangs.
 */
@ExtendWith(LibertyServer.class)
class AlertsIT {

    /** How the receiver answers, switched by the tests. */
    enum Mode { FAIL, HANG, OK }

    record Received(String id, String type, String signature, byte[] body, JsonObject json) {
    }

    private static HttpServer receiver;
    private static volatile Mode mode = Mode.OK;
    private static final List<Received> RECEIVED = new CopyOnWriteArrayList<>();
    private static final String SECRET = "it-secret-" + UUID.randomUUID();

    @BeforeAll
    static void startReceiver() throws Exception {
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        receiver.createContext("/hook", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            Mode now = mode;
            if (now == Mode.HANG) {
                try {
                    Thread.sleep(6_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            if (now == Mode.OK) {
                RECEIVED.add(new Received(exchange.getRequestHeaders().getFirst("Assay-Event-Id"),
                        exchange.getRequestHeaders().getFirst("Assay-Event-Type"),
                        exchange.getRequestHeaders().getFirst(Signature.HEADER), body,
                        Json.createReader(new StringReader(new String(body, StandardCharsets.UTF_8))).readObject()));
            }
            exchange.sendResponseHeaders(now == Mode.FAIL ? 503 : 204, -1);
            exchange.close();
        });
        receiver.start();
    }

    @AfterAll
    static void keepAnswering() {
        // Events of later tests keep coming to the receivers configured here; answer them rather than fail them.
        mode = Mode.OK;
    }

    private static String hook() {
        return "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook";
    }

    private static String configure(String name, String events) throws Exception {
        Api.Reply r = Api.admin().send("PUT", "/api/v1/alert-receivers/" + name, "application/json",
                ("{\"url\":\"" + hook() + "\",\"events\":" + events + ",\"secret\":\"" + SECRET + "\"}").getBytes());
        assertEquals(201, r.status(), r.text());
        assertTrue(!r.text().contains(SECRET), "the secret is never answered");
        return name;
    }

    private static List<JsonObject> deliveries(String receiverName) throws Exception {
        return Api.withRoles("auditor").get("/api/v1/alert-receivers/" + receiverName + "/deliveries").json()
                .getJsonArray("deliveries").getValuesAs(JsonObject.class);
    }

    private static JsonObject awaitDelivery(String receiverName, String eventId, Predicate<JsonObject> state, String what)
            throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (Instant.now().isBefore(deadline)) {
            for (JsonObject d : deliveries(receiverName)) {
                if (d.getString("event").equals(eventId) && state.test(d)) {
                    return d;
                }
            }
            Thread.sleep(200);
        }
        throw new AssertionError(what + ": " + deliveries(receiverName));
    }

    @Test
    void aReceiverThatFailsHangsAndRecoversGetsEachEventSignedAndAtLeastOnce() throws Exception {
        String name = configure("it-hook-" + UUID.randomUUID().toString().substring(0, 8), "[\"gate.changed\"]");
        assertEquals(200, Api.admin().send("PUT", "/api/v1/alert-receivers/" + name, "application/json",
                ("{\"url\":\"" + hook() + "\",\"events\":[\"gate.changed\"],\"secret\":\"" + SECRET + "\"}").getBytes()).status(),
                "configuring again replaces");
        mode = Mode.FAIL;
        Api ci = Api.withRoles("ci-gate");
        String model = "alerts-it-" + UUID.randomUUID().toString().substring(0, 8);
        String version = WalkingSkeletonIT.register(ci, model);
        assertEquals(201, ci.send("POST", version + "/datasets", "text/csv", WalkingSkeletonIT.csv().getBytes()).status());
        assertEquals(201, ci.send("POST", version + "/audits?wait=60", "application/json", "{}".getBytes()).status());

        // The gate went from NONE to FAIL: one event, retried while the receiver answers 503.
        JsonObject failing = awaitDelivery(name, deliveries(name).stream().filter(d -> d.getString("type").equals("gate.changed"))
                .findFirst().orElseThrow(() -> new AssertionError("no gate.changed delivery")).getString("event"),
                d -> d.getInt("attempts") >= 2, "retried after 503s");
        String eventId = failing.getString("event");
        assertEquals("retrying", failing.getString("status"));
        assertEquals("HTTP 503", failing.getString("lastError"));

        // Hanging: attempts time out; an audit meanwhile takes its usual time.
        mode = Mode.HANG;
        int before = awaitDelivery(name, eventId, d -> true, "").getInt("attempts");
        String other = WalkingSkeletonIT.register(ci, model + "-b");
        assertEquals(201, ci.send("POST", other + "/datasets", "text/csv", WalkingSkeletonIT.csv().getBytes()).status());
        Instant start = Instant.now();
        assertEquals(201, ci.send("POST", other + "/audits?wait=60", "application/json", "{}".getBytes()).status());
        assertTrue(Duration.between(start, Instant.now()).toSeconds() < 30, "an audit is not held up by a hanging receiver");
        JsonObject timedOut = awaitDelivery(name, eventId, d -> d.getInt("attempts") > before
                && d.getString("lastError", "").contains("Timeout"), "an attempt that timed out");
        assertEquals("retrying", timedOut.getString("status"));

        // Recovered: delivered, signed, the same event id as every attempt before.
        mode = Mode.OK;
        JsonObject delivered = awaitDelivery(name, eventId, d -> d.getString("status").equals("delivered"), "delivered");
        assertTrue(delivered.getInt("attempts") >= 3, delivered.toString());
        Received got = RECEIVED.stream().filter(r -> eventId.equals(r.id())).findFirst().orElseThrow();
        assertEquals("gate.changed", got.type());
        assertTrue(Signature.verify(SECRET, got.signature(), got.body()), "the signature checks out with the shared secret");
        assertTrue(!Signature.verify("another-secret-0000", got.signature(), got.body()), "and not with another");
        assertEquals(eventId, got.json().getString("id"));
        assertEquals(model + "@1.0.0", got.json().getString("subject"));
        assertEquals("NONE", got.json().getString("before"));
        assertEquals("FAIL", got.json().getString("after"));
        assertTrue(RECEIVED.stream().filter(r -> eventId.equals(r.id())).allMatch(r -> java.util.Arrays.equals(r.body(), got.body())),
                "a repeat is the same event, to be dropped by its id");
    }

    @Test
    void anApprovedWaiverCloseToItsExpiryIsToldOnce() throws Exception {
        mode = Mode.OK;
        String name = configure("it-expiry-" + UUID.randomUUID().toString().substring(0, 8), "[\"waiver.expiring\",\"gate.changed\"]");
        Api ci = Api.withRoles("ci-gate");
        Api owner = Api.withRoles("model-owner");
        String model = "expiry-it-" + UUID.randomUUID().toString().substring(0, 8);
        String version = WalkingSkeletonIT.register(ci, model);
        Api.addOwners(model, owner.person());
        assertEquals(201, ci.send("POST", version + "/datasets", "text/csv", WalkingSkeletonIT.csv().getBytes()).status());
        assertEquals(201, ci.send("POST", version + "/audits?wait=60", "application/json", "{}".getBytes()).status());
        String expires = Instant.now().plus(2, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS).toString();
        Api.Reply requested = owner.send("POST", version + "/waivers", "application/json", ("{\"rule\":\"four-fifths-impact-ratio\","
                + "\"justification\":\"A re-sample of the evaluation data is under way.\",\"expiresAt\":\"" + expires + "\"}").getBytes());
        assertEquals(201, requested.status(), requested.text());
        String waiver = requested.json().getString("id");
        assertEquals(200, Api.withRoles("auditor").send("POST", "/api/v1/waivers/" + waiver + "/approve", "application/json",
                "{\"comment\":\"Until the re-sample lands.\"}".getBytes()).status());

        JsonObject notice = awaitDelivery(name, "waiver.expiring:" + waiver, d -> d.getString("status").equals("delivered"),
                "the expiry notice");
        assertEquals("waiver.expiring", notice.getString("type"));
        Received got = RECEIVED.stream().filter(r -> ("waiver.expiring:" + waiver).equals(r.id())).findFirst().orElseThrow();
        assertEquals(expires, got.json().getString("expiresAt"));
        assertEquals(model, got.json().getString("model"));
        // The approval moved the gate from FAIL to WARN: told as well, with its cause.
        assertTrue(RECEIVED.stream().anyMatch(r -> "gate.changed".equals(r.type()) && (model + "@1.0.0").equals(r.json().getString("subject"))
                && r.json().getString("after").equals("WARN") && r.json().getString("cause").startsWith("waiver ")));
        Thread.sleep(3_000);
        assertEquals(1, deliveries(name).stream().filter(d -> d.getString("event").equals("waiver.expiring:" + waiver)).count(),
                "sweeps after it tell no one again");
    }

    /**
     * Issue 20, part 3: a pack that says how long its audit stays valid. Its audit's gate is FAIL "audit expired" from
     * the expiry on, by itself (the version gate and the artifact gate alike); {@code audit.expiring} goes out ahead of
     * it (30 days by default, so at once for a validity of seconds), once; asking for the same audit again renews it.
     */
    @Test
    void anAuditPastItsValidityFailsTheGateByItselfAndIsToldAheadOnce() throws Exception {
        mode = Mode.OK;
        String name = configure("it-audit-expiry-" + UUID.randomUUID().toString().substring(0, 8),
                "[\"audit.expiring\",\"gate.changed\"]");
        String pack = "it-expiring-" + UUID.randomUUID().toString().substring(0, 8);
        String yaml = """
                id: %s
                version: 1.0.0
                title: Valid for seconds
                validFor: PT12S
                rules:
                  - id: ratio-reported
                    metric: impact_ratio
                    scope: protected
                    threshold: {comparator: ">=", value: 0}
                    severity: block
                    cites: [{regulation: test}]
                """.formatted(pack);
        assertEquals(201, Api.admin().send("PUT", "/api/v1/policies/" + pack, "application/yaml",
                yaml.getBytes(StandardCharsets.UTF_8)).status());
        Api ci = Api.withRoles("ci-gate");
        String model = "audit-expiry-it-" + UUID.randomUUID().toString().substring(0, 8);
        String digest = "sha256:" + java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                .digest(model.getBytes(StandardCharsets.UTF_8)));
        Api.Reply registered = ci.send("PUT", "/api/v1/models/" + model + "/versions/1.0.0", "application/yaml",
                (WalkingSkeletonIT.CARD_YAML.formatted(model) + "artifact:\n  digest: " + digest + "\n").getBytes(StandardCharsets.UTF_8));
        assertEquals(201, registered.status(), registered.text());
        String version = "/api/v1/models/" + model + "/versions/1.0.0";
        assertEquals(201, ci.send("POST", version + "/datasets", "text/csv", WalkingSkeletonIT.csv().getBytes()).status());
        String request = "{\"policies\":[\"" + pack + "\"]}";
        Api.Reply audited = ci.send("POST", version + "/audits?wait=60", "application/json", request.getBytes());
        assertEquals(201, audited.status(), audited.text());
        JsonObject audit = audited.json();
        String auditId = audit.getString("id");
        Instant finished = Instant.parse(audit.getString("finishedAt"));
        Instant expiresAt = Instant.parse(audit.getString("expiresAt"));
        assertEquals(finished.plusSeconds(12), expiresAt, "the validity runs from the audit's completion");

        JsonObject valid = ci.get(version + "/gate").json();
        if (Instant.now().isBefore(expiresAt)) {
            assertEquals("PASS", valid.getString("decision"), valid.toString());
            assertEquals(expiresAt.toString(), valid.getString("expiresAt"));
        }

        // Told ahead, once, with what expires and when.
        JsonObject notice = awaitDelivery(name, "audit.expiring:" + auditId, d -> d.getString("status").equals("delivered"),
                "the audit's expiry notice");
        assertEquals("audit.expiring", notice.getString("type"));
        Received got = RECEIVED.stream().filter(r -> ("audit.expiring:" + auditId).equals(r.id())).findFirst().orElseThrow();
        assertEquals(model + "@1.0.0", got.json().getString("subject"));
        assertEquals(auditId, got.json().getString("audit"));
        assertEquals(expiresAt.toString(), got.json().getString("expiresAt"));
        assertTrue(Signature.verify(SECRET, got.signature(), got.body()));

        // By itself, from the expiry on: FAIL for that one reason, on both gates, and ?require=PASS refuses.
        JsonObject expired = null;
        Instant deadline = expiresAt.plusSeconds(30);
        while (Instant.now().isBefore(deadline)) {
            JsonObject gate = ci.get(version + "/gate").json();
            if (gate.getString("decision").equals("FAIL")) {
                expired = gate;
                assertTrue(!Instant.now().isBefore(expiresAt), "FAIL no earlier than the expiry");
                break;
            }
            Thread.sleep(250);
        }
        assertTrue(expired != null, "the gate turned FAIL after the expiry");
        assertEquals(List.of("audit expired"), expired.getJsonArray("reasons").getValuesAs(jakarta.json.JsonString.class)
                .stream().map(jakarta.json.JsonString::getString).toList());
        assertEquals(auditId, expired.getString("audit"));
        assertEquals(expiresAt.toString(), expired.getString("expiresAt"));
        assertEquals(409, ci.get(version + "/gate?require=PASS").status());
        Api.Reply byArtifact = ci.get("/api/v1/gate?artifact=" + digest + "&require=PASS");
        assertEquals(409, byArtifact.status(), byArtifact.text());
        assertEquals("FAIL", byArtifact.json().getString("decision"));
        assertEquals("audit expired", byArtifact.json().getJsonArray("reasons").getString(0));
        assertEquals(1, deliveries(name).stream().filter(d -> d.getString("event").equals("audit.expiring:" + auditId)).count(),
                "sweeps after it tell no one again");

        // And what the expiry changed, after it: gate.changed, once, at the expiry's instant.
        JsonObject change = awaitDelivery(name, "gate.changed:" + auditId + ":expired", d -> d.getString("status").equals("delivered"),
                "the gate's change at the expiry");
        assertEquals("gate.changed", change.getString("type"));
        JsonObject told = RECEIVED.stream().filter(r -> ("gate.changed:" + auditId + ":expired").equals(r.id())).findFirst()
                .orElseThrow().json();
        assertEquals(List.of(model + "@1.0.0", "PASS", "FAIL", auditId, "audit expired", expiresAt.toString()),
                List.of(told.getString("subject"), told.getString("before"), told.getString("after"), told.getString("audit"),
                        told.getString("cause"), told.getString("occurredAt")), told.toString());

        // The same request again renews the audit: a new run, valid from its own completion.
        Api.Reply renewed = ci.send("POST", version + "/audits?wait=60", "application/json", request.getBytes());
        assertEquals(201, renewed.status(), renewed.text());
        assertTrue(!renewed.json().getString("id").equals(auditId), "an expired audit is not answered again");
        JsonObject again = ci.get(version + "/gate").json();
        if (Instant.now().isBefore(Instant.parse(renewed.json().getString("expiresAt")))) {
            assertEquals("PASS", again.getString("decision"), again.toString());
            assertEquals(renewed.json().getString("id"), again.getString("audit"));
        }
        assertEquals(1, deliveries(name).stream().filter(d -> d.getString("event").equals("gate.changed:" + auditId + ":expired")).count(),
                "the expiry's change is told once, whatever the sweeps after it");
    }

    @Test
    void aReceiverThatWillNotDoIsRefusedWithEveryProblem() throws Exception {
        Api.Reply r = Api.admin().send("PUT", "/api/v1/alert-receivers/bad", "application/json",
                "{\"url\":\"ftp://example.com/x\",\"events\":[\"gate.changed\"],\"secret\":\"0123456789abcdef\"}".getBytes());
        assertEquals(422, r.status(), r.text());
        assertEquals("/url", r.json().getJsonArray("errors").getJsonObject(0).getString("pointer"));
        Api.Reply wrong = Api.admin().send("PUT", "/api/v1/alert-receivers/bad", "application/json",
                "{\"url\":\"http://127.0.0.1/x\",\"events\":[\"everything\"],\"secret\":\"short\"}".getBytes());
        assertEquals(422, wrong.status(), wrong.text());
        assertTrue(wrong.text().contains("/events/0") && wrong.text().contains("/secret"), wrong.text());
        assertEquals(404, Api.admin().get("/api/v1/alert-receivers/bad/deliveries").status(), "nothing was stored");
    }
}
