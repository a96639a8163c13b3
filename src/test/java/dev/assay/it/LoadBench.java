package dev.assay.it;

import dev.assay.demo.LoanApplications;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.Writer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Load and monitoring figures against the real server (not part of {@code verify}: its name is no *IT; run
 * it with {@code ./mvnw -B verify -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false -Dit.test=LoadBench},
 * README "Performance"). It prints; its assertions only check that what it measured happened (every
 * request answered, every batch stored), never a time.
 *
 * <ul>
 *   <li>The gate under load: 16 connections asking the demo's 1.1.0 gate at a paced 1,000 requests a
 *       second for 20 s while a 1M-row upload and its audit run; throughput, p50, p99, errors.</li>
 *   <li>Production predictions: {@code bench.batches} (30) batches of {@code bench.batchRows} (1M) rows
 *       posted to the demo deployment, one day each; rows a second per batch and sustained, the server's
 *       resident memory before and after.</li>
 *   <li>The audit of one 1M-row window with the post-market-monitoring pack, and the 30-window series.</li>
 *   <li>CI fleets: {@code bench.ciClients} (50) clients each registering a version, uploading its evaluation
 *       file ({@code bench.ciRows}, 2,000 rows), auditing it with the four-fifths rule and asking its gate, over
 *       and over for {@code bench.ciSeconds} (600 s); then no answer was a 5xx, every audit ran once and the
 *       ledger's chain is valid.</li>
 * </ul>
 */
@ExtendWith(LibertyServer.class)
class LoadBench {

    private static final int BATCHES = Integer.getInteger("bench.batches", 30);
    private static final int BATCH_ROWS = Integer.getInteger("bench.batchRows", 1_000_000);

