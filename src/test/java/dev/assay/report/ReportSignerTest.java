package dev.assay.report;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.util.Base64URL;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReportSignerTest {

    @TempDir
    Path dir;

    private final byte[] report = "{\"decision\":\"FAIL\",\"reasons\":[\"four-fifths-impact-ratio\"]}"
            .getBytes(StandardCharsets.UTF_8);

    @Test
    void signsDetachedAndVerifies() throws Exception {
        SigningKeys keys = SigningKeys.loadOrCreate(dir.resolve("k.p12"), null, SigningKeys.ALIAS);
        Instant at = Instant.parse("2026-11-27T10:00:00Z");
        String jws = ReportSigner.sign(report, keys.signingKey(), at);
        String[] parts = jws.split("\\.", -1);
        assertEquals(3, parts.length);
        assertEquals("", parts[1], "the payload part of a detached JWS is empty");
        String header = new Base64URL(parts[0]).decodeToString();
        assertTrue(header.contains("\"alg\":\"ES256\""), header);
        assertTrue(header.contains("\"kid\":\"" + keys.keyId() + "\""), header);
        assertTrue(header.contains("\"x5c\""), header);
        assertEquals(keys.signingKey().computeThumbprint().toString(), keys.keyId(), "kid is the RFC 7638 thumbprint");

        ReportSigner.Verification v = ReportSigner.verify(report, jws, keys.publicJwks());
        assertTrue(v.valid(), v.reason());
        assertEquals(keys.keyId(), v.keyId());
        assertEquals(at, v.signedAt());
    }

    @Test
    void everySingleByteChangeOfTheReportFailsVerification() {
        SigningKeys keys = SigningKeys.loadOrCreate(dir.resolve("k.p12"), null, SigningKeys.ALIAS);
        String jws = ReportSigner.sign(report, keys.signingKey(), Instant.now());
        for (int i = 0; i < report.length; i++) {
            byte[] changed = report.clone();
            changed[i] ^= 0x01;
            ReportSigner.Verification v = ReportSigner.verify(changed, jws, keys.publicJwks());
            assertFalse(v.valid(), "byte " + i);
            assertTrue(v.reason().contains("signature does not match"), v.reason());
        }
    }

    /**
     * An ES256 signature is 64 bytes, 86 base64url characters whose last carries 4 unused bits: a
     * lenient decoder reads the same bytes whatever those bits are, so a signature had 16 spellings.
     * Only the canonical one (and the file's final line break) is valid; trailing spaces are not.
     */
    @Test
    void onlyTheCanonicalBase64urlOfTheSignatureIsValid() {
        SigningKeys keys = SigningKeys.loadOrCreate(dir.resolve("k.p12"), null, SigningKeys.ALIAS);
        String jws = ReportSigner.sign(report, keys.signingKey(), Instant.now());
        assertTrue(ReportSigner.verify(report, jws, keys.publicJwks()).valid());
        assertTrue(ReportSigner.verify(report, jws + "\n", keys.publicJwks()).valid(), "a file's final line break");
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        char last = jws.charAt(jws.length() - 1);
        int value = alphabet.indexOf(last);
        assertEquals(0, value % 16, "the canonical last character has its unused bits clear");
        for (int bits = 1; bits < 16; bits++) {
            String sameBytes = jws.substring(0, jws.length() - 1) + alphabet.charAt(value + bits);
            ReportSigner.Verification v = ReportSigner.verify(report, sameBytes, keys.publicJwks());
            assertFalse(v.valid(), "unused bits " + bits);
            assertTrue(v.reason().contains("canonical base64url"), v.reason());
        }
        for (String spaced : new String[] {jws + " ", jws + "  \n", " " + jws, jws + "=", jws + "\n\n"}) {
            assertFalse(ReportSigner.verify(report, spaced, keys.publicJwks()).valid(), "[" + spaced + "]");
        }
        String header = jws.substring(0, jws.indexOf('.'));
        assertFalse(ReportSigner.verify(report, header + ".e30" + jws.substring(jws.indexOf('.') + 1), keys.publicJwks()).valid(),
                "an attached payload");
    }

    /** Found by VerifierFuzzTest: an iat beyond Instant's range threw a DateTimeException out of the verifier. */
    @Test
    void anIatOutOfRangeIsMalformedNotAnError() {
        SigningKeys keys = SigningKeys.loadOrCreate(dir.resolve("k.p12"), null, SigningKeys.ALIAS);
        String jws = ReportSigner.sign(report, keys.signingKey(), Instant.now());
        String header = com.nimbusds.jose.util.Base64URL.encode("{\"alg\":\"ES256\",\"kid\":\"" + keys.keyId()
                + "\",\"iat\":1796090465796090465}").toString();
        ReportSigner.Verification v = ReportSigner.verify(report, header + jws.substring(jws.indexOf('.')), keys.publicJwks());
        assertFalse(v.valid());
        assertTrue(v.reason().contains("iat"), v.reason());
    }

    /** Found by VerifierFuzzTest: an x5c entry that is no certificate at all was a NullPointerException. */
    @Test
    void anX5cThatIsNoCertificateIsMalformedNotAnError() {
        SigningKeys keys = SigningKeys.loadOrCreate(dir.resolve("k.p12"), null, SigningKeys.ALIAS);
        String jws = ReportSigner.sign(report, keys.signingKey(), Instant.now());
        String header = com.nimbusds.jose.util.Base64URL.encode("{\"alg\":\"ES256\",\"kid\":\"" + keys.keyId()
                + "\",\"x5c\":[\"AA==\"]}").toString();
        ReportSigner.Verification v = ReportSigner.verify(report, header + jws.substring(jws.indexOf('.')), keys.publicJwks());
        assertFalse(v.valid());
        assertTrue(v.reason().contains("x5c certificate cannot be read"), v.reason());
    }

    @Test
    void changedSignatureOrUnknownKeyFails() {
        SigningKeys keys = SigningKeys.loadOrCreate(dir.resolve("k.p12"), null, SigningKeys.ALIAS);
        SigningKeys other = SigningKeys.loadOrCreate(dir.resolve("other.p12"), null, SigningKeys.ALIAS);
        String jws = ReportSigner.sign(report, keys.signingKey(), Instant.now());
        String tampered = jws.substring(0, jws.length() - 2) + (jws.endsWith("A") ? "BB" : "AA");
        assertFalse(ReportSigner.verify(report, tampered, keys.publicJwks()).valid());
        ReportSigner.Verification unknown = ReportSigner.verify(report, jws, other.publicJwks());
        assertFalse(unknown.valid());
        assertTrue(unknown.reason().startsWith("unknown key"), unknown.reason());
        assertFalse(ReportSigner.verify(report, "not a jws", keys.publicJwks()).valid());
    }

    @Test
    void keystoreIsCreatedOnceWithAPrivatePasswordFile() throws Exception {
        Path ks = dir.resolve("keys/signing.p12");
        SigningKeys first = SigningKeys.loadOrCreate(ks, null, SigningKeys.ALIAS);
        SigningKeys again = SigningKeys.loadOrCreate(ks, null, SigningKeys.ALIAS);
        assertEquals(first.keyId(), again.keyId());
        Path password = dir.resolve("keys/signing.p12.password");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(password)));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(ks)));
        assertArrayEquals(first.certificate().getEncoded(), again.certificate().getEncoded());
    }

    @Test
    void publicJwksHoldsNoPrivatePart() {
        SigningKeys keys = SigningKeys.loadOrCreate(dir.resolve("k.p12"), "secret".toCharArray(), SigningKeys.ALIAS);
        JWKSet jwks = keys.publicJwks();
        assertNotNull(jwks.getKeyByKeyId(keys.keyId()));
        assertFalse(jwks.getKeyByKeyId(keys.keyId()).isPrivate());
        assertFalse(jwks.toString(false).contains("\"d\""));
    }

    @Test
    void rotationKeepsOldKeysForVerification() {
        Path ks = dir.resolve("rot.p12");
        SigningKeys first = SigningKeys.loadOrCreate(ks, null, SigningKeys.ALIAS);
        String oldJws = ReportSigner.sign(report, first.signingKey(), Instant.now());
        SigningKeys rotated = SigningKeys.rotate(ks, null, SigningKeys.ALIAS);
        assertTrue(!rotated.keyId().equals(first.keyId()), "a new key signs");
        assertEquals(2, rotated.publicJwks().getKeys().size());
        assertEquals(rotated.keyId(), rotated.publicJwks().getKeys().get(0).getKeyID(), "the signing key comes first");
        assertTrue(ReportSigner.verify(report, oldJws, rotated.publicJwks()).valid(), "old reports still verify");
        String newJws = ReportSigner.sign(report, rotated.signingKey(), Instant.now());
        assertEquals(rotated.keyId(), ReportSigner.verify(report, newJws, rotated.publicJwks()).keyId());
        // Reloading finds the same current key.
        assertEquals(rotated.keyId(), SigningKeys.loadOrCreate(ks, null, SigningKeys.ALIAS).keyId());
    }

    @Test
    void rotationsWithinOneSecondEachMakeTheNewKeyCurrent() {
        Path ks = dir.resolve("fast.p12");
        SigningKeys.loadOrCreate(ks, null, SigningKeys.ALIAS);
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (int i = 0; i < 3; i++) {
            SigningKeys rotated = SigningKeys.rotate(ks, null, SigningKeys.ALIAS);
            assertTrue(seen.add(rotated.keyId()), "rotation " + i + " makes a new key current");
            assertEquals(rotated.keyId(), SigningKeys.loadOrCreate(ks, null, SigningKeys.ALIAS).keyId());
        }
    }
}
