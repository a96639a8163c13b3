package dev.assay.it;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Starts the real Open Liberty server (laid out by liberty-maven-plugin in pre-integration-test)
 * once per Failsafe execution, on the database that execution names (system property
 * {@code assay.it.db}: h2 or postgres), with its own data dir, port and admin password. For
 * PostgreSQL a fresh database is created for the run and dropped after it.
 *
 * <p>PostgreSQL tests are skipped with a printed reason when the server is unreachable, except
 * when CI=true: there they must run.
 */
public final class LibertyServer implements BeforeAllCallback {

    private static volatile Running running;

    /**
     * How long a start or restart may take to be ready: 1-2 minutes alone, but on a machine shared by several
     * builds (load 25 on 2 cores) the application alone took over 4.
     */
    private static final Duration READY = Duration.ofMinutes(10);

    /** What the tests need to know about the server under test. */
    public record Running(URI base, String adminPassword, Path dataDir, String database, String jdbcUrl, String jdbcUser,
                          KeycloakServer keycloak) {

        /** The identity mode of this run: oidc (with a real Keycloak) or local. */
        public boolean oidc() {
            return keycloak != null;
        }
    }

    public static Running get() {
        return running;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        synchronized (LibertyServer.class) {
            if (running == null) {
                ExtensionContext.Store store = context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL);
                Handle started = start();
                store.put(LibertyServer.class.getName(), started);
                handle = started;
                running = started.running;
                awaitDemoDeployment();
                firstStartLog = Files.readString(started.wlp.resolve("usr/servers/assay/logs/messages.log"));
            }
        }
    }

    private static volatile Handle handle;

    private static volatile String firstStartLog;

    /**
     * The server's log as it was after its first start, which printed the demo users' passwords once: a test that
     * restarts the server (crash recovery, Spark) makes Liberty start a new messages.log, and its rotation keeps only
     * the latest few.
     */
    public static String firstStartLog() {
        return firstStartLog;
    }

    /**
     * The demo seeds its deployment in the background after the server is ready (three weeks of batches and
     * their window audits); the tests start once that is done, so none of them sees its files come and go
     * (BadInputIT checks that a refused upload leaves no file behind).
     */
    private static void awaitDemoDeployment() throws Exception {
        // -Dassay.it.seedMinutes: longer on a machine other builds share (the seeding audits 21 windows).
        long minutes = Long.getLong("assay.it.seedMinutes", 5);
        long deadline = System.nanoTime() + java.time.Duration.ofMinutes(minutes).toNanos();
        Api admin = Api.admin();
        while (System.nanoTime() < deadline) {
            var deployments = admin.get("/api/v1/models/loan-approval/deployments");
            if (deployments.status() == 200) {
                var production = deployments.json().getJsonArray("deployments").getValuesAs(jakarta.json.JsonObject.class).stream()
                        .filter(d -> d.getString("environment").equals("production")).findFirst();
                if (production.isPresent()) {
                    var windows = admin.get("/api/v1/deployments/" + production.get().getString("id") + "/windows").json()
                            .getJsonArray("windows").getValuesAs(jakarta.json.JsonObject.class);
                    if (windows.size() == dev.assay.demo.LoanApplications.DRIFT_AFTER_DAY + 11
                            && windows.stream().allMatch(w -> w.getString("status").equals("DONE"))) {
                        return;
                    }
                }
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("the demo deployment was not seeded within " + minutes + " minutes");
    }

    /**
     * Kills the server as a crash would (no shutdown, SIGKILL), runs {@code whileDown} (to change the
     * database as a crash could have left it), and starts it again on the same data, port and settings.
     */
    public static void crashAndRestart(ThrowingRunnable whileDown) throws Exception {
        Handle h = handle;
        Path pidFile = h.wlp.resolve("usr/servers/.pid/assay.pid");
        long pid = Long.parseLong(Files.readString(pidFile).trim());
        ProcessHandle process = ProcessHandle.of(pid).orElseThrow(() -> new IllegalStateException("no Liberty process " + pid));
        process.destroyForcibly();
        process.onExit().get(60, java.util.concurrent.TimeUnit.SECONDS);
        whileDown.run();
        Process start = server(h.wlp, h.env, "start");
        if (start.waitFor() != 0) {
            throw new IllegalStateException("server restart failed: see " + h.wlp.resolve("usr/servers/assay/logs"));
        }
        awaitReady(h.running.base().resolve("/health/ready"), READY);
    }

    /**
     * Stops the server, starts it on the same data and port with {@code extra} added to its environment,
     * runs {@code withIt}, and starts it again with its own environment, whatever {@code withIt} did.
     */
    public static void restartWith(Map<String, String> extra, ThrowingRunnable withIt) throws Exception {
        Handle h = handle;
        Map<String, String> env = new TreeMap<>(h.env);
        env.putAll(extra);
        restart(h, env);
        try {
            withIt.run();
        } finally {
            restart(h, h.env);
        }
    }

    private static void restart(Handle h, Map<String, String> env) throws Exception {
        server(h.wlp, Map.of(), "stop").waitFor();
        if (server(h.wlp, env, "start").waitFor() != 0) {
            throw new IllegalStateException("server restart failed: see " + h.wlp.resolve("usr/servers/assay/logs"));
        }
        awaitReady(h.running.base().resolve("/health/ready"), READY);
    }

    /**
     * Starts a second server from the same installation on the first one's database and data directory, with its own
     * port, server name and output directory (logs, workarea, pid, transaction log): a replica, as issue 18 runs them.
     * Close it to stop it; {@link Replica#kill} kills it as a crash would.
     */
    public static Replica startReplica(String name) throws Exception {
        Handle h = handle;
        int port = freePort();
        Path output = Path.of(System.getProperty("assay.it.work", "target/it")).resolve(h.running.database())
                .resolve("replica-" + name).toAbsolutePath();
        deleteTree(output);
        Files.createDirectories(output);
        Map<String, String> env = new TreeMap<>(h.env);
        env.put("ASSAY_HTTP_PORT", String.valueOf(port));
        env.put("ASSAY_SERVER_NAME", name);
        env.put("WLP_OUTPUT_DIR", output.toString());
        // The database is seeded already: a replica joins it.
        env.put("ASSAY_DEMO", "false");
        Replica replica = new Replica(h.wlp, URI.create("http://localhost:" + port), name, output, env);
        System.out.println("Starting a replica of the Liberty server, " + name + ", on port " + port);
        if (server(h.wlp, env, "start", "--clean").waitFor() != 0) {
            throw new IllegalStateException("replica start failed: see " + output.resolve("assay/logs"));
        }
        try {
            awaitReady(replica.base().resolve("/health/ready"), Duration.ofSeconds(240));
        } catch (RuntimeException | InterruptedException e) {
            replica.close();
            throw e;
        }
        return replica;
    }

    /** The name the first server claims audits as (ASSAY_SERVER_NAME). */
    public static String serverName() {
        return handle.env.get("ASSAY_SERVER_NAME");
    }

    /** A second server on the same database and data directory. */
    public static final class Replica implements AutoCloseable {
        private final Path wlp;
        private final URI base;
        private final String name;
        private final Path output;
        private final Map<String, String> env;

        Replica(Path wlp, URI base, String name, Path output, Map<String, String> env) {
            this.wlp = wlp;
            this.base = base;
            this.name = name;
            this.output = output;
            this.env = Map.copyOf(env);
        }

        public URI base() {
            return base;
        }

        /** What it claims audits as. */
        public String name() {
            return name;
        }

        /** Its log's warnings and errors, the last {@code n}: for a failure message. */
        public List<String> warnings(int n) {
            try (java.util.stream.Stream<String> lines = Files.lines(output.resolve("assay/logs/messages.log"))) {
                List<String> found = lines.filter(l -> l.contains(" W ") || l.contains(" E ")).toList();
                return found.subList(Math.max(0, found.size() - n), found.size());
            } catch (IOException | java.io.UncheckedIOException e) {
                return List.of("(no log: " + e + ")");
            }
        }

        /** Kills it as a crash would: SIGKILL, no shutdown. */
        public void kill() throws Exception {
            long pid = Long.parseLong(Files.readString(output.resolve(".pid/assay.pid")).trim());
            ProcessHandle process = ProcessHandle.of(pid).orElseThrow(() -> new IllegalStateException("no replica process " + pid));
            process.destroyForcibly();
            process.onExit().get(60, java.util.concurrent.TimeUnit.SECONDS);
        }

        @Override
        public void close() throws Exception {
            server(wlp, env, "stop").waitFor();
        }
    }

    @FunctionalInterface
    public interface ThrowingRunnable {
        void run() throws Exception;
    }

    private static final class Handle implements ExtensionContext.Store.CloseableResource {
        private final Path wlp;
        private final Running running;
        private final String pgDatabase;
        private final Map<String, String> env;

        Handle(Path wlp, Running running, String pgDatabase, Map<String, String> env) {
            // stopped after Liberty, in close()
            this.wlp = wlp;
            this.running = running;
            this.pgDatabase = pgDatabase;
            this.env = Map.copyOf(env);
        }

        @Override
        public void close() throws Exception {
            server(wlp, Map.of(), "stop").waitFor();
            if (running.keycloak() != null) {
                running.keycloak().close();
            }
            if (pgDatabase != null) {
                try (Connection c = DriverManager.getConnection(PG_ADMIN_URL, PG_USER, "");
                     Statement s = c.createStatement()) {
                    s.execute("DROP DATABASE IF EXISTS " + pgDatabase + " WITH (FORCE)");
                }
            }
        }
    }

    static final String PG_ADMIN_URL = "jdbc:postgresql://127.0.0.1:5432/postgres";
    static final String PG_USER = System.getenv().getOrDefault("ASSAY_IT_PGUSER", "postgres");

    static boolean ci() {
        return "true".equalsIgnoreCase(System.getenv("CI"));
    }

    private static Handle start() throws Exception {
        String db = System.getProperty("assay.it.db", "h2");
        Path wlp = Path.of(System.getProperty("assay.wlp.dir", "target/liberty/wlp"));
        Path work = Path.of(System.getProperty("assay.it.work", "target/it")).resolve(db);
        Path dataDir = work.resolve("data");
        deleteTree(dataDir);
        Files.createDirectories(work);

        Map<String, String> env = new TreeMap<>();
        String suffix = HexFormat.of().formatHex(new SecureRandom().generateSeed(4));
        String adminPassword = "it-" + suffix + HexFormat.of().formatHex(new SecureRandom().generateSeed(8));
        int port = freePort();
        env.put("ASSAY_HTTP_PORT", String.valueOf(port));
        env.put("ASSAY_DATA_DIR", dataDir.toAbsolutePath().toString());
        env.put("ASSAY_ADMIN_PASSWORD", adminPassword);
        env.put("ASSAY_DEMO", "true");
        // Alerts on a test's time scale: retries 0.3 s apart at first, a hanging receiver given up on after 2 s.
        env.put("ASSAY_ALERT_BACKOFF_FIRST", "PT0.3S");
        env.put("ASSAY_ALERT_BACKOFF_CAP", "PT1S");
        env.put("ASSAY_ALERT_MAX_ATTEMPTS", "30");
        env.put("ASSAY_ALERT_TIMEOUT", "PT2S");
        env.put("ASSAY_NOTICE_SWEEP", "PT1S");
        // MonitoringIT deploys a WARN version to "staging". The window closer runs every 5 s with a grace of ten
        // years: it closes the windows of 2015 that MonitoringIT posts for it, and leaves the tests' recent
        // windows to the tests' own close requests.
        env.put("ASSAY_ENVIRONMENTS_ACCEPTING_WARN", "staging");
        env.put("ASSAY_MONITORING_INTERVAL", "PT5S");
        env.put("ASSAY_MONITORING_GRACE", "P3650D");
        // Audit claims on a test's time scale: a killed server's audit is taken over 6 s after its last renewal.
        env.put("ASSAY_SERVER_NAME", "it-" + db);
        env.put("ASSAY_AUDIT_LEASE", "PT6S");
        env.put("ASSAY_AUDIT_POLL", "PT1S");
        // AUTO_SERVER lets a test open the H2 file while the server has it, to tamper with rows directly.
        String jdbcUrl = "jdbc:h2:file:" + dataDir.toAbsolutePath().resolve("db/assay") + ";LOCK_TIMEOUT=10000;WRITE_DELAY=0;AUTO_SERVER=TRUE";
        String jdbcUser = "assay";
        env.put("ASSAY_DB_URL", jdbcUrl);
        String pgDatabase = null;
        if (db.equals("postgres")) {
            pgDatabase = "assay_it_" + suffix;
            try (Connection c = DriverManager.getConnection(PG_ADMIN_URL, PG_USER, "");
                 Statement s = c.createStatement()) {
                s.execute("CREATE DATABASE " + pgDatabase);
            } catch (SQLException e) {
                String reason = "PostgreSQL at 127.0.0.1:5432 is not usable (" + e.getMessage() + ")";
                if (ci()) {
                    throw new IllegalStateException(reason + "; CI=true requires it", e);
                }
                System.out.println("SKIPPED PostgreSQL integration tests: " + reason);
                Assumptions.abort(reason);
            }
            jdbcUrl = "jdbc:postgresql://127.0.0.1:5432/" + pgDatabase;
            jdbcUser = PG_USER;
            env.put("ASSAY_DB_URL", jdbcUrl);
            env.put("ASSAY_DB_USER", PG_USER);
            env.put("ASSAY_DB_PASSWORD", "");
        }
        KeycloakServer keycloak = null;
        if ("oidc".equals(System.getProperty("assay.it.auth", "local"))) {
            keycloak = KeycloakServer.start(work.resolve("keycloak"), freePort(), URI.create("http://localhost:" + port));
            env.put("ASSAY_AUTH_MODE", "oidc");
            env.put("ASSAY_OIDC_ISSUER", keycloak.issuer().toString());
            env.put("ASSAY_OIDC_CLIENT_ID", "assay-portal");
            env.put("ASSAY_OIDC_CLIENT_SECRET", keycloak.portalSecret);
            // The expired-token test waits out a one-second token: a one-second tolerance keeps it short.
            env.put("ASSAY_OIDC_CLOCK_SKEW_SECONDS", "1");
        }
        System.out.println("Starting Liberty for integration tests on " + db + ", port " + port
                + (keycloak == null ? ", local identities" : ", oidc mode against Keycloak " + keycloak.issuer()));
        Process start = server(wlp, env, "start", "--clean");
        if (start.waitFor() != 0) {
            if (keycloak != null) {
                keycloak.close();
            }
            throw new IllegalStateException("server start failed: see " + wlp.resolve("usr/servers/assay/logs"));
        }
        Running r = new Running(URI.create("http://localhost:" + port), adminPassword, dataDir, db, jdbcUrl, jdbcUser, keycloak);
        Handle started = new Handle(wlp, r, pgDatabase, env);
        try {
            awaitReady(r.base().resolve("/health/ready"), READY);
        } catch (RuntimeException | InterruptedException e) {
            started.close();
            throw e;
        }
        return started;
    }

    private static Process server(Path wlp, Map<String, String> env, String... args) throws IOException {
        String[] command = new String[args.length + 2];
        command[0] = wlp.resolve("bin/server").toString();
        command[1] = args[0];
        command[2] = "assay";
        System.arraycopy(args, 1, command, 3, args.length - 1);
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ChildOutput.to("liberty-server-script"));
        pb.environment().putAll(env);
        return pb.start();
    }

    private static void awaitReady(URI health, Duration timeout) throws InterruptedException {
        HttpClient client = HttpClient.newHttpClient();
        Instant deadline = Instant.now().plus(timeout);
        String last = "no answer";
        while (Instant.now().isBefore(deadline)) {
            try {
                HttpResponse<String> r = client.send(HttpRequest.newBuilder(health).timeout(Duration.ofSeconds(5)).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    return;
                }
                last = r.statusCode() + " " + r.body();
            } catch (IOException e) {
                last = e.toString();
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("Assay did not become ready within " + timeout + ": " + last);
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    static void deleteTree(Path p) throws IOException {
        if (!Files.exists(p)) {
            return;
        }
        try (var walk = Files.walk(p)) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        }
    }
}
