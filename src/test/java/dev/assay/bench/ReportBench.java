package dev.assay.bench;

import dev.assay.infrastructure.CanonicalJson;
import dev.assay.report.PadesSigner;
import dev.assay.report.PadesVerifier;
import dev.assay.report.PdfReport;
import dev.assay.report.ReportSigner;
import dev.assay.report.SigningKeys;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.Locale;

/**
 * The signed report's benchmark: a report with 200 findings rendered and PAdES-signed as a PDF, and
 * the detached JWS signed and verified. Prints the median of repeated runs after a warm-up.
 *
 * <p>Run: {@code ./mvnw -Pbench test} (with the ingest bench) — see README, "Performance".
 */
public final class ReportBench {

    public static void main(String[] args) throws Exception {
        Path dir = Files.createDirectories(Path.of("target", "bench"));
        SigningKeys keys = SigningKeys.loadOrCreate(dir.resolve("bench-keys.p12"), null, SigningKeys.ALIAS);
        JsonObject report = report(200, keys.keyId());
        String json = CanonicalJson.string(report);
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        Instant now = Instant.now();

        String jws = ReportSigner.sign(bytes, keys.signingKey(), now);
        double sign = median(2_000, () -> ReportSigner.sign(bytes, keys.signingKey(), now));
        double verify = median(2_000, () -> {
            if (!ReportSigner.verify(bytes, jws, keys.publicJwks()).valid()) {
                throw new IllegalStateException("JWS did not verify");
            }
        });
        byte[][] pdf = new byte[1][];
        double render = median(100, () -> pdf[0] = PdfReport.render(json, report, jws));
        double signed = median(100, () -> pdf[0] = PadesSigner.sign(PdfReport.render(json, report, jws),
                keys.signingKey().toECPrivateKey(), keys.certificate(), PadesSigner.calendar(now), "Assay", "bench"));
        double pdfVerify = median(100, () -> {
            if (!PadesVerifier.verify(pdf[0], keys.publicJwks()).valid()) {
                throw new IllegalStateException("PDF did not verify");
            }
        });
        System.out.println("Assay bench (signed report, 200 findings, " + bytes.length + " bytes of canonical JSON)");
        System.out.printf(Locale.ROOT, "JWS sign (ES256)          %8.3f ms%n", sign);
        System.out.printf(Locale.ROOT, "JWS verify                %8.3f ms%n", verify);
        System.out.printf(Locale.ROOT, "PDF render                %8.1f ms%n", render);
        System.out.printf(Locale.ROOT, "PDF render + PAdES sign   %8.1f ms (%d bytes)%n", signed, pdf[0].length);
        System.out.printf(Locale.ROOT, "PDF verify                %8.1f ms%n", pdfVerify);
    }

    private interface Step {
        void run() throws Exception;
    }

    /** Median wall time in ms over n runs, after n/5 warm-up runs. */
    private static double median(int n, Step step) throws Exception {
        for (int i = 0; i < Math.max(1, n / 5); i++) {
            step.run();
        }
        double[] ms = new double[n];
        for (int i = 0; i < n; i++) {
            long t = System.nanoTime();
            step.run();
            ms[i] = (System.nanoTime() - t) / 1e6;
        }
        Arrays.sort(ms);
        return ms[n / 2];
    }

    private static JsonObject report(int findings, String keyId) {
        JsonArrayBuilder list = Json.createArrayBuilder();
        String[] races = {"African-American", "Caucasian", "Hispanic", "Asian", "Native American"};
        for (int i = 0; i < findings; i++) {
            boolean fail = i % 7 == 0;
            list.add(Json.createObjectBuilder().add("rule", "rule-" + (i % 20)).add("scope", i % 2 == 0 ? "race" : "race x sex")
                    .add("group", races[i % races.length]).add("value", 0.5 + (i % 50) / 100.0).add("threshold", 0.8)
                    .add("comparator", ">=").add("outcome", fail ? "fail" : "pass"));
        }
        String hash = "0".repeat(64);
        return Json.createObjectBuilder()
                .add("audit", Json.createObjectBuilder().add("id", "bench").add("completedAt", "2026-11-27T00:00:00Z"))
                .add("dataset", Json.createObjectBuilder().add("id", "d").add("sha256", hash).add("rows", 10_000_000))
                .add("decision", "FAIL").add("reasons", Json.createArrayBuilder().add("rule-0"))
                .add("findings", list)
                .add("model", Json.createObjectBuilder().add("name", "bench").add("version", "1.0.0").add("cardSha256", hash))
                .add("policies", Json.createArrayBuilder().add(Json.createObjectBuilder().add("id", "p").add("version", "1.0.0")
                        .add("sha256", hash).add("rules", Json.createArrayBuilder())))
                .add("signing", Json.createObjectBuilder().add("keyId", keyId).add("algorithm", "ES256"))
                .build();
    }
}
