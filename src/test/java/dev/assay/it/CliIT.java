package dev.assay.it;

import dev.assay.infrastructure.Hashing;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The command-line client as a CI job runs it: {@code java -jar target/assay-cli.jar ...} in a process of its own
 * (the jar "package" built), against the real server, with the server and token in ASSAY_URL and ASSAY_TOKEN.
 * Each command's exit status, what it printed, and what the server then holds.
 */
@ExtendWith(LibertyServer.class)
class CliIT {

    private static final Path JAR = Path.of("target", "assay-cli.jar").toAbsolutePath();

    private static Api ci;
    private static String ciToken;
    private static String auditorToken;

    @TempDir
    Path dir;

    @BeforeAll
    static void tokens() throws Exception {
        assertTrue(Files.isRegularFile(JAR), JAR + " is built in package, before the integration tests");
        ci = Api.withRoles("ci-gate");
        ciToken = token(ci);
        auditorToken = token(Api.withRoles("auditor"));
    }

    private static String token(Api api) {
        return api.authorization().substring("Bearer ".length());
    }

    /** One run of the jar: exit status, stdout, stderr. */
    record Run(int status, String out, String err) {

        String all() {
            return "exit " + status + "\n--- stdout\n" + out + "--- stderr\n" + err;
        }
    }

    private Run cli(String token, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", JAR.toString()));
        command.addAll(List.of(args));
        Path out = Files.createTempFile(dir, "out", ".txt");
        Path err = Files.createTempFile(dir, "err", ".txt");
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile());
        Map<String, String> env = pb.environment();
        env.keySet().removeIf(k -> k.startsWith("ASSAY_"));
        env.put("ASSAY_URL", LibertyServer.get().base().toString());
        if (token != null) {
            env.put("ASSAY_TOKEN", token);
        }
        Process p = pb.start();
        if (!p.waitFor(10, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new AssertionError("the client did not end: " + String.join(" ", args));
        }
        return new Run(p.exitValue(), Files.readString(out), Files.readString(err));
    }

    private static String card(String model) {
        return WalkingSkeletonIT.CARD_YAML.formatted(model);
    }

    private static JsonObject json(String text) {
        return Json.createReader(new StringReader(text)).readObject();
    }

