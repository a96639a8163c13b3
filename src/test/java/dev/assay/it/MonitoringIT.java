package dev.assay.it;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The model after release over HTTP, on the real server: deploy (and be refused), post production
 * predictions and delayed labels (duplicates, concurrent duplicates, bad rows), close and audit windows,
 * a late label re-auditing a window, series, health, and the ledger. Data generated here.
 */
@ExtendWith(LibertyServer.class)
class MonitoringIT {

    static final String MODEL = "monitoring-it";

    static final String CARD = """
            model: %s
            version: %s
            owner: it@example.com
            task: binary-classification
            riskTier: high
            positiveLabel: 1
            favorableOutcome: 1
            columns:
              id: id
              label: label
              prediction: hired
              timestamp: at
              protected: [sex]
            """;

    /** Evaluation rows: per sex, {@code n} rows of which {@code hired} are hired; the label agrees with the prediction on 9 rows in 10. */
    static String evaluation(int female, int femaleHired, int male, int maleHired) {
        StringBuilder b = new StringBuilder("id,sex,hired,label\n");
        int id = 0;
        for (int i = 0; i < female; i++) {
            int hired = i < femaleHired ? 1 : 0;
            b.append(++id).append(",F,").append(hired).append(',').append(i % 10 == 0 ? 1 - hired : hired).append('\n');
        }
        for (int i = 0; i < male; i++) {
            int hired = i < maleHired ? 1 : 0;
            b.append(++id).append(",M,").append(hired).append(',').append(i % 10 == 0 ? 1 - hired : hired).append('\n');
        }
        return b.toString();
    }

    /**
     * Production rows {@code first..first+2n-1}, F and M in turn, n of each, {@code femaleHired} / {@code maleHired}
     * of them hired, spread evenly (so any run of ids has about the same rate), over the hour from {@code hour}.
     */
    static String predictions(int first, int n, int femaleHired, int maleHired, Instant hour) {
        StringBuilder b = new StringBuilder("id,sex,hired,at\n");
        for (int i = 0; i < 2 * n; i++) {
            boolean female = i % 2 == 0;
            int k = i / 2;
            int h = female ? femaleHired : maleHired;
            int hired = (k + 1) * h / n - k * h / n;
            b.append(first + i).append(',').append(female ? "F" : "M").append(',').append(hired).append(',')
                    .append(hour.plusSeconds(i * 3600L / (2L * n))).append('\n');
        }
        return b.toString();
    }

    /** Labels of ids {@code from..to} as JSON Lines: the label agrees with the prediction (so accuracy is 1 on them). */
    static String labels(int from, int to, String predictions) {
        StringBuilder b = new StringBuilder();
        for (String line : predictions.split("\n")) {
            String[] f = line.split(",");
            if (f[0].equals("id")) {
                continue;
            }
            int id = Integer.parseInt(f[0]);
            if (id >= from && id <= to) {
                b.append("{\"id\":").append(id).append(",\"label\":").append(f[2]).append("}\n");
            }
        }
        return b.toString();
    }

    static String register(Api ci, String version, String data) throws Exception {
        String path = "/api/v1/models/" + MODEL + "/versions/" + version;
        Api.Reply r = ci.send("PUT", path, "application/yaml", CARD.formatted(MODEL, version).getBytes(StandardCharsets.UTF_8));
        assertEquals(201, r.status(), r.text());
        assertEquals(201, ci.send("POST", path + "/datasets", "text/csv", data.getBytes(StandardCharsets.UTF_8)).status());
        Api.Reply audit = ci.send("POST", path + "/audits?wait=120", "application/json", "{}".getBytes());
        assertEquals(201, audit.status(), audit.text());
        return path;
    }

    static final Instant W0 = Instant.parse("2026-01-10T09:00:00Z");
    static final Instant W1 = W0.plus(Duration.ofHours(1));
    static final Instant W2 = W0.plus(Duration.ofHours(2));
    static final Instant W3 = W0.plus(Duration.ofHours(3));

