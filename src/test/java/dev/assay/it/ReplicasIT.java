package dev.assay.it;

import jakarta.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two Assay servers on one PostgreSQL database and one data directory (issue 18, "More than one Assay"): the run's
 * server and a replica started beside it on another port. They share the audit queue, the window closer, the
 * failed-attempt limits and, within a second, what each keeps in memory; the replica killed (SIGKILL) in the middle of
 * audits loses nothing and doubles nothing. PostgreSQL pass only (H2 is one server's database).
 */
@ExtendWith(LibertyServer.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReplicasIT {

    private static LibertyServer.Replica replica;

    @BeforeAll
    static void startReplica() throws Exception {
        assertEquals("postgres", LibertyServer.get().database(), "replicas share a PostgreSQL database: run in the PostgreSQL pass");
        replica = LibertyServer.startReplica("it-replica");
    }

    @AfterAll
    static void stopReplica() throws Exception {
        if (replica != null) {
            replica.close();
        }
    }

    /** 30 failed token attempts a minute per source: 30 made on one server, the 31st on the other is refused. */
    @Test
    @Order(1)
    void failedTokenAttemptsAddUpAcrossServers() throws Exception {
        URI first = LibertyServer.get().base();
        for (int i = 0; i < 30; i++) {
            assertEquals(401, status(first, "Bearer assay_not-a-token-" + i), "failure " + (i + 1) + " of 30 is only refused");
        }
        assertEquals(429, status(replica.base(), "Bearer assay_not-a-token-31"),
                "the 31st, on the other server, is throttled: the count is the database's, not one server's");
        assertEquals(200, Api.withRoles("auditor").on(replica.base()).get("/api/v1/models").status(),
                "another source is not affected");
    }

    /** A GET of the model list from source address 127.0.0.3 (apart from every other test's), with its status. */
    private static int status(URI server, String authorization) throws Exception {
        try (Socket socket = new Socket(server.getHost(), server.getPort(), InetAddress.getByName("127.0.0.3"), 0)) {
            socket.setSoTimeout(30_000);
            socket.getOutputStream().write(("GET /api/v1/models HTTP/1.1\r\nHost: " + server.getAuthority()
                    + "\r\nAuthorization: " + authorization + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
            return Integer.parseInt(answer.substring(9, 12));
        }
    }

    /**
     * The replica keeps the gate it reads (for the CI fleets that ask it again and again) at most a second: while it
     * is read there without pause, an audit finishes on the other server, and every read begun more than a second
     * after that server answered shows the new gate.
     */
    @Test
    @Order(2)
    void theGateKeptOnOneServerFollowsTheOtherWithinASecond() throws Exception {
        Api ci = Api.withRoles("ci-gate");
        String version = WalkingSkeletonIT.register(ci, "replicas-gate-it");
        assertEquals(201, ci.send("POST", version + "/datasets", "text/csv", WalkingSkeletonIT.csv().getBytes()).status());
        Api onReplica = ci.on(replica.base());
        record Read(long begun, String audit) {
        }
        ConcurrentLinkedQueue<Read> reads = new ConcurrentLinkedQueue<>();
        AtomicBoolean reading = new AtomicBoolean(true);
        Thread reader = new Thread(() -> {
            while (reading.get()) {
                try {
                    long begun = System.nanoTime();
                    JsonObject gate = onReplica.get(version + "/gate").json();
                    reads.add(new Read(begun, gate.isNull("audit") ? "" : gate.getString("audit")));
                    Thread.sleep(20);
                } catch (Exception e) {
                    reads.add(new Read(System.nanoTime(), "error: " + e));
                }
            }
        });
        reader.start();
        Thread.sleep(1500);
        Api.Reply audit = ci.send("POST", version + "/audits?wait=120", "application/json", "{}".getBytes());
        long answered = System.nanoTime();
        assertEquals(201, audit.status(), audit.text());
        String id = audit.json().getString("id");
        Thread.sleep(2500);
        reading.set(false);
        reader.join();
        List<Read> all = new ArrayList<>(reads);
        assertTrue(all.stream().anyMatch(r -> r.begun() < answered && r.audit().isEmpty()), "read before the audit: no audit yet");
        List<Read> late = all.stream().filter(r -> r.begun() > answered + Duration.ofSeconds(1).toNanos()).toList();
        assertFalse(late.isEmpty());
        assertTrue(late.stream().allMatch(r -> r.audit().equals(id)), "every read begun a second after the audit ended sees it: " + late);
    }

    /**
     * Both servers run the window closer every 5 s; the lease lets one of them close at a time. Windows of 2015 (ended
     * more than the IT's ten-year grace ago), posted half to each server, are each audited once.
     */
    @Test
    @Order(3)
    void theWindowCloserAuditsEachWindowOnceAcrossServers() throws Exception {
        Api ci = Api.withRoles("ci-gate");
        String model = "replicas-closer-it";
        String path = "/api/v1/models/" + model + "/versions/1.0.0";
        assertEquals(201, ci.send("PUT", path, "application/yaml", MonitoringIT.CARD.formatted(model, "1.0.0")
                .getBytes(StandardCharsets.UTF_8)).status());
        assertEquals(201, ci.send("POST", path + "/datasets", "text/csv", MonitoringIT.evaluation(60, 30, 60, 30).getBytes()).status());
        assertEquals(201, ci.send("POST", path + "/audits?wait=120", "application/json", "{}".getBytes()).status());
        Api.Reply deployed = ci.send("POST", "/api/v1/models/" + model + "/deployments", "application/json",
                "{\"version\":\"1.0.0\",\"environment\":\"production\",\"monitoring\":{\"window\":\"P1D\"}}".getBytes());
        assertEquals(201, deployed.status(), deployed.text());
        String deployment = deployed.json().getString("id");
        String d = "/api/v1/deployments/" + deployment;
        Instant day = Instant.parse("2015-04-01T00:00:00Z");
        for (int i = 0; i < 4; i++) {
            Api to = i % 2 == 0 ? ci : ci.on(replica.base());
            assertEquals(201, to.send("POST", d + "/predictions?batch=day-" + i, "text/csv",
                    MonitoringIT.predictions(1 + 100 * i, 30, 15, 15, day.plus(Duration.ofDays(i))).getBytes()).status());
        }
        List<JsonObject> windows = MonitoringIT.awaitWindows(ci, d, 4);
        // Two more rounds of both closers: nothing is closed again.
        Thread.sleep(12_000);
        List<JsonObject> after = ci.on(replica.base()).get(d + "/windows").json().getJsonArray("windows").getValuesAs(JsonObject.class);
        assertEquals(windows, after);
        for (JsonObject w : after) {
            assertTrue(w.getJsonArray("earlierAudits").isEmpty(), "one audit per window: " + w);
            assertEquals("assay-monitor", ci.get("/api/v1/audits/" + w.getString("audit")).json().getString("createdBy"));
        }
        LibertyServer.Running server = LibertyServer.get();
        try (Connection c = DriverManager.getConnection(server.jdbcUrl(), server.jdbcUser(), "");
             PreparedStatement s = c.prepareStatement("SELECT count(*), count(DISTINCT audit_id) FROM monitoring_window WHERE deployment_id = ?")) {
            s.setString(1, deployment);
            try (ResultSet r = s.executeQuery()) {
                r.next();
                assertEquals(4, r.getInt(1), "one window record per window");
                assertEquals(4, r.getInt(2), "each with an audit of its own");
            }
        }
    }

    /**
     * Audits queued on the replica, which is killed (SIGKILL) while it runs some of them: after its lease the other
     * server claims those and finishes them. Every audit ends DONE once, with one result, one audit.requested and one
     * audit.completed entry and no audit.failed, and the ledger chain verifies.
     */
    @Test
    @Order(4)
    void aServerKilledMidAuditLosesNothingAndDoesNothingTwice() throws Exception {
        Api ci = Api.withRoles("ci-gate");
        Api onReplica = ci.on(replica.base());
        LibertyServer.Running server = LibertyServer.get();
        // Audits the earlier test classes left queued or running are older, so both servers take them first: the
        // replica would be busy with those while the other server takes the ones queued here. Begin on a quiet queue.
        try (Connection c = DriverManager.getConnection(server.jdbcUrl(), server.jdbcUser(), "")) {
            long deadline = System.nanoTime() + Duration.ofSeconds(300).toNanos();
            for (List<String> busy = unfinished(c); !busy.isEmpty(); busy = unfinished(c)) {
                assertTrue(System.nanoTime() < deadline, "audits of earlier tests still unfinished after 300 s: " + busy);
                Thread.sleep(200);
            }
        }
        byte[] data = rows(60_000).getBytes(StandardCharsets.UTF_8);
        byte[] request = "{\"policies\":[\"eeoc-four-fifths\", \"data-quality-baseline\"]}".getBytes();
        List<String> versions = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            String version = WalkingSkeletonIT.register(ci, "replicas-kill-it-" + i);
            // Uploaded to either server: both read the one data directory.
            Api.Reply upload = (i % 2 == 0 ? ci : onReplica).send("POST", version + "/datasets", "text/csv", data);
            assertEquals(201, upload.status(), upload.text());
            versions.add(version);
        }
        List<String> ids = new ArrayList<>();
        for (String version : versions) {
            Api.Reply started = onReplica.send("POST", version + "/audits", "application/json", request);
            assertTrue(started.status() == 201 || started.status() == 202, started.text());
            ids.add(started.json().getString("id"));
        }

        Set<String> killedMidAudit = new TreeSet<>();
        try (Connection c = DriverManager.getConnection(server.jdbcUrl(), server.jdbcUser(), "")) {
            long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
            while (runningOn(c, replica.name(), ids).isEmpty()) {
                assertTrue(System.nanoTime() < deadline, "the replica claimed none of the audits queued on it: "
                        + states(c, ids) + "; unfinished now: " + unfinished(c) + "; the replica's warnings: " + replica.warnings(20));
                Thread.sleep(10);
            }
            replica.kill();
            // The replica is dead: what it holds RUNNING now is what it was running when it was killed.
            killedMidAudit.addAll(runningOn(c, replica.name(), ids));
        }
        assertFalse(killedMidAudit.isEmpty(), "the replica was killed in the middle of an audit: " + states(ids));

        for (String id : ids) {
            JsonObject audit = CrashRecoveryIT.awaitDone(ci, id);
            assertEquals("FAIL", audit.getString("decision"), audit.toString());
            assertEquals(200, ci.get("/api/v1/audits/" + id + "/report", "application/pdf").status());
        }
        try (Connection c = DriverManager.getConnection(server.jdbcUrl(), server.jdbcUser(), "")) {
            for (String id : ids) {
                Map<String, Object> run = row(c, "SELECT status, claimed_by, attempts FROM audit_run WHERE id = ?", id);
                assertEquals("DONE", run.get("status"));
                if (killedMidAudit.contains(id)) {
                    assertEquals(LibertyServer.serverName(), run.get("claimed_by"), "taken over by the server left: " + id);
                    assertEquals(2, ((Number) run.get("attempts")).intValue(), "claimed twice, once by each server: " + id);
                }
                assertEquals(1L, count(c, "SELECT count(*) FROM audit_result WHERE audit_id = ?", id), "one result: " + id);
                for (String kind : List.of("audit.requested", "audit.completed", "audit.failed")) {
                    assertEquals(kind.equals("audit.failed") ? 0L : 1L,
                            count(c, "SELECT count(*) FROM ledger_entry WHERE kind = '" + kind + "' AND subject = ?", id),
                            kind + " of " + id);
                }
            }
        }
        JsonObject verified = Api.withRoles("auditor").get("/api/v1/ledger/verify").json();
        assertTrue(verified.getBoolean("valid"), verified.toString());
    }

    /** {@code n} rows of the walking skeleton's shape (F hired at 0.3, M at 0.5: the four-fifths rule fails). */
    private static String rows(int n) {
        StringBuilder b = new StringBuilder("id,sex,hired,label\n");
        for (int i = 0; i < n; i++) {
            boolean female = i % 2 == 0;
            int k = i / 2;
            int hired = female ? (k % 10 < 3 ? 1 : 0) : (k % 10 < 5 ? 1 : 0);
            b.append(i + 1).append(female ? ",F," : ",M,").append(hired).append(',').append(k % 3 == 0 ? 1 : 0).append('\n');
        }
        return b.toString();
    }

    /** The audit runs queued or running now, with their server: what the queue holds. */
    private static List<String> unfinished(Connection c) throws Exception {
        List<String> runs = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("SELECT id, status, claimed_by, created_at FROM audit_run"
                + " WHERE status IN ('QUEUED', 'RUNNING') ORDER BY created_at");
             ResultSet r = s.executeQuery()) {
            while (r.next()) {
                runs.add(r.getString(1) + " " + r.getString(2) + " on " + r.getString(3) + " since " + r.getTimestamp(4));
            }
        }
        return runs;
    }

    /** Each run's status, server and attempts, for a failure message. */
    private static List<String> states(Connection c, List<String> ids) throws Exception {
        List<String> states = new ArrayList<>();
        for (String id : ids) {
            Map<String, Object> run = row(c, "SELECT status, claimed_by, attempts FROM audit_run WHERE id = ?", id);
            states.add(id + " " + run);
        }
        return states;
    }

    private static List<String> states(List<String> ids) throws Exception {
        LibertyServer.Running server = LibertyServer.get();
        try (Connection c = DriverManager.getConnection(server.jdbcUrl(), server.jdbcUser(), "")) {
            return states(c, ids);
        }
    }

    private static Set<String> runningOn(Connection c, String server, List<String> ids) throws Exception {
        Set<String> running = new TreeSet<>();
        try (PreparedStatement s = c.prepareStatement("SELECT id FROM audit_run WHERE status = 'RUNNING' AND claimed_by = ?")) {
            s.setString(1, server);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    if (ids.contains(r.getString(1))) {
                        running.add(r.getString(1));
                    }
                }
            }
        }
        return running;
    }

    private static Map<String, Object> row(Connection c, String sql, String id) throws Exception {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, id);
            try (ResultSet r = s.executeQuery()) {
                assertTrue(r.next(), "no row for " + id);
                Map<String, Object> row = new HashMap<>();
                for (int i = 1; i <= r.getMetaData().getColumnCount(); i++) {
                    row.put(r.getMetaData().getColumnLabel(i).toLowerCase(java.util.Locale.ROOT), r.getObject(i));
                }
                return row;
            }
        }
    }

    private static long count(Connection c, String sql, String id) throws Exception {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, id);
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getLong(1);
            }
        }
    }
}
