package dev.assay.report;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.nimbusds.jose.jwk.JWKSet;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Fuzzes the JWS and PDF verifiers against the signed samples in reports/samples: a verifier never
 * throws, always gives a reason, and says valid only for the exact signed bytes (the JWS may carry
 * one final line break, as a file does). Corpus: VerifierFuzzTestInputs/{jws,pdf}.
 */
class VerifierFuzzTest {

    private static final Path SAMPLES = Path.of("reports/samples");
    private static final byte[] REPORT = read("loan-approval-1.0.0.report.json");
    private static final String JWS = new String(read("loan-approval-1.0.0.report.jws"), StandardCharsets.US_ASCII).strip();
    private static final byte[] PDF = read("loan-approval-1.0.0.report.pdf");
    private static final JWKSet KEYS = keys();

    private static byte[] read(String name) {
        try {
            return Files.readAllBytes(SAMPLES.resolve(name));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static JWKSet keys() {
        try {
            return JWKSet.parse(new String(read("jwks.json"), StandardCharsets.UTF_8));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Any text as the detached JWS of the sample report. */
    @FuzzTest(maxDuration = "5m")
    void jws(byte[] bytes) {
        String jws = new String(bytes, StandardCharsets.UTF_8);
        ReportSigner.Verification v = ReportSigner.verify(REPORT, jws, KEYS);
        assertNotNull(v.reason());
        if (v.valid()) {
            assertEquals(JWS, jws.endsWith("\n") ? jws.substring(0, jws.length() - (jws.endsWith("\r\n") ? 2 : 1)) : jws,
                    "only the signed JWS is valid");
        }
    }

    /**
     * The sample PDF with bytes changed, inserted, cut or appended where the input says: valid only
     * when the result is the signed file itself.
     */
    @FuzzTest(maxDuration = "5m")
    void pdf(FuzzedDataProvider data) {
        byte[] pdf = PDF.clone();
        int edits = data.consumeInt(0, 8);
        for (int i = 0; i < edits && pdf.length > 0; i++) {
            int at = data.consumeInt(0, pdf.length - 1);
            switch (data.consumeInt(0, 3)) {
                case 0 -> pdf[at] = data.consumeByte();
                case 1 -> pdf = Arrays.copyOf(pdf, at);
                case 2 -> {
                    byte[] more = data.consumeBytes(16);
                    byte[] out = new byte[pdf.length + more.length];
                    System.arraycopy(pdf, 0, out, 0, at);
                    System.arraycopy(more, 0, out, at, more.length);
                    System.arraycopy(pdf, at, out, at + more.length, pdf.length - at);
                    pdf = out;
                }
                default -> {
                    byte[] tail = data.consumeBytes(64);
                    byte[] out = Arrays.copyOf(pdf, pdf.length + tail.length);
                    System.arraycopy(tail, 0, out, pdf.length, tail.length);
                    pdf = out;
                }
            }
        }
        ReportSigner.Verification v = PadesVerifier.verify(pdf, KEYS);
        assertNotNull(v.reason());
        if (v.valid()) {
            assertTrue(sameSignedFile(pdf), "only the signed PDF is valid");
        }
    }

    /**
     * The sample itself, but for the case of hex digits in /Contents (the one place outside the signed
     * byte range; {@code <3A>} and {@code <3a>} are the same bytes, and pdfsig reads both alike).
     */
    private static boolean sameSignedFile(byte[] pdf) {
        if (pdf.length != PDF.length) {
            return false;
        }
        int[] range = byteRange();
        for (int i = 0; i < pdf.length; i++) {
            boolean inContents = i > range[1] && i < range[2] - 1;
            if (pdf[i] != PDF[i] && !(inContents && Character.toUpperCase(pdf[i]) == Character.toUpperCase(PDF[i])
                    && Character.digit(pdf[i], 16) >= 0)) {
                return false;
            }
        }
        return true;
    }

    private static int[] byteRange() {
        try (var doc = org.apache.pdfbox.Loader.loadPDF(PDF)) {
            return doc.getLastSignatureDictionary().getByteRange();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
