package dev.assay.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code assay verify} on the committed signed samples (reports/samples, made by a real server from the demo
 * data) and on altered copies of them: 0 valid, 1 invalid, 2 for inputs that are not what they should be.
 */
class VerifyCommandTest {

    private static final Path SAMPLES = Path.of("reports", "samples");
    private static final String JWKS = SAMPLES.resolve("jwks.json").toString();
    private static final String KID = "AuHBZ2MqdHtOr-THm6Qtnv-xNlmqHtuZ24ANdIp45f8";

    @TempDir
    Path dir;

    private static String sample(String suffix) {
        return SAMPLES.resolve("loan-approval-1.0.0" + suffix).toString();
    }

    @Test
    void theSamplesVerifyInAllThreeFormsWithNoServerAndNoToken() {
        CliRun json = CliRun.of("verify", "--jwks", JWKS, sample(".report.json"), sample(".report.jws"));
        assertEquals(Exit.OK, json.status(), json.out() + json.err());
        assertEquals("VALID: signature valid (key " + KID + "), signed 2026-12-02T14:31:55Z\n", json.out());
        CliRun pdf = CliRun.of("verify", "--jwks", JWKS, sample(".report.pdf"));
        assertEquals(Exit.OK, pdf.status(), pdf.out());
        assertTrue(pdf.out().startsWith("VALID: "), pdf.out());
        CliRun dsse = CliRun.of("verify", "--jwks", JWKS, sample(".attestation.dsse.json"));
        assertEquals(Exit.OK, dsse.status(), dsse.out());
        assertEquals("VALID: signature valid (key " + KID + ")\n", dsse.out());
    }

    @Test
    void anAlteredReportOrARevokedKeyIsInvalidWithTheReason() throws Exception {
        Path passed = Files.writeString(dir.resolve("report.json"),
                Files.readString(Path.of(sample(".report.json"))).replace("\"decision\":\"FAIL\"", "\"decision\":\"PASS\""));
        CliRun altered = CliRun.of("verify", "--jwks", JWKS, passed.toString(), sample(".report.jws"));
        assertEquals(Exit.FAIL, altered.status());
        assertTrue(altered.out().startsWith("INVALID: signature does not match"), altered.out());

        byte[] pdf = Files.readAllBytes(Path.of(sample(".report.pdf")));
        byte[] appended = new byte[pdf.length + 10];
        System.arraycopy(pdf, 0, appended, 0, pdf.length);
        System.arraycopy("%%EOF\n%%X\n".getBytes(StandardCharsets.US_ASCII), 0, appended, pdf.length, 10);
        CliRun grown = CliRun.of("verify", "--jwks", JWKS, Files.write(dir.resolve("report.pdf"), appended).toString());
        assertEquals(Exit.FAIL, grown.status(), grown.out());

        Path revoked = Files.writeString(dir.resolve("assay-revoked-keys.json"),
                "{\"revoked\":[{\"kid\":\"" + KID + "\",\"revokedAt\":\"2026-12-03T00:00:00Z\",\"reason\":\"laptop stolen\"}]}");
        CliRun withRevoked = CliRun.of("verify", "--jwks", JWKS, "--revoked", revoked.toString(), sample(".report.pdf"));
        assertEquals(Exit.FAIL, withRevoked.status());
        assertTrue(withRevoked.out().startsWith("INVALID: revoked key: " + KID + " was revoked at 2026-12-03T00:00:00Z (laptop stolen)"),
                withRevoked.out());

        CliRun garbage = CliRun.of("verify", "--jwks", JWKS, Files.writeString(dir.resolve("x.json"), "{\"not\":\"dsse\"}").toString());
        assertEquals(Exit.FAIL, garbage.status(), "a file that is no signed artefact is not valid: " + garbage.out());
        assertTrue(garbage.out().startsWith("INVALID: "), garbage.out());
    }

    @Test
    void keysFilesAndRevocationListsThatCannotBeReadAreTwo() throws Exception {
        CliRun missing = CliRun.of("verify", "--jwks", JWKS, dir.resolve("absent.pdf").toString());
        assertEquals(Exit.ERROR, missing.status());
        assertTrue(missing.err().startsWith("error: cannot read " + dir.resolve("absent.pdf")), missing.err());

        Path notKeys = Files.writeString(dir.resolve("jwks.json"), "<html>not keys</html>");
        CliRun badKeys = CliRun.of("verify", "--jwks", notKeys.toString(), sample(".report.pdf"));
        assertEquals(Exit.ERROR, badKeys.status());
        assertTrue(badKeys.err().startsWith("error: " + notKeys + " is not a JWK set"), badKeys.err());

        Path notList = Files.writeString(dir.resolve("revoked.json"), "{\"keys\":[]}");
        CliRun badList = CliRun.of("verify", "--jwks", JWKS, "--revoked", notList.toString(), sample(".report.pdf"));
        assertEquals(Exit.ERROR, badList.status());
        assertTrue(badList.err().startsWith("error: " + notList + " is not a list of revoked keys"), badList.err());
    }
}