    @Test
    void registerUploadAuditGateAndVerifyAsACiJobDoes() throws Exception {
        String model = "cli-it-" + UUID.randomUUID().toString().substring(0, 8);
        Path card = Files.writeString(dir.resolve("model-card.yaml"), card(model));
        Run registered = cli(ciToken, "register", card.toString());
        assertEquals(0, registered.status(), registered.all());
        assertEquals("registered " + model + " 1.0.0\n", registered.out());
        Run again = cli(ciToken, "register", card.toString());
        assertEquals(0, again.status(), again.all());
        assertEquals("registered " + model + " 1.0.0 (already registered with this card)\n", again.out());
        Run other = cli(ciToken, "register", Files.writeString(dir.resolve("other.yaml"),
                card(model).replace("it@example.com", "someone@example.com")).toString());
        assertEquals(2, other.status(), "a version is immutable: " + other.all());
        assertTrue(other.err().startsWith("error: PUT /api/v1/models/" + model + "/versions/1.0.0 answered 409 Conflict"), other.all());

        byte[] csv = WalkingSkeletonIT.csv().getBytes(StandardCharsets.UTF_8);
        Path data = Files.write(dir.resolve("eval.csv"), csv);
        Run upload = cli(ciToken, "upload", model, "1.0.0", data.toString());
        assertEquals(0, upload.status(), upload.all());
        Matcher id = Pattern.compile("^dataset (\\S+) of " + model + " 1\\.0\\.0: 100 rows, 4 columns, evaluation, sha256 "
                + Hashing.sha256Hex(csv) + "\n$").matcher(upload.out());
        assertTrue(id.matches(), upload.all());
        assertEquals("", upload.err(), "a small file shows no progress");
        JsonObject stored = ci.get("/api/v1/datasets/" + id.group(1)).json();
        assertEquals(Hashing.sha256Hex(csv), stored.getString("sha256"));

        Path evidence = dir.resolve("evidence");
        Run audit = cli(ciToken, "audit", model, "1.0.0", "--policy", "eeoc-four-fifths", "--wait", "--download", evidence.toString());
        assertEquals(0, audit.status(), "the audit ran; the gate gives the verdict: " + audit.all());
        assertTrue(audit.out().matches("(?s)audit \\S+: DONE, decision FAIL\n  reasons: four-fifths-impact-ratio\n"
                + "  fail      sex=F  impact_ratio 0\\.6 \\(95% CI \\S+ to \\S+\\), needs >= 0\\.8  \\[four-fifths-impact-ratio\\]\n"
                + "  report: .*/api/v1/audits/\\S+/report\n"), audit.all());
        assertTrue(audit.err().contains("saved report.json, report.jws, report.pdf and attestation.dsse.json in " + evidence), audit.all());
        String auditId = audit.out().substring("audit ".length(), audit.out().indexOf(':'));
        assertEquals(auditId, ci.get("/api/v1/models/" + model + "/versions/1.0.0/gate").json().getString("audit"));

        Run gate = cli(ciToken, "gate", model, "1.0.0");
        assertEquals(1, gate.status(), gate.all());
        assertEquals("FAIL: " + model + " 1.0.0 does not meet PASS\n  reason: four-fifths-impact-ratio\n  audit: " + auditId
                + "\n  report: /api/v1/audits/" + auditId + "/report\n", gate.out());
        Run warn = cli(ciToken, "gate", model, "1.0.0", "--require", "WARN", "--json");
        assertEquals(1, warn.status(), "FAIL does not meet WARN either: " + warn.all());
        assertEquals("FAIL", json(warn.out()).getString("decision"));

        // The evidence the job kept verifies offline: against a copy of the keys, or the keys' URL, in all three forms.
        Path jwks = Files.write(dir.resolve("jwks.json"), Api.anonymous().get("/.well-known/jwks.json").body());
        Run json = cli(null, "verify", "--jwks", jwks.toString(), evidence.resolve("report.json").toString(),
                evidence.resolve("report.jws").toString());
        assertEquals(0, json.status(), json.all());
        assertTrue(json.out().startsWith("VALID: signature valid (key "), json.all());
        Run pdf = cli(null, "verify", "--jwks", LibertyServer.get().base() + "/.well-known/jwks.json",
                "--revoked", LibertyServer.get().base() + "/.well-known/assay-revoked-keys.json", evidence.resolve("report.pdf").toString());
        assertEquals(0, pdf.status(), pdf.all());
        assertTrue(pdf.out().startsWith("VALID: "), pdf.all());
        Run dsse = cli(null, "verify", "--jwks", jwks.toString(), evidence.resolve("attestation.dsse.json").toString());
        assertEquals(0, dsse.status(), dsse.all());
        Path passed = Files.writeString(dir.resolve("passed.json"),
                Files.readString(evidence.resolve("report.json")).replace("\"decision\":\"FAIL\"", "\"decision\":\"PASS\""));
        Run altered = cli(null, "verify", "--jwks", jwks.toString(), passed.toString(), evidence.resolve("report.jws").toString());
        assertEquals(1, altered.status(), altered.all());
        assertTrue(altered.out().startsWith("INVALID: signature does not match"), altered.all());
    }

