package dev.assay.it;

import dev.assay.infrastructure.Hashing;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The whole path of the walking skeleton over HTTP, against the real server, asserting values. */
@ExtendWith(LibertyServer.class)
class WalkingSkeletonIT {

    private static Api ci;
    private static Api owner;
    private static Api auditor;

    @BeforeAll
    static void tokens() throws Exception {
        ci = Api.withRoles("ci-gate");
        owner = Api.withRoles("model-owner");
        auditor = Api.withRoles("auditor");
    }

    static final String CARD_YAML = """
            model: %s
            version: 1.0.0
            owner: it@example.com
            task: binary-classification
            riskTier: high
            positiveLabel: 1
            favorableOutcome: 1
            columns:
              id: id
              label: label
              prediction: hired
              protected: [sex]
            """;

    /** F: 40 rows, 12 hired (0.30); M: 60 rows, 30 hired (0.50); impact ratio of F = 0.6. */
    static String csv() {
        StringBuilder b = new StringBuilder("id,sex,hired,label\r\n");
        int id = 0;
        for (int i = 0; i < 40; i++) {
            b.append(++id).append(",F,").append(i < 12 ? 1 : 0).append(',').append(i % 2).append("\r\n");
        }
        for (int i = 0; i < 60; i++) {
            b.append(++id).append(",\"M\",").append(i < 30 ? 1 : 0).append(',').append(i % 3 == 0 ? 1 : 0).append("\r\n");
        }
        return b.toString();
    }

    static String jsonLines() {
        StringBuilder b = new StringBuilder();
        for (String line : csv().split("\r\n")) {
            if (line.startsWith("id")) {
                continue;
            }
            String[] f = line.split(",");
            b.append("{\"id\":").append(f[0]).append(",\"sex\":\"").append(f[1].replace("\"", "")).append("\",\"hired\":")
                    .append(f[2]).append(",\"label\":").append(f[3]).append("}\n");
        }
        return b.toString();
    }

    private static String register(String model) throws Exception {
        return register(ci, model);
    }

    /** Registers version 1.0.0 of {@code model} with this test's card (expects 201); returns the version's path. */
    static String register(Api ci, String model) throws Exception {
        Api.Reply r = ci.send("PUT", "/api/v1/models/" + model + "/versions/1.0.0", "application/yaml",
                CARD_YAML.formatted(model).getBytes(StandardCharsets.UTF_8));
        assertEquals(201, r.status(), r.text());
        return "/api/v1/models/" + model + "/versions/1.0.0";
    }

    @Test
    void demoModelIsSeededAuditedAndGated() throws Exception {
        JsonArray models = ci.get("/api/v1/models").json().getJsonArray("models");
        JsonObject loan = models.getValuesAs(JsonObject.class).stream()
                .filter(m -> m.getString("model").equals("loan-approval")).findFirst().orElseThrow();
        assertEquals(2, loan.getInt("versions"));
        assertEquals("1.1.0", loan.getString("latestVersion"));

        JsonObject failing = awaitGate("/api/v1/models/loan-approval/versions/1.0.0");
        assertEquals("FAIL", failing.getString("decision"));
        assertEquals(List.of("four-fifths-impact-ratio"), strings(failing.getJsonArray("reasons")));
        assertEquals(409, ci.get("/api/v1/models/loan-approval/versions/1.0.0/gate?require=PASS").status());
        assertEquals(409, ci.get("/api/v1/models/loan-approval/versions/1.0.0/gate?require=WARN").status());

        JsonObject passing = awaitGate("/api/v1/models/loan-approval/versions/1.1.0");
        assertEquals("PASS", passing.getString("decision"));
        assertEquals(200, ci.get("/api/v1/models/loan-approval/versions/1.1.0/gate?require=PASS").status());

        // The failing group of the demo is named in the findings, with its value below 0.8.
        JsonObject audit = ci.get("/api/v1/audits/" + failing.getString("audit")).json();
        JsonObject black = audit.getJsonArray("findings").getValuesAs(JsonObject.class).stream()
                .filter(f -> "Black".equals(f.getString("group", null))).findFirst().orElseThrow();
        assertEquals("fail", black.getString("outcome"));
        assertTrue(black.getJsonNumber("value").doubleValue() < 0.8);
        JsonObject nativeAmerican = audit.getJsonArray("findings").getValuesAs(JsonObject.class).stream()
                .filter(f -> "Native American".equals(f.getString("group", null))).findFirst().orElseThrow();
        assertEquals("undefined", nativeAmerican.getString("outcome"));
        assertEquals(25, nativeAmerican.getInt("n"));
    }

