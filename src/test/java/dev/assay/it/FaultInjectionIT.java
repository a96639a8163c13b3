package dev.assay.it;

import dev.assay.infrastructure.FaultPoints;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Kills the server at many points of ingest, audit, signing, waiver decisions, the ledger and production batches
 * (issue 16 §5), and checks after every restart that nothing is half stored, no file is orphaned, each audit ran
 * once and the ledger chain is valid.
 *
 * <p>The points are the {@link FaultPoints} calls in the production code; a point is armed by starting the server
 * with {@code ASSAY_FAULT_POINT=<name>:<n>}, and its n-th pass halts the JVM ({@code Runtime.halt}: for what is
 * stored, SIGKILL at that line). {@code -Dassay.fault.points} (default {@value #DEFAULT_POINTS}) pairs of point and
 * pass are drawn from a seed, printed first and settable with {@code -Dassay.fault.seed} to replay a run. For each:
 * the server runs armed with it; the invariants are checked (what the previous crash left, after this start's
 * recovery); the rounds a crash interrupted are driven to their end again as a client retrying would, then a new round
 * (register a version, upload, audit, download the PDF, request and approve a waiver, deploy, post predictions and
 * labels, close the window and wait for its audit) until the server dies. It must die, at that point (the line the
 * point prints before halting is in its console log), and is started again armed with the next pair. After the last
 * one it runs unarmed: the invariants once more, and the last round to its end.
 *
 * <p>The invariants, over everything stored since the first round: the ledger verifies; no audit is left QUEUED or
 * RUNNING; one audit per set of inputs; each audit has one {@code audit.requested} entry and, DONE, one result, one
 * {@code audit.completed} entry, none failed, a stored PDF that verifies, or, ERROR, one {@code audit.failed} entry;
 * each dataset, waiver, waiver decision and batch has its one ledger entry; each stored dataset has its Parquet file
 * and each file in the dataset store a dataset row; each batch its files and each batch file its batch; the scratch
 * directory is empty; the gate of each round's version is its audit's decision as its approved waivers modify it.
 *
 * <p>Its own server, beside the run's: a second server from the same installation (own output directory, data
 * directory, port and database), without the demo, so that a restart costs only Liberty's start and Assay's
 * recovery. On PostgreSQL, the production database (a fresh one for the run, dropped after), whose crash
 * recovery is the one deployments rely on; H2's (with {@code WRITE_DELAY=0}) is checked by CrashRecoveryIT.
 * The cost of each point is printed, and the total.
 */
class FaultInjectionIT {

    static final int DEFAULT_POINTS = 30;

    /**
     * Every point, with how many passes of it one round certainly makes: the pass halted at is drawn below it.
     * A round uploads two datasets (its evaluation file and its window's slice), runs two audits (the version's and
     * the window's), posts two batches (predictions, labels) and appends a dozen ledger entries.
     */
    static final Map<String, Integer> POINTS = new TreeMap<>(Map.ofEntries(
            Map.entry("dataset.spooled", 2), Map.entry("dataset.parquet-written", 2), Map.entry("dataset.published", 2),
            Map.entry("dataset.recorded", 2), Map.entry("dataset.committed", 1),
            Map.entry("audit.requesting", 2), Map.entry("audit.claimed", 2), Map.entry("audit.evaluated", 2),
            Map.entry("audit.completing", 2), Map.entry("audit.completed", 2), Map.entry("audit.pdf-stored", 2),
            Map.entry("report.jws-signed", 2), Map.entry("report.dsse-signed", 2), Map.entry("report.pades-signed", 2),
            Map.entry("waiver.requesting", 1), Map.entry("waiver.requested", 1), Map.entry("waiver.deciding", 1),
            Map.entry("waiver.decided", 1),
            Map.entry("ledger.appending", 8), Map.entry("ledger.appended", 8),
            Map.entry("batch.staged", 1), Map.entry("batch.placed", 2), Map.entry("batch.committed", 2),
            Map.entry("window.sliced", 1), Map.entry("window.audit-started", 1), Map.entry("window.recorded", 1)));

    /** One armed point: its name and the pass that halts. */
    record Armed(String point, int pass) {
        String value() {
            return point + ":" + pass;
        }
    }

    private static FaultServer server;
    private static String database;

    @BeforeAll
    static void start() throws Exception {
        database = "assay_fault_" + HexFormat.of().formatHex(new SecureRandom().generateSeed(4));
        try (Connection c = DriverManager.getConnection(LibertyServer.PG_ADMIN_URL, LibertyServer.PG_USER, "");
             Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + database);
        }
        server = new FaultServer(Path.of(System.getProperty("assay.it.work", "target/it")).resolve("fault").toAbsolutePath(),
                "jdbc:postgresql://127.0.0.1:5432/" + database);
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) {
            server.stop();
        }
        if (database != null) {
            try (Connection c = DriverManager.getConnection(LibertyServer.PG_ADMIN_URL, LibertyServer.PG_USER, "");
                 Statement s = c.createStatement()) {
                s.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
            }
        }
    }

    /** The pairs a seed draws: uniform over the points, then over the passes one round certainly makes of it. */
    static List<Armed> draw(long seed, int count) {
        Random random = new Random(seed);
        List<String> names = List.copyOf(POINTS.keySet());
        List<Armed> drawn = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String point = names.get(random.nextInt(names.size()));
            drawn.add(new Armed(point, 1 + random.nextInt(POINTS.get(point))));
        }
        return drawn;
    }

    @Test
    void killedAtAnyPointTheServerComesBackWithNothingHalfStored() throws Exception {
        long seed = Long.getLong("assay.fault.seed", new SecureRandom().nextLong());
        int count = Integer.getInteger("assay.fault.points", DEFAULT_POINTS);
        List<Armed> plan = draw(seed, count);
        System.out.println("FaultInjectionIT: seed " + seed + " (replay: -Dassay.fault.seed=" + seed + "), " + count + " points: "
                + plan.stream().map(Armed::value).toList());
        long began = System.nanoTime();
        server.start(plan.get(0).value());
        Workload work = new Workload(server);
        Invariants invariants = new Invariants(server, work);
        Map<String, Integer> hitsPerPoint = new TreeMap<>();
        // The first round not yet driven to its end: a crash may interrupt finishing one, which is then finished later.
        int unfinished = 0;
        for (int i = 0; i < plan.size(); i++) {
            Armed armed = plan.get(i);
            long pointBegan = System.nanoTime();
            String stage = "checking";
            try {
                invariants.check();
                for (; unfinished <= i; unfinished++) {
                    stage = (unfinished < i ? "finishing round " : "round ") + unfinished;
                    work.round(unfinished);
                }
                stage = "after round " + i;
            } catch (IOException | ServerGone e) {
                // The server went away: it is asserted below that it died, and where.
            }
            String died = server.awaitDeath(Duration.ofSeconds(20));
            if (died == null) {
                fail("the server did not die at " + armed.value() + " (seed " + seed + "): still alive " + stage);
            }
            assertEquals(FaultPoints.MARKER + armed.point() + "#" + armed.pass(), died,
                    "the server died where it was armed (seed " + seed + ")");
            hitsPerPoint.merge(armed.point(), 1, Integer::sum);
            String next = i + 1 < plan.size() ? plan.get(i + 1).value() : null;
            server.restart(next);
            System.out.printf("FaultInjectionIT: point %d/%d %s: died %s, restarted in %.1f s; %.1f s for the point%n",
                    i + 1, plan.size(), armed.value(), stage, server.lastStartSeconds(),
                    (System.nanoTime() - pointBegan) / 1e9);
        }
        // Unarmed now: what the last crash left, then the last round to its end, and everything once more.
        invariants.check();
        for (; unfinished < plan.size(); unfinished++) {
            work.round(unfinished);
        }
        invariants.check();
        double total = (System.nanoTime() - began) / 1e9;
        System.out.printf("FaultInjectionIT: %d points (%s) in %.1f s, %.1f s a point; %d audits, %d ledger entries checked%n",
                plan.size(), hitsPerPoint, total, total / plan.size(), invariants.audits(), invariants.entries());
    }

    /** The server went away mid-request (refused, reset, or no answer in time). */
    static final class ServerGone extends RuntimeException {
        ServerGone(String what, Throwable cause) {
            super(what, cause);
        }
    }

    /** The test's own Liberty server: started, killed by its armed point, started again. */
    static final class FaultServer {
        final Path work;
        final Path dataDir;
        final Path output;
        final String jdbcUrl;
        final URI base;
        final String adminPassword;
        private final Map<String, String> env = new TreeMap<>();
        private double lastStart;

        FaultServer(Path work, String jdbcUrl) throws IOException {
            this.work = work;
            this.dataDir = work.resolve("data");
            this.output = work.resolve("out");
            this.jdbcUrl = jdbcUrl;
            LibertyServer.deleteTree(work);
            Files.createDirectories(output);
            int port;
            try (var s = new java.net.ServerSocket(0)) {
                port = s.getLocalPort();
            }
            this.base = URI.create("http://localhost:" + port);
            this.adminPassword = "fault-" + HexFormat.of().formatHex(new SecureRandom().generateSeed(12));
            env.put("ASSAY_HTTP_PORT", String.valueOf(port));
            env.put("ASSAY_DATA_DIR", dataDir.toString());
            env.put("ASSAY_ADMIN_PASSWORD", adminPassword);
            env.put("ASSAY_DEMO", "false");
            env.put("ASSAY_SERVER_NAME", "fault-it");
            env.put("WLP_OUTPUT_DIR", output.toString());
            env.put("ASSAY_DB_URL", jdbcUrl);
            env.put("ASSAY_DB_USER", LibertyServer.PG_USER);
            env.put("ASSAY_DB_PASSWORD", "");
            // Staging takes the WARN gate a waiver makes; windows close when the test asks, never on their own.
            env.put("ASSAY_ENVIRONMENTS_ACCEPTING_WARN", "staging");
            env.put("ASSAY_MONITORING_GRACE", "P3650D");
            env.put("ASSAY_MONITORING_INTERVAL", "PT1H");
            env.put("ASSAY_NOTICE_SWEEP", "PT1H");
        }

        Path wlp() {
            return Path.of(System.getProperty("assay.wlp.dir", "target/liberty/wlp")).toAbsolutePath();
        }

        void start(String armed) throws Exception {
            launch(armed, true);
        }

        void restart(String armed) throws Exception {
            launch(armed, false);
        }

        private void launch(String armed, boolean clean) throws Exception {
            long began = System.nanoTime();
            Map<String, String> e = new TreeMap<>(env);
            if (armed != null) {
                e.put(FaultPoints.VARIABLE, armed);
            }
            List<String> command = new ArrayList<>(List.of(wlp().resolve("bin/server").toString(), "start", "assay"));
            if (clean) {
                command.add("--clean");
            }
            ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ChildOutput.to("fault-server-script"));
            pb.environment().putAll(e);
            if (pb.start().waitFor() != 0) {
                throw new IllegalStateException("fault server start failed: see " + output.resolve("assay/logs"));
            }
            awaitReady();
            lastStart = (System.nanoTime() - began) / 1e9;
        }

        double lastStartSeconds() {
            return lastStart;
        }

        private void awaitReady() throws Exception {
            java.net.http.HttpClient client = java.net.http.HttpClient.newHttpClient();
            // As long as LibertyServer waits: on a machine shared by several builds a start took minutes.
            long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
            String last = "no answer";
            while (System.nanoTime() < deadline) {
                try {
                    var r = client.send(java.net.http.HttpRequest.newBuilder(base.resolve("/health/ready"))
                            .timeout(Duration.ofSeconds(5)).build(), java.net.http.HttpResponse.BodyHandlers.ofString());
                    if (r.statusCode() == 200) {
                        return;
                    }
                    last = r.statusCode() + " " + r.body();
                } catch (IOException ex) {
                    last = ex.toString();
                }
                if (pid().flatMap(ProcessHandle::of).isEmpty() && Files.exists(output.resolve(".pid/assay.pid"))) {
                    // Died while starting (an armed point passed by the start's own recovery): the caller sees it.
                    return;
                }
                Thread.sleep(200);
            }
            throw new IllegalStateException("the fault server did not become ready: " + last);
        }

        private java.util.Optional<Long> pid() {
            try {
                return java.util.Optional.of(Long.parseLong(Files.readString(output.resolve(".pid/assay.pid")).trim()));
            } catch (IOException | NumberFormatException e) {
                return java.util.Optional.empty();
            }
        }

        /** Waits for the server's process to end; the fault point's line from its console log, or null if it lives on. */
        String awaitDeath(Duration within) throws Exception {
            var process = pid().flatMap(ProcessHandle::of);
            if (process.isPresent()) {
                try {
                    process.get().onExit().get(within.toMillis(), TimeUnit.MILLISECONDS);
                } catch (java.util.concurrent.TimeoutException e) {
                    return null;
                }
            }
            try (Stream<String> lines = Files.lines(output.resolve("assay/logs/console.log"))) {
                // Liberty prefixes what the JVM wrote to standard error with "[err] ".
                return lines.filter(l -> l.contains(FaultPoints.MARKER)).map(l -> l.substring(l.indexOf(FaultPoints.MARKER)))
                        .reduce((a, b) -> b).orElse("(no fault point line)");
            }
        }

        void stop() throws Exception {
            ProcessBuilder pb = new ProcessBuilder(wlp().resolve("bin/server").toString(), "stop", "assay")
                    .redirectErrorStream(true).redirectOutput(ChildOutput.to("fault-server-script"));
            pb.environment().putAll(env);
            pb.start().waitFor();
        }

        Connection db() throws SQLException {
            return DriverManager.getConnection(jdbcUrl, LibertyServer.PG_USER, "");
        }

        Api adminBasic() {
            return new Api(base, "Basic " + Base64.getEncoder().encodeToString(("admin:" + adminPassword)
                    .getBytes(StandardCharsets.UTF_8)));
        }
    }

    /**
     * What a client does, one round at a time, and again after a crash: every step is safe to repeat (the same card
     * is the same version, the same audit request the same audit, the same batch id the same batch) or looks first.
     */
    static final class Workload {
        private final FaultServer server;
        private Api owner;
        private Api auditor;
        private Api admin;

        Workload(FaultServer server) {
            this.server = server;
        }

        /** A request; the server going away is a {@link ServerGone}. */
        private static Api.Reply call(Api api, String method, String path, String type, byte[] body) {
            try {
                return api.send(method, path, type, body);
            } catch (IOException e) {
                throw new ServerGone(method + " " + path, e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }

        static Api.Reply get(Api api, String path) {
            return call(api, "GET", path, null, null);
        }

        /** A GET asking for a PDF. */
        static Api.Reply pdf(Api api, String path) {
            try {
                return api.get(path, "application/pdf");
            } catch (IOException e) {
                throw new ServerGone("GET " + path, e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }

        private void people() {
            if (owner != null) {
                return;
            }
            Api basic = server.adminBasic();
            Api.Reply token = call(basic, "POST", "/api/v1/tokens", "application/json",
                    "{\"name\":\"fault-admin\",\"roles\":[\"admin\"]}".getBytes());
            assertEquals(201, token.status(), token.text());
            Api a = new Api(server.base, "Bearer " + token.json().getString("token"));
            owner = person(a, "fault-owner", "model-owner");
            auditor = person(a, "fault-auditor", "auditor");
            admin = a;
        }

        private static Api person(Api admin, String name, String role) {
            Api.Reply user = call(admin, "POST", "/api/v1/users", "application/json",
                    ("{\"username\":\"" + name + "\",\"roles\":[\"" + role + "\"]}").getBytes());
            assertTrue(user.status() == 201 || user.status() == 409, user.text());
            Api.Reply token = call(admin, "POST", "/api/v1/tokens", "application/json",
                    ("{\"name\":\"" + name + "\",\"roles\":[\"" + role + "\"],\"user\":\"" + name + "\"}").getBytes());
            assertEquals(201, token.status(), token.text());
            return new Api(server().base, "Bearer " + token.json().getString("token"));
        }

        private static FaultServer server() {
            return FaultInjectionIT.server;
        }

        Api auditor() {
            people();
            return auditor;
        }

        static String model(int round) {
            return "fault-" + round;
        }

        static String version(int round) {
            return "/api/v1/models/" + model(round) + "/versions/1.0.0";
        }

        /** The round's hour of production predictions: each round its own window. */
        static Instant hour(int round) {
            return Instant.parse("2026-01-01T00:00:00Z").plus(Duration.ofHours(round));
        }

        /** The round's evaluation file: its own bytes (ids from 1000 times the round), F hired at 0.3, M at 0.5. */
        static String evaluation(int round) {
            StringBuilder b = new StringBuilder("id,sex,hired,label\n");
            int id = 1000 * round;
            for (int i = 0; i < 100; i++) {
                boolean female = i < 40;
                int hired = female ? (i < 12 ? 1 : 0) : (i < 70 ? 1 : 0);
                b.append(++id).append(female ? ",F," : ",M,").append(hired).append(',').append(i % 7 == 0 ? 1 - hired : hired)
                        .append('\n');
            }
            return b.toString();
        }

        /** Drives round {@code round} to its end: every step, or what a crash left of it, once. */
        void round(int round) {
            people();
            String version = version(round);
            Api.Reply card = call(owner, "PUT", version, "application/yaml",
                    MonitoringIT.CARD.formatted(model(round), "1.0.0").getBytes(StandardCharsets.UTF_8));
            assertTrue(card.status() == 201 || card.status() == 200, card.text());
            JsonObject v = get(owner, version).json();
            if (v.getJsonArray("datasets").isEmpty()) {
                Api.Reply upload = call(owner, "POST", version + "/datasets", "text/csv",
                        evaluation(round).getBytes(StandardCharsets.UTF_8));
                assertEquals(201, upload.status(), upload.text());
            }
            Api.Reply audit = call(owner, "POST", version + "/audits?wait=60", "application/json", "{}".getBytes());
            assertTrue(audit.status() == 201 || audit.status() == 200, audit.text());
            String auditId = audit.json().getString("id");
            JsonObject done = awaitAudit(owner, auditId);
            assertEquals("FAIL", done.getString("decision"), done.toString());
            assertEquals(200, pdf(owner, "/api/v1/audits/" + auditId + "/report").status());

            JsonObject waiver = get(owner, version + "/waivers").json().getJsonArray("waivers").getValuesAs(JsonObject.class)
                    .stream().findFirst().orElse(null);
            if (waiver == null) {
                String body = "{\"rule\":\"four-fifths-impact-ratio\",\"justification\":\"The evaluation sample is being"
                        + " re-drawn; the crash test accepts it meanwhile.\",\"expiresInDays\":30}";
                Api.Reply requested = call(owner, "POST", version + "/waivers", "application/json", body.getBytes());
                assertEquals(201, requested.status(), requested.text());
                waiver = requested.json();
            }
            if (waiver.getString("status").equals("pending")) {
                Api.Reply approved = call(auditor, "POST", "/api/v1/waivers/" + waiver.getString("id") + "/approve",
                        "application/json", "{\"comment\":\"Accepted for the crash test.\"}".getBytes());
                assertEquals(200, approved.status(), approved.text());
            }

            String deployments = "/api/v1/models/" + model(round) + "/deployments";
            Api.Reply listed = get(owner, deployments);
            JsonObject deployment = listed.status() != 200 ? null : listed.json().getJsonArray("deployments")
                    .getValuesAs(JsonObject.class).stream().filter(d -> d.isNull("until")).findFirst().orElse(null);
            if (deployment == null) {
                Api.Reply deployed = call(owner, "POST", deployments, "application/json", ("{\"version\":\"1.0.0\","
                        + "\"environment\":\"staging\",\"monitoring\":{\"policies\":[\"post-market-monitoring\"],"
                        + "\"window\":\"PT1H\",\"minimumLabelCoverage\":0.5}}").getBytes());
                assertEquals(201, deployed.status(), deployed.text());
                deployment = deployed.json();
            }
            String d = "/api/v1/deployments/" + deployment.getString("id");
            String predictions = MonitoringIT.predictions(1000 * round + 1, 30, 15, 15, hour(round));
            Api.Reply p = call(owner, "POST", d + "/predictions?batch=p" + round, "text/csv", predictions.getBytes());
            assertTrue(p.status() == 201 || p.status() == 200, p.text());
            Api.Reply l = call(owner, "POST", d + "/labels?batch=l" + round, "application/x-ndjson",
                    MonitoringIT.labels(1000 * round + 1, 1000 * round + 50, predictions).getBytes());
            assertTrue(l.status() == 201 || l.status() == 200, l.text());
            Api.Reply closed = call(owner, "POST", d + "/windows/close?until=" + hour(round).plus(Duration.ofHours(1)),
                    "application/json", new byte[0]);
            assertEquals(200, closed.status(), closed.text());
            JsonObject window = awaitWindow(owner, d);
            awaitAudit(owner, window.getString("audit"));
        }

        private static JsonObject awaitWindow(Api api, String deployment) {
            for (int i = 0; i < 600; i++) {
                List<JsonObject> windows = get(api, deployment + "/windows").json().getJsonArray("windows")
                        .getValuesAs(JsonObject.class);
                if (!windows.isEmpty()) {
                    return windows.get(0);
                }
                sleep(100);
            }
            throw new AssertionError("the window of " + deployment + " was not audited");
        }

        static JsonObject awaitAudit(Api api, String id) {
            for (int i = 0; i < 1200; i++) {
                JsonObject audit = get(api, "/api/v1/audits/" + id).json();
                String status = audit.getString("status");
                if (status.equals("DONE")) {
                    return audit;
                }
                assertTrue(!status.equals("ERROR"), audit.toString());
                sleep(100);
            }
            throw new AssertionError("audit " + id + " did not end");
        }

        static void sleep(long millis) {
            try {
                Thread.sleep(millis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    /** The invariants, checked on the database, the data directory and the API of the restarted server. */
    static final class Invariants {
        private final FaultServer server;
        private final Workload work;
        private final Set<String> verified = new HashSet<>();
        private int audits;
        private long entries;

        Invariants(FaultServer server, Workload work) {
            this.server = server;
            this.work = work;
        }

        int audits() {
            return audits;
        }

        long entries() {
            return entries;
        }

        void check() throws Exception {
            Api auditor = work.auditor();
            JsonObject ledger = Workload.get(auditor, "/api/v1/ledger/verify").json();
            assertTrue(ledger.getBoolean("valid"), "the ledger verifies: " + ledger);
            try (Connection c = server.db()) {
                awaitNoAuditInFlight(c);
                Map<String, Integer> entries = counts(c, "SELECT kind || ' ' || subject, count(*) FROM ledger_entry"
                        + " GROUP BY kind, subject");
                this.entries = longOf(c, "SELECT count(*) FROM ledger_entry");
                assertEquals(Map.of(), counts(c, "SELECT inputs_sha256, count(*) FROM audit_run GROUP BY inputs_sha256"
                        + " HAVING count(*) > 1"), "one audit per set of inputs");
                Map<String, String> statuses = new TreeMap<>();
                try (Statement s = c.createStatement();
                     ResultSet r = s.executeQuery("SELECT a.id, a.status, (SELECT count(*) FROM audit_result x WHERE"
                             + " x.audit_id = a.id) FROM audit_run a")) {
                    while (r.next()) {
                        String id = r.getString(1);
                        String status = r.getString(2);
                        statuses.put(id, status);
                        assertEquals(1, entries.getOrDefault("audit.requested " + id, 0), "audit.requested of " + id);
                        if (status.equals("DONE")) {
                            assertEquals(1, r.getInt(3), "the result of " + id);
                            assertEquals(1, entries.getOrDefault("audit.completed " + id, 0), "audit.completed of " + id);
                            assertEquals(0, entries.getOrDefault("audit.failed " + id, 0), "audit.failed of " + id);
                        } else {
                            assertEquals("ERROR", status, id);
                            assertEquals(0, r.getInt(3), "no result of " + id);
                            assertEquals(1, entries.getOrDefault("audit.failed " + id, 0), "audit.failed of " + id);
                        }
                    }
                }
                audits = statuses.size();
                for (Map.Entry<String, String> audit : statuses.entrySet()) {
                    if (audit.getValue().equals("DONE") && !verified.contains(audit.getKey())) {
                        awaitPdf(c, audit.getKey());
                        Api.Reply pdf = Workload.pdf(auditor, "/api/v1/audits/" + audit.getKey() + "/report");
                        assertEquals(200, pdf.status(), "the PDF of " + audit.getKey());
                        JsonObject verdict = Workload.call(new Api(server.base, null), "POST", "/api/v1/verify",
                                "application/pdf", pdf.body()).json();
                        assertTrue(verdict.getBoolean("valid"), "the PDF of " + audit.getKey() + " verifies: " + verdict);
                        verified.add(audit.getKey());
                    }
                }
                for (String[] table : List.of(new String[] {"dataset", "id", "dataset.ingested"},
                        new String[] {"waiver", "id", "waiver.requested"},
                        new String[] {"monitoring_batch", "id", null})) {
                    try (Statement s = c.createStatement();
                         ResultSet r = s.executeQuery("SELECT " + table[1] + (table[2] == null ? ", kind" : "")
                                 + " FROM " + table[0])) {
                        while (r.next()) {
                            // The batch's kind as the database spells it: predictions, labels.
                            String kind = table[2] != null ? table[2] : r.getString(2).toLowerCase(java.util.Locale.ROOT) + ".stored";
                            assertEquals(1, entries.getOrDefault(kind + " " + r.getString(1), 0),
                                    kind + " of " + table[0] + " " + r.getString(1));
                        }
                    }
                }
                try (Statement s = c.createStatement();
                     ResultSet r = s.executeQuery("SELECT waiver_id, outcome FROM waiver_decision")) {
                    while (r.next()) {
                        String kind = "waiver." + r.getString(2).toLowerCase(java.util.Locale.ROOT);
                        assertEquals(1, entries.getOrDefault(kind + " " + r.getString(1), 0), kind + " of " + r.getString(1));
                    }
                }
                files(c);
                gates(c, auditor);
            }
        }

        private void awaitNoAuditInFlight(Connection c) throws SQLException {
            for (int i = 0; i < 600; i++) {
                if (longOf(c, "SELECT count(*) FROM audit_run WHERE status IN ('QUEUED', 'RUNNING')") == 0) {
                    return;
                }
                Workload.get(work.auditor(), "/health/ready");
                Workload.sleep(100);
            }
            fail("audits left in flight after the restart: " + counts(c, "SELECT id || ' ' || status, 1 FROM audit_run"
                    + " WHERE status IN ('QUEUED', 'RUNNING')"));
        }

        private void awaitPdf(Connection c, String id) throws SQLException {
            for (int i = 0; i < 300; i++) {
                if (longOf(c, "SELECT count(*) FROM audit_report_pdf WHERE audit_id = '" + id + "'") == 1) {
                    return;
                }
                Workload.get(work.auditor(), "/health/ready");
                Workload.sleep(100);
            }
            fail("the finished audit " + id + " has no PDF 30 s after the restart");
        }

        /** Every stored dataset and batch has its files, every file its row; the scratch directory is empty. */
        private void files(Connection c) throws Exception {
            Set<Path> expected = new HashSet<>();
            try (Statement s = c.createStatement();
                 ResultSet r = s.executeQuery("SELECT sha256 FROM dataset WHERE reference_json IS NULL")) {
                while (r.next()) {
                    String sha = r.getString(1);
                    expected.add(server.dataDir.resolve("datasets").resolve(sha.substring(0, 2)).resolve(sha + ".parquet"));
                }
            }
            try (Statement s = c.createStatement();
                 ResultSet r = s.executeQuery("SELECT b.deployment_id, b.id, b.kind, p.window_start FROM monitoring_batch b"
                         + " LEFT JOIN monitoring_partition p ON p.batch_key = b.id")) {
                while (r.next()) {
                    Path deployment = server.dataDir.resolve("monitoring").resolve(r.getString(1));
                    expected.add(r.getString(3).equalsIgnoreCase("labels")
                            ? deployment.resolve("labels").resolve(r.getString(2) + ".parquet")
                            : deployment.resolve("predictions").resolve(Long.toString(r.getTimestamp(4).getTime()))
                            .resolve(r.getString(2) + ".parquet"));
                }
            }
            Set<Path> present = new HashSet<>(regularFiles(server.dataDir.resolve("datasets")));
            present.addAll(regularFiles(server.dataDir.resolve("monitoring")));
            Set<Path> missing = new HashSet<>(expected);
            missing.removeAll(present);
            Set<Path> orphans = new HashSet<>(present);
            orphans.removeAll(expected);
            assertEquals(Set.of(), missing, "every stored dataset and batch has its file");
            assertEquals(Set.of(), orphans, "every file of the stores has its row");
            assertEquals(List.of(), regularFiles(server.dataDir.resolve("tmp")), "no scratch file left after a restart");
        }

        private static List<Path> regularFiles(Path dir) throws IOException {
            if (!Files.isDirectory(dir)) {
                return List.of();
            }
            try (Stream<Path> files = Files.walk(dir)) {
                return files.filter(p -> !Files.isDirectory(p)).toList();
            }
        }

        /** The gate of each version: its one release audit's decision, WARN while an approved waiver covers its failure. */
        private void gates(Connection c, Api auditor) throws SQLException {
            Map<String, String> versions = new HashMap<>();
            try (Statement s = c.createStatement();
                 ResultSet r = s.executeQuery("SELECT v.id, v.model_name FROM model_version v")) {
                while (r.next()) {
                    versions.put(r.getString(1), r.getString(2));
                }
            }
            for (Map.Entry<String, String> v : versions.entrySet()) {
                JsonObject gate = Workload.get(auditor, "/api/v1/models/" + v.getValue() + "/versions/1.0.0/gate").json();
                List<String> done = strings(c, "SELECT a.id FROM audit_run a JOIN dataset d ON d.id = a.dataset_id WHERE"
                        + " a.model_version_id = '" + v.getKey() + "' AND a.status = 'DONE' AND d.role <> 'window'");
                boolean approved = longOf(c, "SELECT count(*) FROM waiver w JOIN waiver_decision x ON x.waiver_id = w.id"
                        + " WHERE w.model_version_id = '" + v.getKey() + "' AND x.outcome = 'APPROVED'") > 0;
                if (done.isEmpty()) {
                    assertTrue(gate.isNull("audit"), "no audit, no gate: " + gate);
                    continue;
                }
                assertEquals(1, done.size(), "one release audit of " + v.getValue());
                assertEquals(done.get(0), gate.getString("audit"), gate.toString());
                assertEquals(approved ? "WARN" : "FAIL", gate.getString("decision"), v.getValue() + ": " + gate);
            }
        }

        private static long longOf(Connection c, String sql) throws SQLException {
            try (Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
                r.next();
                return r.getLong(1);
            }
        }

        private static List<String> strings(Connection c, String sql) throws SQLException {
            List<String> out = new ArrayList<>();
            try (Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
                while (r.next()) {
                    out.add(r.getString(1));
                }
            }
            return out;
        }

        private static Map<String, Integer> counts(Connection c, String sql) throws SQLException {
            Map<String, Integer> out = new TreeMap<>();
            try (Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
                while (r.next()) {
                    out.put(r.getString(1), r.getInt(2));
                }
            }
            return out;
        }
    }
}