    /**
     * Issue 20, parts 3 and 5, in the client: a Hugging Face README and the CycloneDX specification's ML-BOM (with an
     * overlay of Assay fields) imported by {@code register}, which prints what the card does not hold; the gate of an
     * audit whose pack says how long it stays valid (nyc-ll144, a year) prints until when.
     */
    @Test
    void cardsAreImportedAndTheGateSaysUntilWhenItsAuditIsValid() throws Exception {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        Path readme = Files.write(dir.resolve("README.md"), resource("adult-income-README.md"));
        Run hf = cli(ciToken, "register", readme.toString(), "hf-cli-" + suffix, "2.0.0");
        assertEquals(0, hf.status(), hf.all());
        assertTrue(hf.out().startsWith("registered hf-cli-" + suffix + " 2.0.0\n  imported from huggingface; not in the card:\n"
                + "  /language: an Assay model card has no field for it\n"), hf.all());
        assertTrue(hf.out().contains("  #Model Card for adult-income-gbt > Environmental Impact: "), hf.all());

        Path bom = Files.write(dir.resolve("bom.json"), resource("cyclonedx-valid-machine-learning-1.6.json"));
        Path overlay = Files.writeString(dir.resolve("assay.yaml"), "owner: it@example.com\ntask: binary-classification\n"
                + "positiveLabel: 1\nfavorableOutcome: 1\ncolumns: {id: id, label: label, prediction: hired, protected: [sex]}\n");
        String model = "cdx-cli-" + suffix;
        Run cdx = cli(ciToken, "register", bom.toString(), model, "1.4", "--assay", overlay.toString());
        assertEquals(0, cdx.status(), cdx.all());
        assertTrue(cdx.out().startsWith("registered " + model + " 1.4\n  imported from cyclonedx; not in the card:\n"), cdx.all());
        assertTrue(cdx.out().contains("\n  /components/0/name: the component's name is \"stable-diffusion\"; the path names the"
                + " Assay model '" + model + "'\n"), cdx.all());
        Run noName = cli(ciToken, "register", readme.toString());
        assertEquals(2, noName.status(), "a README without an assay: model names no version: " + noName.all());

        String version = "/api/v1/models/" + model + "/versions/1.4";
        assertEquals(201, ci.send("POST", version + "/datasets", "text/csv", WalkingSkeletonIT.csv().getBytes()).status());
        Api.Reply audit = ci.send("POST", version + "/audits?wait=60", "application/json", "{\"policies\":[\"nyc-ll144\"]}".getBytes());
        assertEquals(201, audit.status(), audit.text());
        Run gate = cli(ciToken, "gate", model, "1.4", "--require", "WARN");
        assertEquals(0, gate.status(), "nyc-ll144 warns, never fails: " + gate.all());
        assertTrue(gate.out().contains("\n  audit valid until " + audit.json().getString("expiresAt") + "\n"), gate.all());
    }

    private static byte[] resource(String name) throws java.io.IOException {
        try (var in = CliIT.class.getResourceAsStream("/dev/assay/registry/formats/" + name)) {
            return in.readAllBytes();
        }
    }

    @Test
    void theDemosVersionsPassAndFailTheGate() throws Exception {
        awaitGate("/api/v1/models/loan-approval/versions/1.0.0");
        awaitGate("/api/v1/models/loan-approval/versions/1.1.0");
        Run failing = cli(ciToken, "gate", "loan-approval", "1.0.0", "--require", "PASS");
        assertEquals(1, failing.status(), failing.all());
        assertTrue(failing.out().startsWith("FAIL: loan-approval 1.0.0 does not meet PASS\n  reason: four-fifths-impact-ratio\n"),
                failing.all());
        Run passing = cli(ciToken, "gate", "loan-approval", "1.1.0", "--require", "PASS");
        assertEquals(0, passing.status(), passing.all());
        assertTrue(passing.out().startsWith("PASS: loan-approval 1.1.0 meets PASS\n"), passing.all());
        Run deployed = cli(ciToken, "gate", "loan-approval", "1.1.0", "--environment", "production");
        assertEquals(0, deployed.status(), deployed.all());
        assertTrue(deployed.out().matches("(?s)PASS: loan-approval 1\\.1\\.0 meets PASS\n.*  deployed in production since \\S+, health "
                + "(healthy|degraded|failing|unknown)\n"), deployed.all());
        Run unknown = cli(ciToken, "gate", "loan-approval", "9.9.9");
        assertEquals(2, unknown.status(), "no such version: no verdict " + unknown.all());
        assertTrue(unknown.err().startsWith("error: GET /api/v1/models/loan-approval/versions/9.9.9/gate?require=PASS answered 404 Not found"),
                unknown.all());
    }