    @Test
    void theGateUnderLoadWhileAnUploadAndAnAuditRun() throws Exception {
        Api ci = Api.withRoles("ci-gate");
        String auth = ci.authorization();
        URI gate = LibertyServer.get().base().resolve("/api/v1/models/loan-approval/versions/1.1.0/gate");
        // The bulk work, for the whole run: 1M-row uploads of a new version (three different files, so that each is
        // spooled, hashed, written as Parquet and profiled anew), each followed by its audit, one after the other.
        List<Path> files = new ArrayList<>();
        for (long seed = 7; seed < 10; seed++) {
            Path csv = Files.createTempFile("load-upload", ".csv");
            try (Writer w = Files.newBufferedWriter(csv, StandardCharsets.UTF_8)) {
                LoanApplications.write(w, 1_000_000, 0, LoanApplications.FAIR, seed);
            }
            files.add(csv);
        }
        String model = "load-" + java.util.UUID.randomUUID().toString().substring(0, 8);
        assertEquals(201, ci.send("PUT", "/api/v1/models/" + model + "/versions/1.0.0", "application/yaml",
                dev.assay.demo.DemoSeeder.card("1.0.0").replace("model: loan-approval", "model: " + model).getBytes()).status());
        java.util.concurrent.atomic.AtomicBoolean running = new java.util.concurrent.atomic.AtomicBoolean(true);
        AtomicInteger uploads = new AtomicInteger();
        AtomicInteger audits = new AtomicInteger();
        Thread bulk = new Thread(() -> {
            try {
                for (int i = 0; running.get(); i++) {
                    Api.Reply up = ci.sendFile("POST", "/api/v1/models/" + model + "/versions/1.0.0/datasets", "text/csv",
                            files.get(i % files.size()));
                    if (up.status() == 201) {
                        uploads.incrementAndGet();
                    }
                    if (!running.get()) {
                        break;
                    }
                    String body = up.status() == 201 || up.status() == 200
                            ? "{\"dataset\": \"" + up.json().getString("id") + "\"}" : "{}";
                    Api.Reply audit = ci.send("POST", "/api/v1/models/" + model + "/versions/1.0.0/audits?wait=300",
                            "application/json", body.getBytes());
                    if (audit.status() == 200 || audit.status() == 201) {
                        audits.incrementAndGet();
                    }
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });

        int connections = 16;
        Duration run = Duration.ofSeconds(Integer.getInteger("bench.gateSeconds", 20));
        warm(gate, auth);
        bulk.start();
        // Let the first upload begin before the requests are counted.
        Thread.sleep(500);
        String wrk = System.getProperty("bench.wrk", "wrk");
        boolean haveWrk;
        try {
            haveWrk = new ProcessBuilder(wrk, "--version").redirectErrorStream(true).start().waitFor() <= 1;
        } catch (java.io.IOException notInstalled) {
            haveWrk = false;
        }
        if (haveWrk) {
            // wrk (Debian's package), 16 connections, each waiting 16,000/rate ms less one (the answer's own time) after
            // an answer before its next request (wrk's delay() hook): about the rate a second (wrk prints what it
            // reached), and its latencies are the server's answers alone. -Dbench.gateRate=0: closed loop, as fast as
            // the server answers.
            int perSecond = Integer.getInteger("bench.gateRate", 1000);
            List<String> command = new ArrayList<>(List.of(wrk, "-t2", "-c" + connections, "-d" + run.toSeconds() + "s",
                    "--latency", "-H", "Authorization: " + auth));
            if (perSecond > 0) {
                Path pace = Files.createTempFile("gate-pace", ".lua");
                Files.writeString(pace, "function delay()\n  return " + Math.max(0, 1000L * connections / perSecond - 1) + "\nend\n");
                command.addAll(List.of("-s", pace.toString()));
            }
            command.add(gate.toString());
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            p.waitFor();
            running.set(false);
            bulk.join();
            System.out.printf(Locale.ROOT, "%nGATE  wrk, %d connections%s for %d s while 1M-row uploads and their audits ran"
                    + " back to back (%d uploads, %d audits finished):%n%s%n", connections,
                    perSecond > 0 ? " paced to at most " + perSecond + "/s" : ", closed loop", run.toSeconds(), uploads.get(),
                    audits.get(), out);
            assertTrue(out.contains("Requests/sec"), out);
            assertTrue(!out.contains("Non-2xx"), "every gate request answered 200: " + out);
        } else {
            gatePacedByTheJdkClient(gate, auth, connections, run);
            running.set(false);
            bulk.join();
            System.out.printf(Locale.ROOT, "      alongside: %d uploads, %d audits finished%n", uploads.get(), audits.get());
        }
        assertTrue(uploads.get() > 0, "an upload ran alongside");
        for (Path f : files) {
            Files.deleteIfExists(f);
        }
    }

    /**
     * Without wrk: the JDK's client, 16 connections paced at {@code bench.gateRate} (1,000) a second, latency from
     * when each request was due (no coordinated omission). Its threads share the server's cores and cost more
     * than wrk does.
     */
    private static void gatePacedByTheJdkClient(URI gate, String auth, int connections, Duration run) throws Exception {
        int perSecond = Integer.getInteger("bench.gateRate", 1000);
        List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger errors = new AtomicInteger();
        CountDownLatch done = new CountDownLatch(connections);
        long intervalNanos = 1_000_000_000L * connections / perSecond;
        long start = System.nanoTime();
        for (int c = 0; c < connections; c++) {
            int offset = c;
            Thread t = new Thread(() -> {
                HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
                HttpRequest request = HttpRequest.newBuilder(gate).header("Authorization", auth).build();
                long next = start + intervalNanos * offset / connections;
                while (System.nanoTime() - start < run.toNanos()) {
                    long wait = next - System.nanoTime();
                    if (wait > 0) {
                        java.util.concurrent.locks.LockSupport.parkNanos(wait);
                    }
                    long due = next;
                    next += intervalNanos;
                    try {
                        HttpResponse<Void> r = client.send(request, HttpResponse.BodyHandlers.discarding());
                        latencies.add(System.nanoTime() - due);
                        if (r.statusCode() != 200) {
                            errors.incrementAndGet();
                        }
                    } catch (Exception e) {
                        errors.incrementAndGet();
                    }
                }
                done.countDown();
            });
            t.start();
        }
        done.await();
        double seconds = (System.nanoTime() - start) / 1e9;
        List<Long> sorted = new ArrayList<>(latencies);
        Collections.sort(sorted);
        System.out.printf(Locale.ROOT, "%nGATE  JDK client, %d connections paced at %d/s for %.0f s, 1M-row uploads and their audits"
                        + " alongside: %d answered (%.0f/s), %d errors; latency from the due time p50 %.1f ms, p90 %.1f ms,"
                        + " p99 %.1f ms, max %.1f ms%n",
                connections, perSecond, seconds, sorted.size(), sorted.size() / seconds, errors.get(), pct(sorted, 0.50),
                pct(sorted, 0.90), pct(sorted, 0.99), sorted.get(sorted.size() - 1) / 1e6);
        assertEquals(0, errors.get(), "every gate request answered 200");
        assertTrue(sorted.size() > 0);
    }

    @Test
    void predictionsIngestAWindowAuditAndTheSeries() throws Exception {
        Api ci = Api.withRoles("ci-gate");
        JsonObject deployment = null;
        for (int i = 0; i < 600 && deployment == null; i++) {
            deployment = ci.get("/api/v1/models/loan-approval/deployments").json().getJsonArray("deployments")
                    .getValuesAs(JsonObject.class).stream().filter(x -> x.getString("environment").equals("production"))
                    .findFirst().orElse(null);
            if (deployment == null) {
                Thread.sleep(250);
            }
        }
        String d = "/api/v1/deployments/" + deployment.getString("id");
        long rssBefore = residentKiB();
        LocalDate first = LocalDate.parse("2025-01-01");
        List<Double> rates = new ArrayList<>();
        long totalRows = 0;
        double totalSeconds = 0;
        for (int b = 0; b < BATCHES; b++) {
            Path csv = Files.createTempFile("load-batch", ".csv");
            try (Writer w = Files.newBufferedWriter(csv, StandardCharsets.UTF_8)) {
                LoanApplications.writeProductionDay(w, first.plusDays(b), 1000 + b, BATCH_ROWS, 3001L);
            }
            long t = System.nanoTime();
            Api.Reply r = ci.sendFile("POST", d + "/predictions?batch=load-" + b, "text/csv", csv);
            double s = (System.nanoTime() - t) / 1e9;
            assertEquals(201, r.status(), r.text());
            assertEquals(BATCH_ROWS, r.json().getJsonNumber("rows").longValue());
            rates.add(BATCH_ROWS / s);
            totalRows += BATCH_ROWS;
            totalSeconds += s;
            Files.deleteIfExists(csv);
        }
        long rssAfter = residentKiB();
        List<Double> sortedRates = new ArrayList<>(rates);
        Collections.sort(sortedRates);
        System.out.printf(Locale.ROOT, "%nINGEST %d batches of %,d rows: sustained %,.0f rows/s (per batch: min %,.0f, median %,.0f, max %,.0f);"
                        + " server resident memory %,d KiB before, %,d KiB after%n", BATCHES, BATCH_ROWS, totalRows / totalSeconds,
                sortedRates.get(0), sortedRates.get(sortedRates.size() / 2), sortedRates.get(sortedRates.size() - 1), rssBefore, rssAfter);

        // One 1M-row window audited with the default monitoring pack: from the close request to the audit's end.
        Instant until = first.plusDays(1).atStartOfDay(java.time.ZoneOffset.UTC).toInstant();
        long t = System.nanoTime();
        JsonObject closed = ci.send("POST", d + "/windows/close?until=" + until, "application/json", new byte[0]).json();
        String audit = closed.getJsonArray("audited").getJsonObject(0).getString("audit");
        JsonObject run;
        do {
            Thread.sleep(20);
            run = ci.get("/api/v1/audits/" + audit).json();
        } while (!run.getString("status").equals("DONE") && !run.getString("status").equals("ERROR"));
        double windowSeconds = (System.nanoTime() - t) / 1e9;
        assertEquals("DONE", run.getString("status"), run.toString());
        System.out.printf(Locale.ROOT, "WINDOW the audit of a %,d-row window (post-market-monitoring): %.2f s from the close request"
                + " (slice, dataset, audit, signatures) to DONE%n", BATCH_ROWS, windowSeconds);

        // The series over the batches' windows: close them all, then ask.
        ci.send("POST", d + "/windows/close?until=" + first.plusDays(BATCHES).atStartOfDay(java.time.ZoneOffset.UTC).toInstant(),
                "application/json", new byte[0]);
        for (int i = 0; i < 3000; i++) {
            List<JsonObject> windows = ci.get(d + "/windows?from=" + first.atStartOfDay(java.time.ZoneOffset.UTC).toInstant()
                    + "&to=" + first.plusDays(BATCHES).atStartOfDay(java.time.ZoneOffset.UTC).toInstant()).json()
                    .getJsonArray("windows").getValuesAs(JsonObject.class);
            if (windows.size() == BATCHES && windows.stream().allMatch(w -> w.getString("status").equals("DONE"))) {
                break;
            }
            Thread.sleep(500);
        }
        String series = d + "/series?metric=impact_ratio&scope=race&group=Black";
        List<Double> ms = new ArrayList<>();
        int points = 0;
        for (int i = 0; i < 25; i++) {
            long s = System.nanoTime();
            points = ci.get(series).json().getJsonArray("points").size();
            ms.add((System.nanoTime() - s) / 1e6);
        }
        Collections.sort(ms);
        System.out.printf(Locale.ROOT, "SERIES %d points: median %.1f ms, max %.1f ms over 25 requests%n", points,
                ms.get(ms.size() / 2), ms.get(ms.size() - 1));
        assertTrue(points >= BATCHES, "the series covers the batches' windows: " + points);
    }

    @Test
    void fiftyCiClientsRegisterUploadAuditAndGate() throws Exception {
        int clients = Integer.getInteger("bench.ciClients", 50);
        Duration run = Duration.ofSeconds(Integer.getInteger("bench.ciSeconds", 600));
        java.io.StringWriter file = new java.io.StringWriter();
        LoanApplications.write(file, Integer.getInteger("bench.ciRows", 2_000), 0, LoanApplications.FAIR, 11L);
        byte[] csv = file.toString().getBytes(StandardCharsets.UTF_8);
        String[] steps = {"register", "upload", "audit", "gate"};
        List<List<Long>> latencies = new ArrayList<>();
        for (int i = 0; i < steps.length; i++) {
            latencies.add(Collections.synchronizedList(new ArrayList<>()));
        }
        AtomicInteger serverErrors = new AtomicInteger();
        AtomicInteger otherRefusals = new AtomicInteger();
        List<String> failures = Collections.synchronizedList(new ArrayList<>());
        // Every version made, with the audit its client saw finish: afterwards each must have that one audit only.
        List<String[]> audited = Collections.synchronizedList(new ArrayList<>());
        Api ci = Api.withRoles("ci-gate");
        long start = System.nanoTime();
        CountDownLatch done = new CountDownLatch(clients);
        for (int c = 0; c < clients; c++) {
            String model = "fleet-" + c + "-" + java.util.UUID.randomUUID().toString().substring(0, 6);
            Thread t = new Thread(() -> {
                try {
                    for (int n = 0; System.nanoTime() - start < run.toNanos(); n++) {
                        String version = "/api/v1/models/" + model + "/versions/1.0." + n;
                        Api.Reply[] replies = new Api.Reply[steps.length];
                        long s = System.nanoTime();
                        replies[0] = ci.send("PUT", version, "application/yaml", dev.assay.demo.DemoSeeder.card("1.0." + n)
                                .replace("model: loan-approval", "model: " + model).getBytes(StandardCharsets.UTF_8));
                        latencies.get(0).add(System.nanoTime() - s);
                        s = System.nanoTime();
                        replies[1] = ci.send("POST", version + "/datasets", "text/csv", csv);
                        latencies.get(1).add(System.nanoTime() - s);
                        s = System.nanoTime();
                        replies[2] = ci.send("POST", version + "/audits?wait=300", "application/json",
                                "{\"policies\":[\"eeoc-four-fifths\"]}".getBytes(StandardCharsets.UTF_8));
                        latencies.get(2).add(System.nanoTime() - s);
                        s = System.nanoTime();
                        replies[3] = ci.get(version + "/gate");
                        latencies.get(3).add(System.nanoTime() - s);
                        for (int i = 0; i < steps.length; i++) {
                            if (replies[i].status() >= 500) {
                                serverErrors.incrementAndGet();
                                failures.add(steps[i] + " " + version + ": " + replies[i].status() + " " + replies[i].text());
                            } else if (replies[i].status() >= 400) {
                                otherRefusals.incrementAndGet();
                                failures.add(steps[i] + " " + version + ": " + replies[i].status() + " " + replies[i].text());
                            }
                        }
                        if (replies[2].status() == 201) {
                            audited.add(new String[]{version, replies[2].json().getString("id")});
                        }
                    }
                } catch (Exception e) {
                    failures.add(e.toString());
                } finally {
                    done.countDown();
                }
            });
            t.start();
        }
        done.await();
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf(Locale.ROOT, "%nFLEET %d CI clients for %.0f s: %d cycles (register, upload %,d bytes, audit, gate), %.1f a second;"
                        + " %d answers 5xx, %d other refusals%n", clients, seconds, audited.size(), csv.length, audited.size() / seconds,
                serverErrors.get(), otherRefusals.get());
        for (int i = 0; i < steps.length; i++) {
            List<Long> sorted = new ArrayList<>(latencies.get(i));
            Collections.sort(sorted);
            System.out.printf(Locale.ROOT, "FLEET %-8s n %d, p50 %.1f ms, p90 %.1f ms, p99 %.1f ms, max %.1f ms%n", steps[i], sorted.size(),
                    pct(sorted, 0.5), pct(sorted, 0.9), pct(sorted, 0.99), sorted.get(sorted.size() - 1) / 1e6);
        }
        assertTrue(failures.isEmpty(), failures.size() + " failures, the first: " + failures.subList(0, Math.min(5, failures.size())));
        // Each audit ran once: every version has exactly the audit its client saw, and it is DONE.
        Api auditor = Api.withRoles("auditor");
        for (String[] a : audited) {
            JsonObject version = auditor.get(a[0]).json();
            List<String> ids = version.getJsonArray("audits").getValuesAs(JsonObject.class).stream().map(x -> x.getString("id")).toList();
            assertEquals(List.of(a[1]), ids, a[0]);
        }
        JsonObject ledger = auditor.get("/api/v1/ledger/verify").json();
        System.out.printf(Locale.ROOT, "FLEET every audit once (%d), ledger %s%n", audited.size(), ledger);
        assertTrue(ledger.getBoolean("valid"), ledger.toString());
        assertTrue(audited.size() >= clients, "every client finished a cycle");
    }

    private static void warm(URI gate, String auth) throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        for (int i = 0; i < 500; i++) {
            client.send(HttpRequest.newBuilder(gate).header("Authorization", auth).build(), HttpResponse.BodyHandlers.discarding());
        }
    }

    private static double pct(List<Long> sorted, double q) {
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.floor(q * sorted.size()))) / 1e6;
    }

    /** The server's resident memory (VmRSS) from /proc, by the pid Liberty writes; -1 where unreadable. */
    private static long residentKiB() {
        try {
            Path pidFile = Path.of(System.getProperty("assay.wlp.dir", "target/liberty/wlp"), "usr/servers/.pid/assay.pid");
            String pid = Files.readString(pidFile).trim();
            return Files.readAllLines(Path.of("/proc", pid, "status")).stream().filter(l -> l.startsWith("VmRSS:"))
                    .map(l -> Long.parseLong(l.replaceAll("\\D", ""))).findFirst().orElse(-1L);
        } catch (Exception e) {
            return -1;
        }
    }
}