    @Test
    void deployPostPredictionsAndLabelsCloseWindowsAndFollowTheSeries() throws Exception {
        Api ci = Api.withRoles("ci-gate");
        Api owner = Api.withRoles("model-owner");
        Api auditor = Api.withRoles("auditor");
        // A real local receiver of monitoring's alerts.
        List<JsonObject> told = new java.util.concurrent.CopyOnWriteArrayList<>();
        com.sun.net.httpserver.HttpServer hook = com.sun.net.httpserver.HttpServer.create(
                new java.net.InetSocketAddress("127.0.0.1", 0), 0);
        hook.createContext("/", exchange -> {
            told.add(jakarta.json.Json.createReader(exchange.getRequestBody()).readObject());
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        hook.start();
        String receiver = "monitoring-it-" + java.util.UUID.randomUUID().toString().substring(0, 8);
        assertEquals(201, Api.admin().send("PUT", "/api/v1/alert-receivers/" + receiver, "application/json",
                ("{\"url\":\"http://127.0.0.1:" + hook.getAddress().getPort() + "/\",\"events\":[\"window.failed\","
                        + "\"deployment.health\",\"monitoring.alarm\"],\"secret\":\"monitoring-it-secret-0123\"}").getBytes()).status());

        // Three versions: 1.0.0 passes the four-fifths rule, 2.0.0 fails it, 3.0.0 warns (a group under 30 rows).
        String v1 = register(ci, "1.0.0", evaluation(60, 30, 60, 30));
        assertEquals("PASS", ci.get(v1 + "/gate").json().getString("decision"));
        String v2 = register(ci, "2.0.0", evaluation(60, 12, 60, 36));
        assertEquals("FAIL", ci.get(v2 + "/gate").json().getString("decision"));
        String v3 = register(ci, "3.0.0", evaluation(20, 10, 60, 30));
        assertEquals("WARN", ci.get(v3 + "/gate").json().getString("decision"));
        // Registered by CI; the model owner deploys it once an admin makes them an owner (until then: not found).
        assertEquals(404, owner.get("/api/v1/models/" + MODEL + "/deployments").status());
        Api.addOwners(MODEL, owner.person());

        String deployments = "/api/v1/models/" + MODEL + "/deployments";
        String monitoring = ",\"monitoring\":{\"policies\":[\"post-market-monitoring\"],\"window\":\"PT1H\",\"minimumLabelCoverage\":0.5}";
        // Refused: a failing gate; a WARN gate where the environment requires PASS. Auditors read, they do not deploy.
        Api.Reply refused = ci.send("POST", deployments, "application/json",
                ("{\"version\":\"2.0.0\",\"environment\":\"production\"" + monitoring + "}").getBytes());
        assertEquals(409, refused.status(), refused.text());
        assertTrue(refused.contentType().startsWith("application/problem+json"));
        assertTrue(refused.json().getString("detail").contains("FAIL"), refused.text());
        assertEquals(409, ci.send("POST", deployments, "application/json",
                "{\"version\":\"3.0.0\",\"environment\":\"production\"}".getBytes()).status());
        assertEquals(403, auditor.send("POST", deployments, "application/json",
                "{\"version\":\"1.0.0\",\"environment\":\"production\"}".getBytes()).status());
        Api.Reply bad = ci.send("POST", deployments, "application/json",
                "{\"version\":\"9.9.9\",\"environment\":\"prod uction\",\"monitoring\":{\"window\":\"hourly\",\"policies\":[\"nope\"]}}".getBytes());
        assertEquals(422, bad.status(), bad.text());
        List<String> pointers = bad.json().getJsonArray("errors").getValuesAs(JsonObject.class).stream()
                .map(e -> e.getString("pointer", "")).toList();
        assertTrue(pointers.containsAll(List.of("/version", "/environment", "/monitoring/window", "/monitoring/policies/0")),
                pointers.toString());

        // The environment configured to accept WARN (ASSAY_ENVIRONMENTS_ACCEPTING_WARN=staging) takes 3.0.0.
        Api.Reply staging = owner.send("POST", deployments, "application/json",
                "{\"version\":\"3.0.0\",\"environment\":\"staging\"}".getBytes());
        assertEquals(201, staging.status(), staging.text());

        Api.Reply first = ci.send("POST", deployments, "application/json",
                ("{\"version\":\"1.0.0\",\"environment\":\"production\"" + monitoring + "}").getBytes());
        assertEquals(201, first.status(), first.text());
        JsonObject firstDeployment = first.json();
        assertEquals(JsonValue.NULL, firstDeployment.get("until"));
        assertEquals("unknown", firstDeployment.getString("health"));
        assertEquals("1.0.0", firstDeployment.getString("version"));
        // A second deployment to the same environment ends the first.
        Api.Reply second = ci.send("POST", deployments, "application/json",
                ("{\"version\":\"1.0.0\",\"environment\":\"production\"" + monitoring + "}").getBytes());
        assertEquals(201, second.status(), second.text());
        String id = second.json().getString("id");
        String d = "/api/v1/deployments/" + id;
        JsonObject ended = auditor.get("/api/v1/deployments/" + firstDeployment.getString("id")).json();
        assertNotEquals(JsonValue.NULL, ended.get("until"), ended.toString());
        List<JsonObject> history = auditor.get(deployments).json().getJsonArray("deployments").getValuesAs(JsonObject.class);
        assertEquals(List.of(id, firstDeployment.getString("id"), staging.json().getString("id")),
                history.stream().map(h -> h.getString("id")).toList(), "newest first");
        assertEquals(second.json().getJsonObject("monitoring").getString("reference"),
                ci.get(v1).json().getJsonArray("datasets").getValuesAs(JsonObject.class).get(0).getString("id"),
                "the reference defaults to the evaluation dataset of the version's latest audit");

        // W1: fair, 60 rows. A duplicate batch is stored once.
        String w1 = predictions(1, 30, 15, 15, W1);
        Api.Reply p1 = ci.send("POST", d + "/predictions?batch=b1", "text/csv", w1.getBytes());
        assertEquals(201, p1.status(), p1.text());
        assertEquals(60, p1.json().getInt("rows"));
        assertFalse(p1.json().getBoolean("duplicate"));
        Api.Reply again = ci.send("POST", d + "/predictions?batch=b1", "text/csv", w1.getBytes());
        assertEquals(200, again.status(), again.text());
        assertTrue(again.json().getBoolean("duplicate"));

        // Labels before their predictions: W2's first 20 ids (coverage 1/3: under the deployment's minimum).
        String w2 = predictions(101, 30, 6, 18, W2);
        Api.Reply early = ci.send("POST", d + "/labels?batch=l-early", "application/x-ndjson", labels(101, 120, w2).getBytes());
        assertEquals(201, early.status(), early.text());
        assertEquals(20, early.json().getInt("rows"));
        assertEquals(0, early.json().getInt("matched"));
        assertEquals(20, early.json().getInt("unmatched"));
        // W2: biased (F 6 of 30 hired, M 18 of 30: impact ratio 1/3).
        assertEquals(201, ci.send("POST", d + "/predictions?batch=b2", "text/csv", w2.getBytes()).status());
        Api.Reply l1 = ci.send("POST", d + "/labels?batch=l1", "application/x-ndjson", labels(1, 40, w1).getBytes());
        assertEquals(201, l1.status(), l1.text());
        assertEquals(40, l1.json().getInt("matched"));

        // A bad batch: refused with its line and column, nothing stored (the same batch id is free afterwards).
        String broken = "id,sex,hired,at\n201,F,1," + W0.plusSeconds(60) + "\n202,M,1,\n203,F,0," + Instant.now().plus(Duration.ofDays(2)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS) + "\n";
        Api.Reply refusedBatch = ci.send("POST", d + "/predictions?batch=b0", "text/csv", broken.getBytes());
        assertEquals(422, refusedBatch.status(), refusedBatch.text());
        List<JsonObject> rowErrors = refusedBatch.json().getJsonArray("errors").getValuesAs(JsonObject.class);
        assertEquals(3, rowErrors.get(0).getInt("line"), rowErrors.toString());
        assertEquals(4, rowErrors.get(0).getInt("column"));
        assertEquals(4, rowErrors.get(1).getInt("line"));
        assertTrue(rowErrors.get(1).getString("message").contains("future"), rowErrors.toString());

        // W0: the same batch sent four times at once is stored once.
        String w0 = predictions(201, 5, 3, 3, W0);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<Api.Reply>> posts = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            Callable<Api.Reply> post = () -> ci.send("POST", d + "/predictions?batch=b0", "text/csv", w0.getBytes());
            posts.add(pool.submit(post));
        }
        List<Integer> statuses = new ArrayList<>();
        for (Future<Api.Reply> f : posts) {
            Api.Reply r = f.get();
            statuses.add(r.status());
            assertEquals(10, r.json().getInt("rows"), r.text());
        }
        pool.shutdown();
        assertEquals(1, statuses.stream().filter(s -> s == 201).count(), statuses.toString());
        assertEquals(3, statuses.stream().filter(s -> s == 200).count(), statuses.toString());

        // Close every window that ended by 11:59:59: W0 and W1; W2 ends at 12:00.
        assertEquals(400, ci.send("POST", d + "/windows/close", "application/json", new byte[0]).status());
        Api.Reply closed = ci.send("POST", d + "/windows/close?until=" + W2.plusSeconds(3599), "application/json", new byte[0]);
        assertEquals(200, closed.status(), closed.text());
        assertEquals(2, closed.json().getJsonArray("audited").size(), closed.text());
        closed = ci.send("POST", d + "/windows/close?until=" + W2.plus(Duration.ofHours(1)), "application/json", new byte[0]);
        assertEquals(1, closed.json().getJsonArray("audited").size(), "W0 and W1 are not audited twice: " + closed.text());

        List<JsonObject> windows = awaitWindows(auditor, d, 3);
        assertEquals(List.of(W0.toString(), W1.toString(), W2.toString()), windows.stream().map(w -> w.getString("start")).toList());
        JsonObject win0 = windows.get(0);
        JsonObject win1 = windows.get(1);
        JsonObject win2 = windows.get(2);
        assertEquals(10, win0.getInt("rows"), "the concurrent batch stored once");
        assertEquals(60, win1.getInt("rows"));
        assertEquals(40.0 / 60, win1.getJsonNumber("labelCoverage").doubleValue(), 1e-9);
        assertEquals("PASS", win1.getString("decision"), win1.toString());
        assertEquals("FAIL", win2.getString("decision"), win2.toString());
        assertEquals(20.0 / 60, win2.getJsonNumber("labelCoverage").doubleValue(), 1e-9);
        assertEquals(W2.plus(Duration.ofHours(1)).toString(), win2.getString("end"));

        // Each window's audit is an ordinary audit: its signed report says which window, and withholds label metrics below the coverage.
        String oldAudit = win2.getString("audit");
        JsonObject report = auditor.get("/api/v1/audits/" + oldAudit + "/report", "application/json").json();
        JsonObject window = report.getJsonObject("window");
        assertEquals(W2.toString(), window.getString("start"));
        assertEquals(60, window.getInt("rows"));
        assertEquals(20, window.getInt("labeledRows"));
        assertEquals(id, window.getString("deployment"));
        // The window dataset's content address is the SHA-256 of the very file the server stores and audits (the
        // slice is stored as written), and its size that file's.
        JsonObject windowDataset = report.getJsonObject("dataset");
        assertEquals("window", windowDataset.getString("role"));
        String sha256 = windowDataset.getString("sha256");
        java.nio.file.Path stored = LibertyServer.get().dataDir().resolve("datasets").resolve(sha256.substring(0, 2))
                .resolve(sha256 + ".parquet");
        assertEquals(sha256, dev.assay.infrastructure.Hashing.sha256Hex(stored));
        assertEquals(java.nio.file.Files.size(stored), windowDataset.getJsonNumber("bytes").longValue());
        JsonObject accuracy = overall(report, "accuracy");
        assertEquals(JsonValue.NULL, accuracy.get("value"));
        assertTrue(accuracy.getString("undefined").contains("label coverage"), accuracy.toString());
        assertEquals(200, auditor.get("/api/v1/audits/" + oldAudit + "/report.jws").status());
        JsonObject w1Report = auditor.get("/api/v1/audits/" + win1.getString("audit") + "/report", "application/json").json();
        assertEquals(1.0, overall(w1Report, "accuracy").getJsonNumber("value").doubleValue(), 1e-9,
                "labels cover enough of W1: accuracy on its labeled rows");
        // A production window never moves the release gate.
        assertEquals("PASS", ci.get(v1 + "/gate").json().getString("decision"));

        // Late labels for W2 give it a new audit; the earlier one stays.
        // (As multipart/form-data, the other way dataset uploads come.)
        Api.Reply late = ci.multipart(d + "/labels?batch=l-late", java.util.Map.of("file",
                java.util.Map.entry("application/x-ndjson", labels(121, 140, w2).getBytes())));
        assertEquals(201, late.status(), late.text());
        assertEquals(20, late.json().getInt("matched"));
        JsonObject reaudited = awaitReaudit(auditor, d, W2);
        assertEquals(List.of(oldAudit), reaudited.getJsonArray("earlierAudits").getValuesAs(jakarta.json.JsonString.class)
                .stream().map(jakarta.json.JsonString::getString).toList());
        assertNotEquals(oldAudit, reaudited.getString("audit"));
        assertEquals(40.0 / 60, reaudited.getJsonNumber("labelCoverage").doubleValue(), 1e-9);
        assertEquals("DONE", auditor.get("/api/v1/audits/" + oldAudit).json().getString("status"), "the earlier audit stays");
        JsonObject newReport = auditor.get("/api/v1/audits/" + reaudited.getString("audit") + "/report", "application/json").json();
        assertEquals(1.0, overall(newReport, "accuracy").getJsonNumber("value").doubleValue(), 1e-9);

        // Series: one point per window, oldest first.
        List<JsonObject> points = auditor.get(d + "/series?metric=impact_ratio&scope=sex&group=F").json()
                .getJsonArray("points").getValuesAs(JsonObject.class);
        assertEquals(3, points.size(), points.toString());
        assertEquals(W2.toString(), points.get(2).getString("start"));
        assertEquals(1.0 / 3, points.get(2).getJsonNumber("value").doubleValue(), 1e-9);
        assertEquals("fail", points.get(2).getString("outcome"));
        assertEquals(1.0, points.get(1).getJsonNumber("value").doubleValue(), 1e-9);
        assertEquals(400, auditor.get(d + "/series?metric=no_such_metric").status());
        List<JsonObject> fromTo = auditor.get(d + "/windows?from=" + W1 + "&to=" + W2).json().getJsonArray("windows")
                .getValuesAs(JsonObject.class);
        assertEquals(List.of(W1.toString()), fromTo.stream().map(w -> w.getString("start")).toList());

        // Health from the latest windows: the newest failed.
        JsonObject deployment = auditor.get(d).json();
        assertEquals("failing", deployment.getString("health"), deployment.toString());
        // Told to the receiver: the failed window, and the health as it moved (to failing last), once each.
        for (int i = 0; i < 150 && told.stream().noneMatch(e -> e.getString("type").equals("window.failed")
                && e.getString("audit").equals(win2.getString("audit"))); i++) {
            Thread.sleep(200);
        }
        JsonObject failed = told.stream().filter(e -> e.getString("type").equals("window.failed")
                && e.getString("audit").equals(win2.getString("audit"))).findFirst().orElseThrow(() -> new AssertionError(told.toString()));
        assertEquals(id, failed.getString("subject"));
        assertEquals(W2.toString(), failed.getString("windowStart"));
        assertEquals("window.failed:" + win2.getString("audit"), failed.getString("id"));
        for (int i = 0; i < 150 && told.stream().noneMatch(e -> e.getString("type").equals("deployment.health")
                && e.getString("subject").equals(id) && e.getString("after").equals("failing")); i++) {
            Thread.sleep(200);
        }
        assertTrue(told.stream().anyMatch(e -> e.getString("type").equals("deployment.health") && e.getString("subject").equals(id)
                && e.getString("after").equals("failing")), told.toString());
        // W2's gap (impact ratio 1/3 on 30 rows a group: about 2.9 standard errors under 0.8) is one window's
        // evidence, short of the CUSUM's h; W3's (F 5 of 100 hired, M 80 of 100) raises its alarm at once.
        assertEquals(List.of(), deployment.getJsonArray("alarms"), deployment.toString());
        assertTrue(told.stream().noneMatch(e -> e.getString("type").equals("monitoring.alarm")), told.toString());
        assertEquals(201, ci.send("POST", d + "/predictions?batch=b3", "text/csv", predictions(301, 100, 5, 80, W3).getBytes()).status());
        Api.Reply closedW3 = ci.send("POST", d + "/windows/close?until=" + W3.plus(Duration.ofHours(1)), "application/json", new byte[0]);
        assertEquals(1, closedW3.json().getJsonArray("audited").size(), closedW3.text());
        JsonObject win3 = awaitWindows(auditor, d, 4).get(3);
        for (int i = 0; i < 150 && told.stream().noneMatch(e -> e.getString("type").equals("monitoring.alarm")); i++) {
            Thread.sleep(200);
        }
        JsonObject alarm = told.stream().filter(e -> e.getString("type").equals("monitoring.alarm")).findFirst()
                .orElseThrow(() -> new AssertionError(told.toString()));
        assertEquals(id, alarm.getString("subject"));
        assertEquals(win3.getString("audit"), alarm.getString("audit"));
        assertEquals("impact_ratio", alarm.getString("metric"));
        assertEquals("sex", alarm.getString("scope"));
        assertEquals("F", alarm.getString("group"));
        assertTrue(alarm.getJsonNumber("cusum").doubleValue() > 5, alarm.toString());
        assertEquals(W3.toString(), alarm.getString("windowStart"));
        JsonObject alarmed = auditor.get(d).json();
        assertEquals("failing", alarmed.getString("health"));
        List<JsonObject> inAlarm = alarmed.getJsonArray("alarms").getValuesAs(JsonObject.class);
        assertTrue(inAlarm.stream().anyMatch(a -> a.getString("metric").equals("impact_ratio") && a.getString("group").equals("F")
                && a.getString("audit").equals(win3.getString("audit")) && a.getInt("windowsAgo") == 0), inAlarm.toString());
        assertEquals(told.size(), told.stream().map(e -> e.getString("id")).distinct().count(), "each event once: " + told);
        hook.stop(0);
        assertEquals(3, deployment.getJsonArray("windows").size());

        // Ending it: until set, nothing deleted.
        assertEquals(403, auditor.send("DELETE", d, null, null).status());
        Api.Reply end = owner.send("DELETE", d, null, null);
        assertEquals(200, end.status(), end.text());
        assertNotEquals(JsonValue.NULL, end.json().get("until"));
        assertEquals(200, auditor.get(d + "/windows").status());

        // Every deployment, end, refusal, batch and window audit is in the ledger.
        Set<String> kinds = ledgerKinds(Api.withRoles("auditor"));
        for (String kind : List.of("deployment.created", "deployment.ended", "deployment.refused", "predictions.stored",
                "labels.stored", "window.audited", "audit.completed")) {
            assertTrue(kinds.contains(kind), kind + " in " + kinds);
        }
        assertTrue(auditor.get("/api/v1/ledger/verify").json().getBoolean("valid"));
    }

    /** The server closes and audits ended windows on its own (the IT server's grace is ten years: windows of 2015). */
    @Test
    void theCloserAuditsEndedWindowsOnItsOwn() throws Exception {
        Api ci = Api.withRoles("ci-gate");
        String model = "monitoring-closer-it";
        String path = "/api/v1/models/" + model + "/versions/1.0.0";
        assertEquals(201, ci.send("PUT", path, "application/yaml", CARD.formatted(model, "1.0.0").getBytes(StandardCharsets.UTF_8))
                .status());
        assertEquals(201, ci.send("POST", path + "/datasets", "text/csv", evaluation(60, 30, 60, 30).getBytes()).status());
        assertEquals(201, ci.send("POST", path + "/audits?wait=120", "application/json", "{}".getBytes()).status());
        Api.Reply deployed = ci.send("POST", "/api/v1/models/" + model + "/deployments", "application/json",
                "{\"version\":\"1.0.0\",\"environment\":\"production\",\"monitoring\":{\"window\":\"P1D\"}}".getBytes());
        assertEquals(201, deployed.status(), deployed.text());
        String d = "/api/v1/deployments/" + deployed.json().getString("id");
        Instant day = Instant.parse("2015-03-01T00:00:00Z");
        assertEquals(201, ci.send("POST", d + "/predictions?batch=old", "text/csv",
                predictions(1, 30, 15, 15, day).getBytes()).status());
        // No close request: the closer finds the window of 2015-03-01 ended (more than the grace ago) and audits it.
        JsonObject w = awaitWindows(ci, d, 1).get(0);
        assertEquals(day.toString(), w.getString("start"));
        assertEquals(60, w.getInt("rows"));
        assertEquals("PASS", w.getString("decision"), w.toString());
        assertEquals("assay-monitor", ci.get("/api/v1/audits/" + w.getString("audit")).json().getString("createdBy"));
    }

    @Test
    void theOpenApiDocumentListsTheMonitoringEndpoints() throws Exception {
        var paths = Api.anonymous().get("/openapi", "application/json").json().getJsonObject("paths");
        for (String path : List.of("/api/v1/models/{model}/deployments", "/api/v1/deployments/{id}",
                "/api/v1/deployments/{id}/predictions", "/api/v1/deployments/{id}/labels", "/api/v1/deployments/{id}/windows",
                "/api/v1/deployments/{id}/windows/close", "/api/v1/deployments/{id}/series")) {
            assertTrue(paths.containsKey(path), path + " in " + paths.keySet());
        }
    }

    private static JsonObject overall(JsonObject report, String metric) {
        return report.getJsonArray("metrics").getValuesAs(JsonObject.class).stream()
                .filter(m -> m.getString("metric").equals(metric) && m.isNull("scope") && m.isNull("group"))
                .findFirst().orElseThrow(() -> new AssertionError("no overall " + metric));
    }

    /** The windows once {@code count} of them are audited and every audit has finished. */
    /**
     * The demo's deployment (seeded on the first start, as {@code liberty:run} shows it): 1.1.0 in production with
     * three weeks of daily windows in which Black applicants' approval rate sinks after day 10: the early windows
     * pass the four-fifths rule, the last ones fail it, the deployment is failing, and the series' CUSUM alarms.
     */
    @Test
    void theDemoDeploymentDriftsIntoFailing() throws Exception {
        Api auditor = Api.withRoles("auditor");
        JsonObject deployment = null;
        for (int i = 0; i < 600 && deployment == null; i++) {
            deployment = auditor.get("/api/v1/models/loan-approval/deployments").json().getJsonArray("deployments")
                    .getValuesAs(JsonObject.class).stream().filter(x -> x.getString("environment").equals("production"))
                    .findFirst().orElse(null);
            if (deployment == null) {
                Thread.sleep(250);
            }
        }
        assertNotNull(deployment, "the demo deploys 1.1.0 to production");
        assertEquals("1.1.0", deployment.getString("version"));
        String d = "/api/v1/deployments/" + deployment.getString("id");
        List<JsonObject> windows = awaitWindows(auditor, d, dev.assay.demo.LoanApplications.DRIFT_AFTER_DAY + 11);
        List<String> decisions = windows.stream().map(w -> w.getString("decision")).toList();
        assertEquals(List.of("FAIL", "FAIL", "FAIL"), decisions.subList(decisions.size() - 3, decisions.size()),
                "the last days fail: " + decisions);
        assertTrue(decisions.subList(0, 10).stream().filter(x -> !x.equals("FAIL")).count() >= 8,
                "the days before the drift pass the four-fifths rule: " + decisions);
        assertEquals(0, windows.get(windows.size() - 1).getJsonNumber("labelCoverage").doubleValue(), 1e-12,
                "the last week's outcomes have not come back");
        assertEquals(0.8, windows.get(0).getJsonNumber("labelCoverage").doubleValue(), 0.05);
        JsonObject now = auditor.get(d).json();
        assertEquals("failing", now.getString("health"));
        // The drift is found by the impact ratio's CUSUM too (a persistent change, at its stated false-alarm rate).
        assertTrue(now.getJsonArray("alarms").getValuesAs(JsonObject.class).stream().anyMatch(a -> a.getString("metric")
                .equals("impact_ratio") && a.getString("scope").equals("race") && "Black".equals(a.getString("group", null))),
                now.toString());
        // The version gate shows the deployment's health, for a retraining pipeline to act on; require still
        // judges the release audit, which passed.
        String gate = "/api/v1/models/loan-approval/versions/1.1.0/gate";
        Api.Reply inProduction = auditor.get(gate + "?environment=production&require=PASS");
        assertEquals(200, inProduction.status(), inProduction.text());
        JsonObject there = inProduction.json().getJsonObject("deployment");
        assertEquals("production", there.getString("environment"));
        assertTrue(there.getBoolean("deployed"));
        assertEquals(deployment.getString("id"), there.getString("id"));
        assertEquals("failing", there.getString("health"));
        assertEquals(deployment.getString("since"), there.getString("since"));
        JsonObject elsewhere = auditor.get(gate + "?environment=staging").json().getJsonObject("deployment");
        assertEquals(false, elsewhere.getBoolean("deployed"));
        assertTrue(elsewhere.isNull("health") && elsewhere.isNull("id"), elsewhere.toString());
        assertTrue(!auditor.get(gate).json().containsKey("deployment"), "no environment asked, none shown");
        assertEquals(400, auditor.get(gate + "?environment=").status());
        JsonObject series = auditor.get(d + "/series?metric=impact_ratio&scope=race&group=Black").json();
        List<JsonObject> points = series.getJsonArray("points").getValuesAs(JsonObject.class);
        assertEquals(windows.size(), points.size());
        assertTrue(points.get(points.size() - 1).getJsonNumber("value").doubleValue() < 0.75, points.get(points.size() - 1).toString());
        assertTrue(points.stream().anyMatch(pt -> pt.getBoolean("alarm")), "the CUSUM of the evidence alarms: " + points);
        assertEquals("cusum", series.getJsonObject("falseAlarms").getString("method"));
    }

    static List<JsonObject> awaitWindows(Api api, String d, int count) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(180).toNanos();
        List<JsonObject> windows = List.of();
        while (System.nanoTime() < deadline) {
            windows = api.get(d + "/windows").json().getJsonArray("windows").getValuesAs(JsonObject.class);
            if (windows.size() == count && windows.stream().allMatch(w -> w.getString("status").equals("DONE"))) {
                return windows;
            }
            assertTrue(windows.stream().noneMatch(w -> w.getString("status").equals("ERROR")), windows.toString());
            Thread.sleep(250);
        }
        throw new AssertionError("windows not audited in time: " + windows);
    }

    private static JsonObject awaitReaudit(Api api, String d, Instant start) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(180).toNanos();
        JsonObject w = null;
        while (System.nanoTime() < deadline) {
            w = api.get(d + "/windows").json().getJsonArray("windows").getValuesAs(JsonObject.class).stream()
                    .filter(x -> x.getString("start").equals(start.toString())).findFirst().orElseThrow();
            if (!w.getJsonArray("earlierAudits").isEmpty() && w.getString("status").equals("DONE")) {
                return w;
            }
            Thread.sleep(250);
        }
        throw new AssertionError("no new audit of the window after late labels: " + w);
    }

    private static Set<String> ledgerKinds(Api auditor) throws Exception {
        Set<String> kinds = new HashSet<>();
        long after = 0;
        while (true) {
            List<JsonObject> entries = auditor.get("/api/v1/ledger?after=" + after + "&limit=1000").json()
                    .getJsonArray("entries").getValuesAs(JsonObject.class);
            if (entries.isEmpty()) {
                return kinds;
            }
            entries.forEach(e -> kinds.add(e.getString("kind")));
            after = entries.get(entries.size() - 1).getJsonNumber("seq").longValue();
            assertNotNull(after);
        }
    }
}