    /** The gate of the version whose card names the built file, asked with the file alone. */
    @Test
    void theGateOfAnArtifactByItsFile() throws Exception {
        String model = "cli-artifact-" + UUID.randomUUID().toString().substring(0, 8);
        byte[] weights = new byte[200_000];
        new Random(20).nextBytes(weights);
        Path onnx = Files.write(dir.resolve("model.onnx"), weights);
        String digest = "sha256:" + Hashing.sha256Hex(weights);
        Path card = Files.writeString(dir.resolve("card.yaml"), card(model) + "artifact:\n  digest: " + digest + "\n");
        assertEquals(0, cli(ciToken, "register", card.toString()).status());
        Run none = cli(ciToken, "gate", "--artifact-file", onnx.toString());
        assertEquals(1, none.status(), none.all());
        assertEquals("NONE: " + model + " 1.0.0 (artifact " + digest + ") does not meet PASS (no audit of it has finished)\n", none.out());
        assertEquals(0, cli(ciToken, "upload", model, "1.0.0", Files.writeString(dir.resolve("eval.csv"), WalkingSkeletonIT.csv()).toString())
                .status());
        assertEquals(0, cli(ciToken, "audit", model, "1.0.0", "--wait").status());
        Run failing = cli(ciToken, "gate", "--artifact", digest);
        assertEquals(1, failing.status(), failing.all());
        assertTrue(failing.out().startsWith("FAIL: " + model + " 1.0.0 (artifact " + digest + ") does not meet PASS\n"), failing.all());
        Run unknown = cli(ciToken, "gate", "--artifact", "sha256:" + "0".repeat(64));
        assertEquals(2, unknown.status(), unknown.all());
        assertTrue(unknown.err().contains("answered 404 Not found: No model card names the artifact sha256:" + "0".repeat(64)), unknown.all());
    }

    /** COMPAS as shipped (2.5 MB), its upload's progress in a log (not a terminal): one line a tenth. */
    @Test
    void aSharedDatasetUploadsWithItsProgressAndAudits() throws Exception {
        Path compas = SharedData.require("compas/compas-scores-two-years.csv");
        String model = "cli-compas-" + UUID.randomUUID().toString().substring(0, 8);
        // CompasIT's card, its version unquoted: YAML reads a number, which the client sends as the server reads it.
        Path card = Files.writeString(dir.resolve("compas.yaml"), CompasIT.CARD.replace("model: compas", "model: " + model)
                .replace("version: \"2016\"", "version: 2016"));
        Run registered = cli(ciToken, "register", card.toString());
        assertEquals(0, registered.status(), registered.all());
        assertEquals("registered " + model + " 2016\n", registered.out(), "version: 2016 is read as the server reads it");
        Run upload = cli(ciToken, "upload", model, "2016", compas.toString(), "--progress");
        assertEquals(0, upload.status(), upload.all());
        assertTrue(upload.out().contains(": 7214 rows, "), upload.all());
        assertTrue(upload.out().endsWith("sha256 " + Hashing.sha256Hex(Files.readAllBytes(compas)) + "\n"), upload.all());
        for (int tenth = 1; tenth <= 10; tenth++) {
            assertTrue(upload.err().contains("upload: " + tenth * 10 + "% ("), tenth + ": " + upload.all());
        }
        assertTrue(upload.err().contains(" of 2.4 MiB)\n"), upload.all());
        assertTrue(upload.err().contains("the server is checking the file"), upload.all());

        Run audit = cli(ciToken, "audit", model, "2016", "--policy", "eeoc-four-fifths", "--metric", "false_positive_rate", "--wait", "--json");
        assertEquals(0, audit.status(), audit.all());
        JsonObject done = json(audit.out());
        assertEquals("DONE", done.getString("status"));
        assertTrue(done.getJsonArray("metrics").getValuesAs(JsonObject.class).stream()
                .anyMatch(m -> m.getString("metric").equals("false_positive_rate")), audit.out());
        assertEquals(Hashing.sha256Hex(Files.readAllBytes(compas)), done.getJsonObject("inputs").getJsonObject("dataset").getString("sha256"));
        assertTrue(audit.err().contains("audit " + done.getString("id") + ": "), "progress on stderr: " + audit.all());
        Run gate = cli(ciToken, "gate", model, "2016", "--json");
        assertEquals(done.getString("decision").equals("PASS") ? 0 : 1, gate.status(), gate.all());
        assertEquals(done.getString("decision"), json(gate.out()).getString("decision"));
    }