    @Test
    void dataQualityAndReidentificationMetricsOverHttp() throws Exception {
        Api.Reply r = ci.send("POST", "/api/v1/models/loan-approval/versions/1.0.0/audits?wait=60", "application/json",
                "{\"metrics\":[\"row_count\",\"uniqueness\",\"completeness\",\"k_anonymity\",\"duplicate_rows\"]}".getBytes());
        assertEquals(201, r.status(), r.text());
        var metrics = r.json().getJsonArray("metrics").getValuesAs(JsonObject.class);
        JsonObject rows = metrics.stream().filter(m -> m.getString("metric").equals("row_count")).findFirst().orElseThrow();
        assertEquals(4025, rows.getJsonNumber("value").intValue(), "4,000 applicants and 25 of the small group");
        JsonObject idUniqueness = metrics.stream().filter(m -> m.getString("metric").equals("uniqueness")
                && "applicant_id".equals(m.getString("scope", null))).findFirst().orElseThrow();
        assertEquals(1.0, idUniqueness.getJsonNumber("value").doubleValue(), 0);
        assertTrue(metrics.stream().filter(m -> m.getString("metric").equals("completeness"))
                .allMatch(m -> m.getJsonNumber("value").doubleValue() == 1.0));
        JsonObject k = metrics.stream().filter(m -> m.getString("metric").equals("k_anonymity")).findFirst().orElseThrow();
        assertTrue(k.getJsonNumber("value").intValue() >= 1, k.toString());
        assertEquals(0, metrics.stream().filter(m -> m.getString("metric").equals("duplicate_rows")).findFirst().orElseThrow()
                .getJsonNumber("value").intValue());
    }

    @Test
    void driftAgainstABaselineOverHttp() throws Exception {
        // The demo's 1.0.0 evaluation data against 1.1.0's as baseline: the score moved, applicant ids are not compared.
        String version = "/api/v1/models/drift-it/versions/1.0.0";
        String card = dev.assay.demo.DemoSeeder.card("1.0.0").replace("model: loan-approval", "model: drift-it");
        assertEquals(201, ci.send("PUT", version, "application/yaml", card.getBytes(StandardCharsets.UTF_8)).status());
        java.io.StringWriter biased = new java.io.StringWriter();
        dev.assay.demo.LoanApplications.write(biased, 3000, 0, dev.assay.demo.LoanApplications.BIASED, 7);
        java.io.StringWriter fair = new java.io.StringWriter();
        dev.assay.demo.LoanApplications.write(fair, 3000, 0, dev.assay.demo.LoanApplications.FAIR, 8);
        String evaluation = ci.send("POST", version + "/datasets", "text/csv", biased.toString().getBytes()).json().getString("id");
        String baseline = ci.send("POST", version + "/datasets?role=baseline", "text/csv", fair.toString().getBytes()).json().getString("id");
        Api.Reply r = ci.send("POST", version + "/audits?wait=60", "application/json", ("{\"dataset\":\"" + evaluation
                + "\",\"baseline\":\"" + baseline + "\",\"metrics\":[\"drift_share\",\"drift_detected\",\"population_stability_index\"]}")
                .getBytes());
        assertEquals(201, r.status(), r.text());
        var metrics = r.json().getJsonArray("metrics").getValuesAs(JsonObject.class);
        JsonObject share = metrics.stream().filter(m -> m.getString("metric").equals("drift_share")).findFirst().orElseThrow();
        assertTrue(share.getString("note").contains("score"), share.toString());
        assertTrue(metrics.stream().noneMatch(m -> "applicant_id".equals(m.getString("scope", null))), "the id is not compared");
        JsonObject sexDrift = metrics.stream().filter(m -> m.getString("metric").equals("drift_detected")
                && "sex".equals(m.getString("scope", null))).findFirst().orElseThrow();
        assertEquals(0, sexDrift.getJsonNumber("value").intValue(), "the sex mix did not move");

        // A test chosen for a column, and the prediction, score and label drift reported apart.
        Api.Reply chosen = ci.send("POST", version + "/audits?wait=60", "application/json", ("{\"dataset\":\"" + evaluation
                + "\",\"baseline\":\"" + baseline + "\",\"parameters\":{\"driftTests\":{\"score\":\"psi\"}},"
                + "\"metrics\":[\"prediction_drift\",\"score_drift\",\"label_drift\",\"population_stability_index\"]}").getBytes());
        assertEquals(201, chosen.status(), chosen.text());
        var byRole = chosen.json().getJsonArray("metrics").getValuesAs(JsonObject.class);
        JsonObject score = byRole.stream().filter(m -> m.getString("metric").equals("score_drift")).findFirst().orElseThrow();
        assertTrue(score.getString("note").startsWith("column 'score': population stability index"), score.toString());
        double psi = byRole.stream().filter(m -> m.getString("metric").equals("population_stability_index")
                && "score".equals(m.getString("scope", null))).findFirst().orElseThrow().getJsonNumber("value").doubleValue();
        assertEquals(psi >= 0.1 ? 1 : 0, score.getJsonNumber("value").intValue(), "PSI " + psi + " against the 0.1 band");
        assertTrue(byRole.stream().anyMatch(m -> m.getString("metric").equals("prediction_drift")
                && m.getString("note").startsWith("column 'approved'")), byRole.toString());
        assertTrue(byRole.stream().anyMatch(m -> m.getString("metric").equals("label_drift")
                && m.getString("note").startsWith("column 'repaid'")), byRole.toString());
        Api.Reply unknownTest = ci.send("POST", version + "/audits", "application/json", ("{\"dataset\":\"" + evaluation
                + "\",\"baseline\":\"" + baseline + "\",\"parameters\":{\"driftTests\":{\"score\":\"t-test\"}}}").getBytes());
        assertEquals(422, unknownTest.status(), unknownTest.text());
        assertTrue(unknownTest.text().contains("/parameters/driftTests/score"), unknownTest.text());
    }

