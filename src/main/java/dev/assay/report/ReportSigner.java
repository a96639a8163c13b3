package dev.assay.report;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jose.util.X509CertUtils;

import java.security.PublicKey;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.text.ParseException;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Detached JWS (RFC 7515 appendix F) over the canonical JSON bytes of a report: ES256, {@code kid}
 * = RFC 7638 thumbprint, {@code x5c}, and the signing time as {@code iat} (seconds) in the
 * protected header. Verification needs only the bytes, the JWS and a JWK set.
 */
public final class ReportSigner {

    private ReportSigner() {
    }

    public static String sign(byte[] canonicalJson, ECKey key, Instant signedAt) {
        try {
            JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.ES256)
                    .type(JOSEObjectType.JOSE)
                    .keyID(key.getKeyID())
                    .x509CertChain(key.getX509CertChain())
                    .customParam("iat", signedAt.getEpochSecond())
                    .build();
            JWSObject jws = new JWSObject(header, new Payload(canonicalJson));
            jws.sign(new ECDSASigner(key));
            return jws.serialize(true);
        } catch (JOSEException e) {
            throw new IllegalStateException("signing failed", e);
        }
    }

    /** The outcome of a verification, with the reason when invalid. */
    public record Verification(boolean valid, String keyId, Instant signedAt, String reason) {
    }

    public static Verification verify(byte[] canonicalJson, String detachedJws, JWKSet keys) {
        JWSObject jws;
        Optional<String> notCanonical = notCanonical(detachedJws);
        if (notCanonical.isPresent()) {
            return new Verification(false, null, null, "malformed JWS: " + notCanonical.get());
        }
        try {
            jws = JWSObject.parse(withoutLineEnd(detachedJws), new Payload(canonicalJson));
        } catch (ParseException e) {
            return new Verification(false, null, null, "malformed JWS: " + e.getMessage());
        }
        JWSHeader header = jws.getHeader();
        String kid = header.getKeyID();
        Instant signedAt;
        try {
            signedAt = header.getCustomParam("iat") instanceof Number n ? Instant.ofEpochSecond(n.longValue()) : null;
        } catch (DateTimeException e) {
            // Found by VerifierFuzzTest: an iat beyond Instant's range threw out of the verifier.
            return new Verification(false, header.getKeyID(), null, "malformed JWS: its signing time (iat) is out of range");
        }
        if (!JWSAlgorithm.ES256.equals(header.getAlgorithm())) {
            return new Verification(false, kid, signedAt, "unsupported algorithm " + header.getAlgorithm() + "; only ES256 is accepted");
        }
        JWK jwk = kid == null ? null : keys.getKeyByKeyId(kid);
        if (!(jwk instanceof ECKey ecKey)) {
            return new Verification(false, kid, signedAt, "unknown key: no public key with id " + kid);
        }
        List<com.nimbusds.jose.util.Base64> chain = header.getX509CertChain();
        if (chain != null && !chain.isEmpty()) {
            try {
                // parseWithException answers null for bytes that are no certificate at all (found by VerifierFuzzTest).
                X509Certificate certificate = X509CertUtils.parseWithException(chain.get(0).decode());
                if (certificate == null) {
                    return new Verification(false, kid, signedAt, "malformed JWS: the x5c certificate cannot be read");
                }
                PublicKey certified = certificate.getPublicKey();
                if (!Arrays.equals(certified.getEncoded(), ecKey.toECPublicKey().getEncoded())) {
                    return new Verification(false, kid, signedAt, "certificate not bound: the x5c certificate's key is not key " + kid);
                }
            } catch (CertificateException | JOSEException e) {
                return new Verification(false, kid, signedAt, "malformed JWS: the x5c certificate cannot be read");
            }
        }
        try {
            if (!jws.verify(new ECDSAVerifier(ecKey.toECPublicKey()))) {
                return new Verification(false, kid, signedAt, "signature does not match: the report or its signature was changed");
            }
        } catch (JOSEException e) {
            return new Verification(false, kid, signedAt, "signature cannot be checked: " + e.getMessage());
        }
        return new Verification(true, kid, signedAt, "signature valid");
    }

    /** A detached JWS as a file holds it: one optional final line break (LF or CRLF) is not part of it. */
    private static String withoutLineEnd(String jws) {
        return jws.endsWith("\r\n") ? jws.substring(0, jws.length() - 2) : jws.endsWith("\n") ? jws.substring(0, jws.length() - 1) : jws;
    }

    /**
     * Why a detached compact JWS is not in its one canonical form, or empty when it is: three parts,
     * the payload empty, header and signature in unpadded base64url (RFC 7515, section 2) that decodes
     * and re-encodes to itself. Lenient decoders accept a final character with unused bits set, or
     * trailing spaces, so one signature would have many spellings; only one is valid.
     */
    static Optional<String> notCanonical(String detachedJws) {
        String jws = withoutLineEnd(detachedJws);
        String[] parts = jws.split("\\.", -1);
        if (parts.length != 3) {
            return Optional.of("a detached compact JWS has three parts separated by dots, this has " + parts.length);
        }
        if (!parts[1].isEmpty()) {
            return Optional.of("the payload part must be empty (the payload is the report file)");
        }
        for (int i : new int[] {0, 2}) {
            String part = parts[i];
            String name = i == 0 ? "header" : "signature";
            if (!part.matches("[A-Za-z0-9_-]+")) {
                return Optional.of("the " + name + " part is not unpadded base64url");
            }
            if (!Base64URL.encode(new Base64URL(part).decode()).toString().equals(part)) {
                return Optional.of("the " + name + " part is not the canonical base64url of its bytes (unused bits are set)");
            }
        }
        return Optional.empty();
    }
}
