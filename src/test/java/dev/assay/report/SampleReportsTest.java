package dev.assay.report;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The committed samples in reports/samples verify offline in all three forms against their committed public keys. */
class SampleReportsTest {

    private static final Path SAMPLES = Path.of("reports", "samples");

    @Test
    void everySampleVerifiesOffline() throws Exception {
        String jwks = SAMPLES.resolve("jwks.json").toString();
        for (String version : new String[] {"1.0.0", "1.1.0"}) {
            String base = SAMPLES.resolve("loan-approval-" + version).toString();
            assertValid(jwks, base + ".report.json", base + ".report.jws");
            assertValid(jwks, base + ".report.pdf");
            assertValid(jwks, base + ".attestation.dsse.json");
        }
        String decision = Files.readString(SAMPLES.resolve("loan-approval-1.0.0.report.json"));
        assertTrue(decision.contains("\"decision\":\"FAIL\""), "the demo's 1.0.0 fails the four-fifths rule");
    }

    private static void assertValid(String jwks, String... files) {
        String[] args = new String[files.length + 2];
        args[0] = "--jwks";
        args[1] = jwks;
        System.arraycopy(files, 0, args, 2, files.length);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int status = OfflineVerifier.run(args, new PrintStream(out, true, StandardCharsets.UTF_8));
        assertEquals(0, status, String.join(" ", files) + ": " + out.toString(StandardCharsets.UTF_8));
    }

    @Test
    void aSamplesJsonRendersEverySection() throws Exception {
        String json = Files.readString(SAMPLES.resolve("loan-approval-1.0.0.report.json"));
        jakarta.json.JsonObject report = jakarta.json.Json.createReader(new java.io.StringReader(json)).readObject();
        byte[] pdf = PdfReport.render(json, report, Files.readString(SAMPLES.resolve("loan-approval-1.0.0.report.jws")));
        Path out = Path.of("target", "sample-render.pdf");
        Files.write(out, pdf);
        try (var doc = org.apache.pdfbox.Loader.loadPDF(pdf)) {
            String text = new org.apache.pdfbox.text.PDFTextStripper().getText(doc);
            for (String expected : new String[] {"Decision: FAIL", "Charts", "four-fifths-impact-ratio by race", "Dataset profile",
                    "applicant_id", "Model card", "Methods", "Minimum group size", "Page 1 of "}) {
                assertTrue(text.contains(expected), expected + " in:\n" + text);
            }
        }
    }
}