    private static JsonObject awaitGate(String version) throws Exception {
        for (int i = 0; i < 600; i++) {
            JsonObject gate = ci.get(version + "/gate").json();
            if (!gate.getString("decision").equals("NONE")) {
                return gate;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no decision for " + version);
    }

    @Test
    void registerUploadAuditGateAndVerify() throws Exception {
        String version = register("hiring-it");
        // The same card again, as JSON this time: 200. A different card: 409.
        String sameJson = "{\"model\":\"hiring-it\",\"version\":\"1.0.0\",\"owner\":\"it@example.com\","
                + "\"task\":\"binary-classification\",\"riskTier\":\"high\",\"positiveLabel\":1,\"favorableOutcome\":1,"
                + "\"columns\":{\"id\":\"id\",\"label\":\"label\",\"prediction\":\"hired\",\"protected\":[\"sex\"]}}";
        assertEquals(200, ci.send("PUT", version, "application/json", sameJson.getBytes()).status());
        Api.Reply conflict = ci.send("PUT", version, "application/json", sameJson.replace("it@example.com", "x@example.com").getBytes());
        assertEquals(409, conflict.status());
        assertTrue(conflict.contentType().startsWith("application/problem+json"));

        byte[] csv = csv().getBytes(StandardCharsets.UTF_8);
        Api.Reply upload = ci.send("POST", version + "/datasets?role=evaluation", "text/csv", csv);
        assertEquals(201, upload.status(), upload.text());
        JsonObject dataset = upload.json();
        assertEquals(Hashing.sha256Hex(csv), dataset.getString("sha256"));
        assertEquals(100, dataset.getInt("rows"));
        assertEquals("evaluation", dataset.getString("role"));
        assertEquals(List.of("id", "sex", "hired", "label"), dataset.getJsonArray("columns").getValuesAs(JsonObject.class)
                .stream().map(c -> c.getString("name")).toList());
        assertEquals(dataset, ci.get("/api/v1/datasets/" + dataset.getString("id")).json());
        // The profile summarizes numeric columns: ids 1..100 have mean 50.5 and median 50.5.
        JsonObject ids = dataset.getJsonArray("columns").getValuesAs(JsonObject.class).get(0).getJsonObject("numeric");
        assertEquals(50.5, ids.getJsonNumber("mean").doubleValue(), 1e-12);
        assertEquals(50.5, ids.getJsonNumber("median").doubleValue(), 1e-12);
        assertEquals(1.0, ids.getJsonNumber("min").doubleValue(), 0);
        assertFalse(dataset.getJsonArray("columns").getValuesAs(JsonObject.class).get(1).containsKey("numeric"), "sex is text");

        // JSON Lines and multipart CSV land too, with the same rows.
        Api.Reply jsonl = ci.send("POST", version + "/datasets", "application/x-ndjson", jsonLines().getBytes(StandardCharsets.UTF_8));
        assertEquals(201, jsonl.status(), jsonl.text());
        assertEquals(100, jsonl.json().getInt("rows"));
        Api.Reply parquet = ci.send("POST", version + "/datasets", "application/vnd.apache.parquet", parquetOf(csv));
        assertEquals(201, parquet.status(), parquet.text());
        assertEquals(100, parquet.json().getInt("rows"));
        assertEquals("PARQUET", parquet.json().getString("format"));
        Map<String, Map.Entry<String, byte[]>> parts = new LinkedHashMap<>();
        parts.put("file", Map.entry("text/csv", csv));
        Api.Reply multipart = ci.multipart(version + "/datasets", parts);
        assertEquals(201, multipart.status(), multipart.text());
        assertEquals(dataset.getString("sha256"), multipart.json().getString("sha256"));

        // The audit, on the CSV dataset, waited for.
        String body = "{\"policies\":[\"eeoc-four-fifths\"],\"dataset\":\"" + dataset.getString("id") + "\"}";
        Api.Reply started = ci.send("POST", version + "/audits?wait=60", "application/json", body.getBytes());
        assertEquals(201, started.status(), started.text());
        JsonObject audit = started.json();
        assertEquals("DONE", audit.getString("status"));
        assertEquals("done", audit.getJsonObject("progress").getString("stage"));
        assertEquals(100, audit.getJsonObject("progress").getInt("percent"));

        // Asked for, reported values are rounded beside the exact ones (a new audit: rounding is an input).
        String roundedBody = body.replace("}", ",\"rounding\":{\"decimals\":2,\"mode\":\"half_up\"}}");
        Api.Reply rounded = ci.send("POST", version + "/audits?wait=60", "application/json", roundedBody.getBytes());
        assertEquals(201, rounded.status(), rounded.text());
        assertNotEquals(audit.getString("id"), rounded.json().getString("id"));
        JsonObject roundedReport = ci.get("/api/v1/audits/" + rounded.json().getString("id") + "/report", "application/json").json();
        JsonObject ratioF = roundedReport.getJsonArray("findings").getValuesAs(JsonObject.class).stream()
                .filter(f -> "F".equals(f.getString("group", null))).findFirst().orElseThrow();
        assertEquals(0.6, ratioF.getJsonNumber("reported").doubleValue(), 0);
        assertEquals(2, roundedReport.getJsonObject("rounding").getInt("decimals"));
        Api.Reply badRounding = ci.send("POST", version + "/audits", "application/json",
                body.replace("}", ",\"rounding\":{\"decimals\":-1,\"mode\":\"up\"}}").getBytes());
        assertEquals(422, badRounding.status());
        assertTrue(badRounding.text().contains("/rounding/decimals") && badRounding.text().contains("/rounding/mode"), badRounding.text());
        assertEquals("FAIL", audit.getString("decision"));
        assertEquals(dataset.getString("sha256"), audit.getJsonObject("inputs").getJsonObject("dataset").getString("sha256"));
        JsonObject female = finding(audit, "F");
        assertEquals(0.6, female.getJsonNumber("value").doubleValue(), 1e-12);
        assertEquals("fail", female.getString("outcome"));
        assertEquals(40, female.getInt("n"));
        assertEquals(0.8, female.getJsonNumber("threshold").doubleValue(), 0);
        JsonObject male = finding(audit, "M");
        assertEquals(1.0, male.getJsonNumber("value").doubleValue(), 1e-12);
        JsonObject rateF = audit.getJsonArray("metrics").getValuesAs(JsonObject.class).stream()
                .filter(m -> m.getString("metric").equals("selection_rate") && "F".equals(m.getString("group", null)))
                .findFirst().orElseThrow();
        assertEquals(0.3, rateF.getJsonNumber("value").doubleValue(), 1e-12);
        assertEquals(2, rateF.getJsonArray("ci").size());

        // Parameters of the request reach the metrics: the majority group (M, 60 rows) as reference, 90% intervals.
        Api.Reply parameterized = ci.send("POST", version + "/audits?wait=60", "application/json", ("{\"dataset\":\""
                + dataset.getString("id") + "\",\"metrics\":[\"statistical_parity_difference\"],"
                + "\"parameters\":{\"reference\":\"majority\",\"confidence\":0.9}}").getBytes());
        assertEquals(201, parameterized.status(), parameterized.text());
        JsonObject spd = parameterized.json().getJsonArray("metrics").getValuesAs(JsonObject.class).stream()
                .filter(m -> m.getString("metric").equals("statistical_parity_difference") && "F".equals(m.getString("group", null)))
                .findFirst().orElseThrow();
        assertEquals("M", spd.getString("reference"));
        assertEquals(0.3 - 0.5, spd.getJsonNumber("value").doubleValue(), 1e-12);
        assertNotEquals(audit.getString("id"), parameterized.json().getString("id"), "other parameters, another audit");

        // The same inputs give the same audit back.
        Api.Reply again = ci.send("POST", version + "/audits", "application/json", body.getBytes());
        assertEquals(audit.getString("id"), again.json().getString("id"));

        // The gate, as CI uses it: the decision of the latest finished audit (the parameterized one).
        JsonObject gate = ci.get(version + "/gate").json();
        assertEquals("FAIL", gate.getString("decision"));
        assertEquals(parameterized.json().getString("id"), gate.getString("audit"));
        assertEquals(409, ci.get(version + "/gate?require=PASS").status());

        // The signed report, verified; one changed byte is not.
        String id = audit.getString("id");
        Api.Reply report = ci.get("/api/v1/audits/" + id + "/report", "application/json");
        assertEquals(200, report.status());
        Api.Reply jws = ci.get("/api/v1/audits/" + id + "/report.jws");
        assertEquals(200, jws.status());
        assertEquals("", jws.text().split("\\.", -1)[1], "detached: empty payload part");
        JsonObject valid = verify(report.body(), jws.body());
        assertTrue(valid.getBoolean("valid"), valid.toString());
        String kid = valid.getString("keyId");
        byte[] changed = report.body().clone();
        int at = new String(changed, StandardCharsets.UTF_8).indexOf("\"FAIL\"") + 1;
        changed[at] = (byte) 'P';
        JsonObject invalid = verify(changed, jws.body());
        assertFalse(invalid.getBoolean("valid"));
        assertTrue(invalid.getString("reason").contains("does not match"));

        JsonObject jwks = Api.anonymous().get("/.well-known/jwks.json").json();
        assertTrue(jwks.getJsonArray("keys").getValuesAs(JsonObject.class).stream().anyMatch(k -> k.getString("kid").equals(kid)));
        assertFalse(jwks.toString().contains("\"d\""), "no private key material");

        // The in-toto attestation, in its DSSE envelope, verifies too; its statement names the dataset by hash.
        Api.Reply envelope = ci.get("/api/v1/audits/" + id + "/attestation");
        assertEquals(200, envelope.status(), envelope.text());
        JsonObject dsse = envelope.json();
        String statement = new String(java.util.Base64.getDecoder().decode(dsse.getString("payload")), StandardCharsets.UTF_8);
        assertTrue(statement.contains("\"sha256\":\"" + dataset.getString("sha256") + "\""), statement);
        assertTrue(statement.contains("\"decision\":\"FAIL\""), statement);
        Api.Reply checked = Api.anonymous().send("POST", "/api/v1/verify", "application/json", envelope.body());
        assertTrue(checked.json().getBoolean("valid"), checked.text());
        String forged = java.util.Base64.getEncoder().encodeToString(statement.replace("\"FAIL\"", "\"PASS\"")
                .getBytes(StandardCharsets.UTF_8));
        Api.Reply refused = Api.anonymous().send("POST", "/api/v1/verify", "application/json",
                dsse.toString().replace(dsse.getString("payload"), forged).getBytes(StandardCharsets.UTF_8));
        assertFalse(refused.json().getBoolean("valid"));

        // The PAdES-signed PDF of the same audit verifies over HTTP; a flipped byte does not.
        Api.Reply pdf = ci.get("/api/v1/audits/" + id + "/report", "application/pdf");
        assertEquals(200, pdf.status(), pdf.text());
        assertEquals("application/pdf", pdf.contentType());
        List<String> pdfA = dev.assay.report.VeraPdf.pdfA3aViolations(pdf.body());
        assertTrue(pdfA.isEmpty(), "the served PDF is PDF/A-3a: " + pdfA);
        JsonObject pdfValid = Api.anonymous().send("POST", "/api/v1/verify", "application/pdf", pdf.body()).json();
        assertTrue(pdfValid.getBoolean("valid"), pdfValid.toString());
        assertEquals(kid, pdfValid.getString("keyId"));
        byte[] pdfChanged = pdf.body().clone();
        pdfChanged[new String(pdfChanged, StandardCharsets.ISO_8859_1).indexOf("/Title") + 2] ^= 1;
        assertFalse(Api.anonymous().send("POST", "/api/v1/verify", "application/pdf", pdfChanged).json().getBoolean("valid"));

        // The report is the canonical form of itself and pins everything the audit used.
        JsonObject document = report.json();
        assertEquals(dev.assay.infrastructure.CanonicalJson.string(document), report.text());
        assertEquals(dataset.getString("sha256"), document.getJsonObject("dataset").getString("sha256"));
        assertEquals(kid, document.getJsonObject("signing").getString("keyId"));
        assertNotNull(document.getJsonObject("model").getString("cardSha256"));
        // Who did what reaches the report: the CI person, through their token, registered, uploaded and asked for the audit.
        String actor = document.getJsonObject("audit").getString("requestedBy");
        assertEquals(ci.person() + " (token it-token)", actor);
        assertEquals(actor, document.getJsonObject("model").getString("registeredBy"));
        assertEquals(actor, document.getJsonObject("dataset").getString("uploadedBy"));
    }

    /** The same table as Parquet, written by DuckDB. */
    private static byte[] parquetOf(byte[] csv) throws Exception {
        java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("assay-it");
        java.nio.file.Path in = dir.resolve("t.csv");
        java.nio.file.Path out = dir.resolve("t.parquet");
        java.nio.file.Files.write(in, csv);
        try (var c = dev.assay.infrastructure.DuckDb.withDefaults(dir).open(); var s = c.createStatement()) {
            s.execute("COPY (SELECT * FROM read_csv(" + dev.assay.infrastructure.Sql.literal(in.toString()) + ")) TO "
                    + dev.assay.infrastructure.Sql.literal(out.toString()) + " (FORMAT parquet)");
        }
        byte[] bytes = java.nio.file.Files.readAllBytes(out);
        LibertyServer.deleteTree(dir);
        return bytes;
    }

    static JsonObject verify(byte[] report, byte[] jws) throws Exception {
        Map<String, Map.Entry<String, byte[]>> parts = new LinkedHashMap<>();
        parts.put("report", Map.entry("application/json", report));
        parts.put("signature", Map.entry("application/jose", jws));
        Api.Reply r = Api.anonymous().multipart("/api/v1/verify", parts);
        assertEquals(200, r.status(), r.text());
        return r.json();
    }

    private static JsonObject finding(JsonObject audit, String group) {
        return audit.getJsonArray("findings").getValuesAs(JsonObject.class).stream()
                .filter(f -> group.equals(f.getString("group", null))).findFirst().orElseThrow();
    }

    private static List<String> strings(JsonArray a) {
        return a.getValuesAs(jakarta.json.JsonString.class).stream().map(jakarta.json.JsonString::getString).toList();
    }

    @Test
    void rolesAreEnforcedAndProblemsAreProblemJson() throws Exception {
        Api.Reply none = Api.anonymous().get("/api/v1/models");
        assertEquals(401, none.status());
        assertTrue(none.contentType().startsWith("application/problem+json"), none.contentType());
        assertEquals(401, none.json().getInt("status"));
        assertEquals(401, new Api(LibertyServer.get().base(), "Bearer assay_not-a-token").get("/api/v1/models").status());
        // Basic credentials are for /tokens only (and for nothing in oidc mode).
        assertEquals(401, Api.adminBasic().get("/api/v1/models").status());
        // An auditor reads but does not register, upload or audit; a person mints tokens with at most their own roles.
        assertEquals(200, auditor.get("/api/v1/models").status());
        assertEquals(403, auditor.send("PUT", "/api/v1/models/x/versions/1", "application/yaml", "a: b".getBytes()).status());
        assertEquals(403, auditor.send("POST", "/api/v1/models/loan-approval/versions/1.0.0/audits", "application/json",
                "{}".getBytes()).status());
        Api.Reply escalation = owner.send("POST", "/api/v1/tokens", "application/json",
                "{\"name\":\"x\",\"roles\":[\"admin\"]}".getBytes());
        assertEquals(422, escalation.status(), escalation.text());
        assertEquals("/roles", escalation.json().getJsonArray("errors").getJsonObject(0).getString("pointer"));
        // A model owner reaches their own models only: another's is not found, until an admin adds them.
        assertEquals(404, owner.get("/api/v1/models/loan-approval/versions/1.0.0/gate").status());
        Api.addOwners("loan-approval", owner.person());
        assertEquals(200, owner.get("/api/v1/models/loan-approval/versions/1.0.0/gate").status());
        Api.Reply missing = ci.get("/api/v1/audits/does-not-exist");
        assertEquals(404, missing.status());
        assertTrue(missing.contentType().startsWith("application/problem+json"));
        assertNotEquals(0, Api.anonymous().get("/health/ready").status());
    }

    /**
     * The gate certifies the artifact: a card names its model file's digest; a CI job holding only the file
     * asks the gate by that digest; one digest is not two versions of a model; the attestation names it.
     */
    @Test
    void theGateCertifiesTheArtifactTheCardNames() throws Exception {
        String model = "artifact-it-" + java.util.UUID.randomUUID().toString().substring(0, 8);
        String digest = "sha256:" + dev.assay.infrastructure.Hashing.sha256Hex(model);
        String card = CARD_YAML.formatted(model) + "artifact:\n  digest: " + digest + "\n  uri: s3://models/" + model + "/model.onnx\n";
        Api.Reply registered = ci.send("PUT", "/api/v1/models/" + model + "/versions/1.0.0", "application/yaml", card.getBytes());
        assertEquals(201, registered.status(), registered.text());
        assertEquals(404, ci.get("/api/v1/gate?artifact=sha256:" + "0".repeat(64)).status(), "no card names it");
        assertEquals(400, ci.get("/api/v1/gate?artifact=md5:abc").status());
        JsonObject none = ci.get("/api/v1/gate?artifact=" + digest).json();
        assertEquals(model, none.getString("model"));
        assertEquals("1.0.0", none.getString("version"));
        assertEquals("NONE", none.getString("decision"), "not audited yet");
        String version = "/api/v1/models/" + model + "/versions/1.0.0";
        assertEquals(201, ci.send("POST", version + "/datasets", "text/csv", csv().getBytes(StandardCharsets.UTF_8)).status());
        Api.Reply audit = ci.send("POST", version + "/audits?wait=60", "application/json", "{}".getBytes());
        assertEquals(201, audit.status(), audit.text());
        Api.Reply gate = ci.get("/api/v1/gate?artifact=" + digest + "&require=PASS");
        assertEquals(409, gate.status(), "the file's version fails four-fifths: " + gate.text());
        assertEquals("FAIL", gate.json().getString("decision"));
        assertEquals(ci.get(version + "/gate").json().getString("audit"), gate.json().getString("audit"), "the version's own gate");

        Api.Reply again = ci.send("PUT", "/api/v1/models/" + model + "/versions/1.0.1", "application/yaml",
                card.replace("version: 1.0.0", "version: 1.0.1").getBytes());
        assertEquals(409, again.status(), "one artifact is not two versions: " + again.text());
        assertTrue(again.json().getString("detail").contains("1.0.0"), again.text());
        Api.Reply malformed = ci.send("PUT", "/api/v1/models/" + model + "/versions/1.0.2", "application/yaml",
                card.replace(digest, "sha256:XYZ").replace("version: 1.0.0", "version: 1.0.2").getBytes());
        assertEquals(422, malformed.status(), malformed.text());
        assertTrue(malformed.text().contains("/artifact/digest"), malformed.text());

        JsonObject dsse = ci.get("/api/v1/audits/" + audit.json().getString("id") + "/attestation").json();
        JsonObject statement = jakarta.json.Json.createReader(new java.io.StringReader(new String(
                java.util.Base64.getDecoder().decode(dsse.getString("payload")), StandardCharsets.UTF_8))).readObject();
        JsonObject subject = statement.getJsonArray("subject").getValuesAs(JsonObject.class).stream()
                .filter(x -> x.getString("name").equals("s3://models/" + model + "/model.onnx")).findFirst().orElseThrow();
        assertEquals(digest.substring("sha256:".length()), subject.getJsonObject("digest").getString("sha256"));
        assertTrue(Api.withRoles("auditor").get("/api/v1/ledger?limit=1000").json().getJsonArray("entries")
                .getValuesAs(JsonObject.class).stream().anyMatch(e -> e.getString("kind").equals("version.registered")
                        && e.getString("subject").equals(model + "@1.0.0") && digest.equals(e.getJsonObject("payload").getString("artifact", null))));
    }

    /**
     * Registrations racing each other are answered as repeats would be: the same card eight times at once is one
     * 201 and seven 200s; four versions naming one artifact at once are one 201 and three 409s, and only the
     * created version exists. Never a 5xx (the loser of the database's unique key used to get a 500).
     */
    @Test
    void registrationsAtOnceAreAnsweredAsRepeatsWouldBe() throws Exception {
        String model = "race-it-" + java.util.UUID.randomUUID().toString().substring(0, 8);
        String card = CARD_YAML.formatted(model);
        List<Api.Reply> same = atOnce(8, i -> ci.send("PUT", "/api/v1/models/" + model + "/versions/1.0.0", "application/yaml",
                card.getBytes(StandardCharsets.UTF_8)));
        assertEquals(List.of(200, 200, 200, 200, 200, 200, 200, 201), same.stream().map(Api.Reply::status).sorted().toList(),
                same.stream().map(Api.Reply::text).toList().toString());

        String artifact = "artifact:\n  digest: sha256:" + Hashing.sha256Hex(model) + "\n";
        List<Api.Reply> versions = atOnce(4, i -> ci.send("PUT", "/api/v1/models/" + model + "/versions/2.0." + i,
                "application/yaml", (card.replace("version: 1.0.0", "version: 2.0." + i) + artifact).getBytes(StandardCharsets.UTF_8)));
        assertEquals(List.of(201, 409, 409, 409), versions.stream().map(Api.Reply::status).sorted().toList(),
                versions.stream().map(Api.Reply::text).toList().toString());
        long present = 0;
        for (int i = 0; i < 4; i++) {
            int status = ci.get("/api/v1/models/" + model + "/versions/2.0." + i).status();
            assertTrue(status == 200 || status == 404, "2.0." + i + ": " + status);
            present += status == 200 ? 1 : 0;
        }
        assertEquals(1, present, "one version of the artifact");
    }

    /** One of several calls made at once; {@code i} tells them apart. */
    @FunctionalInterface
    private interface Call {
        Api.Reply apply(int i) throws Exception;
    }

    /** {@code n} calls started together (one latch), their replies in the calls' order. */
    private static List<Api.Reply> atOnce(int n, Call call) throws Exception {
        var pool = java.util.concurrent.Executors.newFixedThreadPool(n);
        try {
            var go = new java.util.concurrent.CountDownLatch(1);
            List<java.util.concurrent.Future<Api.Reply>> replies = new java.util.ArrayList<>();
            for (int i = 0; i < n; i++) {
                int k = i;
                replies.add(pool.submit(() -> {
                    go.await();
                    return call.apply(k);
                }));
            }
            go.countDown();
            List<Api.Reply> out = new java.util.ArrayList<>();
            for (var r : replies) {
                out.add(r.get(2, java.util.concurrent.TimeUnit.MINUTES));
            }
            return out;
        } finally {
            pool.shutdownNow();
        }
    }
}
