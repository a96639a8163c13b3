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

import java.text.ParseException;
import java.time.Instant;

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
        try {
            jws = JWSObject.parse(detachedJws.trim(), new Payload(canonicalJson));
        } catch (ParseException e) {
            return new Verification(false, null, null, "malformed JWS: " + e.getMessage());
        }
        JWSHeader header = jws.getHeader();
        String kid = header.getKeyID();
        Instant signedAt = header.getCustomParam("iat") instanceof Number n ? Instant.ofEpochSecond(n.longValue()) : null;
        if (!JWSAlgorithm.ES256.equals(header.getAlgorithm())) {
            return new Verification(false, kid, signedAt, "unsupported algorithm " + header.getAlgorithm() + "; only ES256 is accepted");
        }
        JWK jwk = kid == null ? null : keys.getKeyByKeyId(kid);
        if (!(jwk instanceof ECKey ecKey)) {
            return new Verification(false, kid, signedAt, "unknown key: no public key with id " + kid);
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
}