    @Test
    void theServersRefusalsArePrintedReadablyWithTwo() throws Exception {
        String model = "cli-bad-" + UUID.randomUUID().toString().substring(0, 8);
        Path typo = Files.writeString(dir.resolve("typo.yaml"), card(model).replace("owner:", "ownr:"));
        Run card = cli(ciToken, "register", typo.toString());
        assertEquals(2, card.status(), card.all());
        assertTrue(card.err().startsWith("error: PUT /api/v1/models/" + model + "/versions/1.0.0 answered 422 Invalid input"), card.all());
        assertTrue(card.err().contains("\n  /ownr (line 3, column 1): "), card.all());
        assertEquals("", card.out());

        assertEquals(0, cli(ciToken, "register", Files.writeString(dir.resolve("card.yaml"), card(model)).toString()).status());
        Run policy = cli(ciToken, "audit", model, "1.0.0", "--policy", "eeoc-four-fifth", "--wait");
        assertEquals(2, policy.status(), policy.all());
        assertTrue(policy.err().contains("answered 422 Invalid input") && policy.err().contains("\n  /policies/0"), policy.all());

        Run wrongFormat = cli(ciToken, "upload", model, "1.0.0", Files.writeString(dir.resolve("eval.txt"), "id\n1\n").toString());
        assertEquals(2, wrongFormat.status(), wrongFormat.all());
        assertTrue(wrongFormat.err().contains("pass --format CSV, JSON_LINES or PARQUET"), wrongFormat.all());

        Run auditor = cli(auditorToken, "register", dir.resolve("card.yaml").toString());
        assertEquals(2, auditor.status(), "an auditor reads, does not register: " + auditor.all());
        assertTrue(auditor.err().contains("answered 403"), auditor.all());

        String forged = "assay_forged-" + UUID.randomUUID();
        Run refused = cli(forged, "gate", "loan-approval", "1.1.0");
        assertEquals(2, refused.status(), refused.all());
        assertTrue(refused.err().contains("answered 401") && refused.err().contains("pass --token or set ASSAY_TOKEN"), refused.all());
        assertFalse(refused.all().contains(forged), "the token is never printed");
    }

    @Test
    void anExportedLedgerVerifiesOfflineAndATamperedOneDoesNot() throws Exception {
        Path ledger = dir.resolve("ledger.jsonl");
        Run export = cli(auditorToken, "ledger", "export", ledger.toString());
        assertEquals(0, export.status(), export.all());
        Run valid = cli(null, "ledger", "verify", ledger.toString());
        assertEquals(0, valid.status(), valid.all());
        assertTrue(valid.out().matches("VALID: every entry and link checks out \\(\\d+ entries checked\\)\n"), valid.all());

        List<String> lines = new ArrayList<>(Files.readAllLines(ledger));
        assertTrue(lines.size() > 3, "the demo's entries at least");
        lines.set(2, lines.get(2).replace("\"actor\":\"", "\"actor\":\"x"));
        Run tampered = cli(null, "ledger", "verify", Files.write(dir.resolve("tampered.jsonl"), lines).toString());
        assertEquals(1, tampered.status(), tampered.all());
        assertEquals("INVALID: entry 3 was changed after it was written (3 entries checked)\n", tampered.out());

        Run denied = cli(ciToken, "ledger", "export", dir.resolve("denied.jsonl").toString());
        assertEquals(2, denied.status(), "ci-gate does not read the ledger: " + denied.all());
        assertTrue(denied.err().contains("answered 403"), denied.all());
        assertFalse(Files.exists(dir.resolve("denied.jsonl")), "no file for a refusal");
    }

    private static void awaitGate(String version) throws Exception {
        for (int i = 0; i < 600; i++) {
            if (!ci.get(version + "/gate").json().getString("decision").equals("NONE")) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no decision for " + version);
    }
}
