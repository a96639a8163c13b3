package dev.assay.report;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Base64;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AttestationTest {

    @TempDir
    Path dir;

    private static final byte[] STATEMENT = "{\"_type\":\"https://in-toto.io/Statement/v1\",\"predicate\":{\"decision\":\"FAIL\"}}"
            .getBytes(StandardCharsets.UTF_8);

    @Test
    void paeIsDsseV1() {
        // DSSE protocol: PAE("a", "bc") = "DSSEv1 1 a 2 bc"
        assertArrayEquals("DSSEv1 1 a 2 bc".getBytes(StandardCharsets.UTF_8),
                Attestation.pae("a", "bc".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void signedEnvelopeVerifiesAndTamperingIsDetected() {
        SigningKeys keys = SigningKeys.loadOrCreate(dir.resolve("k.p12"), null, SigningKeys.ALIAS);
        String envelope = Attestation.envelope(STATEMENT, keys.signingKey());
        ReportSigner.Verification ok = Attestation.verify(envelope, keys.publicJwks());
        assertTrue(ok.valid(), ok.reason());
        assertEquals(keys.keyId(), ok.keyId());

        String tamperedPayload = Base64.getEncoder().encodeToString(new String(STATEMENT, StandardCharsets.UTF_8)
                .replace("FAIL", "PASS").getBytes(StandardCharsets.UTF_8));
        String tampered = envelope.replaceFirst("\"payload\":\"[^\"]+\"", "\"payload\":\"" + tamperedPayload + "\"");
        ReportSigner.Verification bad = Attestation.verify(tampered, keys.publicJwks());
        assertFalse(bad.valid());
        assertTrue(bad.reason().contains("does not match"), bad.reason());

        SigningKeys other = SigningKeys.loadOrCreate(dir.resolve("o.p12"), null, SigningKeys.ALIAS);
        assertTrue(Attestation.verify(envelope, other.publicJwks()).reason().startsWith("unknown key"));
        assertFalse(Attestation.verify("{not json", keys.publicJwks()).valid());
        // Well-formed JSON that is no envelope is invalid with a reason, never an error.
        for (String notAnEnvelope : new String[]{"{}", "{\"payloadType\":\"x\"}",
                "{\"payloadType\":\"x\",\"payload\":\"eA==\",\"signatures\":[{\"keyid\":\"k\"}]}"}) {
            ReportSigner.Verification v = Attestation.verify(notAnEnvelope, keys.publicJwks());
            assertFalse(v.valid());
            assertTrue(v.reason().startsWith("malformed DSSE envelope"), v.reason());
        }
    }

    @Test
    void offlineVerifierChecksReportsAndAttestationsFromFiles() throws Exception {
        SigningKeys keys = SigningKeys.loadOrCreate(dir.resolve("k.p12"), null, SigningKeys.ALIAS);
        Path jwks = Files.writeString(dir.resolve("jwks.json"), keys.publicJwks().toString(true));
        Path report = Files.write(dir.resolve("report.json"), STATEMENT);
        Path jws = Files.writeString(dir.resolve("report.jws"), ReportSigner.sign(STATEMENT, keys.signingKey(), Instant.now()));
        Path dsse = Files.writeString(dir.resolve("a.dsse.json"), Attestation.envelope(STATEMENT, keys.signingKey()));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertEquals(0, OfflineVerifier.run(new String[] {"--jwks", jwks.toString(), report.toString(), jws.toString()},
                new PrintStream(out, true, StandardCharsets.UTF_8)));
        assertEquals(0, OfflineVerifier.run(new String[] {"--jwks", jwks.toString(), dsse.toString()},
                new PrintStream(out, true, StandardCharsets.UTF_8)));
        Files.write(report, new String(STATEMENT, StandardCharsets.UTF_8).replace("FAIL", "PASS").getBytes(StandardCharsets.UTF_8));
        assertEquals(1, OfflineVerifier.run(new String[] {"--jwks", jwks.toString(), report.toString(), jws.toString()},
                new PrintStream(out, true, StandardCharsets.UTF_8)));
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("INVALID: signature does not match"));
        assertEquals(2, OfflineVerifier.run(new String[] {"report.json"}, new PrintStream(out, true, StandardCharsets.UTF_8)));
    }

    @Test
    void aDeeplyNestedEnvelopeIsMalformedNotAnError() {
        SigningKeys keys = SigningKeys.loadOrCreate(dir.resolve("k.p12"), null, SigningKeys.ALIAS);
        String deep = "{\"payloadType\":" + "[".repeat(100_000) + "]".repeat(100_000) + "}";
        ReportSigner.Verification v = Attestation.verify(deep, keys.publicJwks());
        assertFalse(v.valid());
        assertTrue(v.reason().startsWith("malformed DSSE envelope"), v.reason());
    }
}
