package dev.assay.report;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.util.JSONObjectUtils;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.text.ParseException;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * An in-toto Statement v1 in a DSSE envelope (https://github.com/secure-systems-lab/dsse), signed
 * with the report key: ECDSA P-256 / SHA-256 over DSSE's pre-authentication encoding, the signature
 * DER-encoded as Sigstore does, the {@code keyid} the key's RFC 7638 thumbprint. Plain Java and
 * Nimbus only, so the offline verifier can use it without a server.
 */
public final class Attestation {

    public static final String PAYLOAD_TYPE = "application/vnd.in-toto+json";

    private Attestation() {
    }

    /** DSSE's PAE: "DSSEv1" SP len(type) SP type SP len(body) SP body, lengths in ASCII decimal bytes. */
    static byte[] pae(String payloadType, byte[] payload) {
        byte[] type = payloadType.getBytes(StandardCharsets.UTF_8);
        byte[] head = ("DSSEv1 " + type.length + " " + payloadType + " " + payload.length + " ").getBytes(StandardCharsets.UTF_8);
        byte[] out = new byte[head.length + payload.length];
        System.arraycopy(head, 0, out, 0, head.length);
        System.arraycopy(payload, 0, out, head.length, payload.length);
        return out;
    }

    /** The envelope, as JSON text, around an in-toto statement (given as canonical JSON bytes). */
    public static String envelope(byte[] statement, ECKey key) {
        try {
            Signature ecdsa = Signature.getInstance("SHA256withECDSA");
            ecdsa.initSign(key.toECPrivateKey());
            ecdsa.update(pae(PAYLOAD_TYPE, statement));
            String sig = Base64.getEncoder().encodeToString(ecdsa.sign());
            return JSONObjectUtils.toJSONString(Map.of(
                    "payloadType", PAYLOAD_TYPE,
                    "payload", Base64.getEncoder().encodeToString(statement),
                    "signatures", List.of(Map.of("keyid", key.getKeyID(), "sig", sig))));
        } catch (GeneralSecurityException | JOSEException e) {
            throw new IllegalStateException("signing the attestation failed", e);
        }
    }

    /** Whether an envelope's signature verifies with a key of the set, and why not. */
    public static ReportSigner.Verification verify(String envelope, JWKSet keys) {
        Map<String, Object> json;
        try {
            json = JSONObjectUtils.parse(envelope);
        } catch (ParseException e) {
            return new ReportSigner.Verification(false, null, null, "malformed DSSE envelope: " + e.getMessage());
        }
        try {
            String type = JSONObjectUtils.getString(json, "payloadType");
            String encodedPayload = JSONObjectUtils.getString(json, "payload");
            if (type == null || encodedPayload == null) {
                return new ReportSigner.Verification(false, null, null,
                        "malformed DSSE envelope: it needs payloadType, payload and signatures");
            }
            byte[] payload = Base64.getDecoder().decode(encodedPayload);
            List<Object> signatures = JSONObjectUtils.getJSONArray(json, "signatures");
            if (signatures == null || signatures.isEmpty()) {
                return new ReportSigner.Verification(false, null, null, "the envelope carries no signature");
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> first = (Map<String, Object>) signatures.get(0);
            String kid = (String) first.get("keyid");
            if (!(first.get("sig") instanceof String)) {
                return new ReportSigner.Verification(false, kid, null, "malformed DSSE envelope: the signature has no sig");
            }
            JWK jwk = kid == null ? null : keys.getKeyByKeyId(kid);
            if (!(jwk instanceof ECKey ecKey)) {
                return new ReportSigner.Verification(false, kid, null, "unknown key: no public key with id " + kid);
            }
            Signature ecdsa = Signature.getInstance("SHA256withECDSA");
            ecdsa.initVerify(ecKey.toECPublicKey());
            ecdsa.update(pae(type, payload));
            boolean valid = ecdsa.verify(Base64.getDecoder().decode((String) first.get("sig")));
            return new ReportSigner.Verification(valid, kid, null, valid ? "signature valid"
                    : "signature does not match: the statement or its signature was changed");
        } catch (ParseException | IllegalArgumentException | ClassCastException | GeneralSecurityException
                 | JOSEException e) {
            return new ReportSigner.Verification(false, null, null, "malformed DSSE envelope: " + e.getMessage());
        }
    }
}
