package dev.assay.report;

import dev.assay.infrastructure.FaultPoints;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.JWKSet;
import dev.assay.infrastructure.AssayConfig;
import dev.assay.infrastructure.CanonicalJson;
import dev.assay.infrastructure.Clocks;
import dev.assay.infrastructure.Hashing;
import dev.assay.ledger.Ledger;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.transaction.Transactional;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;

/** Signs report documents with the server's key and verifies reports against its public keys. */
@ApplicationScoped
public class ReportService {

    @Inject
    AssayConfig config;

    @Inject
    Ledger ledger;

    @Inject
    KeyRevocationRepository revoked;

    private volatile SigningKeys keys;
    /** The keystore file as loaded (its modification time and size), and when that was last compared with the file. */
    private volatile String loaded;
    private volatile Instant compared = Instant.MIN;

    private Path keystore() {
        return config.env("ASSAY_KEYSTORE").map(Path::of).orElse(config.dataDir().resolve("keys").resolve("signing.p12"));
    }

    private char[] password() {
        return config.env("ASSAY_KEYSTORE_PASSWORD").map(String::toCharArray).orElse(null);
    }

    private String alias() {
        return config.env("ASSAY_KEY_ALIAS").orElse(SigningKeys.ALIAS);
    }

    /** Loads (or creates) the signing keystore: ASSAY_KEYSTORE / ASSAY_KEYSTORE_PASSWORD, or the data dir. */
    public synchronized void init() {
        if (keys == null) {
            keys = SigningKeys.loadOrCreate(keystore(), password(), alias());
            loaded = stamp();
        }
    }

    /**
     * Reloads the keystore when another server sharing the data directory rotated the key (it rewrites the file
     * atomically): compared at most once a second, so a rotation elsewhere is signed with, and verifies, here within
     * a second.
     */
    private void reloadIfRotatedElsewhere() {
        Instant now = Instant.now();
        if (now.isBefore(compared.plusSeconds(1))) {
            return;
        }
        synchronized (this) {
            compared = now;
            String stamp = stamp();
            if (stamp != null && !stamp.equals(loaded)) {
                keys = SigningKeys.loadOrCreate(keystore(), password(), alias());
                loaded = stamp;
            }
        }
    }

    private String stamp() {
        try {
            Path file = keystore();
            return java.nio.file.Files.getLastModifiedTime(file) + " " + java.nio.file.Files.size(file);
        } catch (IOException e) {
            return null;
        }
    }

    /** A new signing key; the previous ones stay in the JWK set, so earlier reports still verify. */
    @Transactional
    public synchronized SigningKeys rotate(String actor) {
        init();
        String previous = keys.keyId();
        keys = SigningKeys.rotate(keystore(), password(), alias());
        loaded = stamp();
        ledger.append("key.rotated", keys.keyId(), actor, Json.createObjectBuilder()
                .add("previous", previous).add("current", keys.keyId()).build());
        return keys;
    }

    public SigningKeys keys() {
        init();
        reloadIfRotatedElsewhere();
        return keys;
    }

    /** A report in its signed form: canonical JSON text, its hash and its detached JWS. */
    public record SignedReport(String json, String sha256, String jws, String keyId) {
    }

    public SignedReport sign(JsonObject document, Instant signedAt) {
        byte[] canonical = CanonicalJson.bytes(document);
        String jws = ReportSigner.sign(canonical, keys().signingKey(), signedAt);
        FaultPoints.at("report.jws-signed");
        return new SignedReport(new String(canonical, StandardCharsets.UTF_8), Hashing.sha256Hex(canonical), jws,
                keys().keyId());
    }

    /** The report as a PDF with the canonical JSON and JWS attached, PAdES-signed with the current key. */
    public byte[] pdf(SignedReport signed, ReportDocument document, Instant signedAt) {
        try {
            byte[] unsigned = PdfReport.render(signed.json(), document, signed.jws());
            byte[] pades = PadesSigner.sign(unsigned, keys().signingKey().toECPrivateKey(), keys().certificate(),
                    PadesSigner.calendar(signedAt), "Assay report signing key " + keys().keyId(),
                    "Assay decision: " + document.decision().name());
            FaultPoints.at("report.pades-signed");
            return pades;
        } catch (IOException | JOSEException e) {
            throw new IllegalStateException("the PDF report could not be made: " + e.getMessage(), e);
        }
    }

    /**
     * The NYC LL144 bias-audit summary of a signed report as a PDF/A with the report and its JWS attached,
     * PAdES-signed now with the current key, as the report's PDF is.
     *
     * @throws dev.assay.failure.NotFound when the audit did not apply the nyc-ll144 pack
     */
    public byte[] ll144SummaryPdf(String canonicalJson, String sha256, String jws) {
        Ll144Summary summary = Ll144Summary.of(ReportDocument.parse(canonicalJson), sha256);
        try {
            byte[] unsigned = Ll144SummaryPdf.render(summary, canonicalJson, jws, ReportLayout.standard());
            return PadesSigner.sign(unsigned, keys().signingKey().toECPrivateKey(), keys().certificate(),
                    PadesSigner.calendar(Clocks.UTC_MICROS.instant()), "Assay report signing key " + keys().keyId(),
                    "NYC LL144 bias audit summary of audit " + summary.auditId());
        } catch (IOException | JOSEException e) {
            throw new IllegalStateException("the LL144 summary PDF could not be made: " + e.getMessage(), e);
        }
    }

    public ReportSigner.Verification verifyPdf(byte[] pdf) {
        return revocations().apply(PadesVerifier.verify(pdf, jwks()));
    }

    /** The canonical report JSON a report or summary PDF carries attached; empty when it carries none or is unreadable. */
    public java.util.Optional<byte[]> reportIn(byte[] pdf) {
        return PdfA.attachedReport(pdf);
    }

    /** The DSSE envelope of an in-toto statement, signed with the current key. */
    public String attest(JsonObject statement) {
        String envelope = Attestation.envelope(CanonicalJson.bytes(statement), keys().signingKey());
        FaultPoints.at("report.dsse-signed");
        return envelope;
    }

    public ReportSigner.Verification verifyAttestation(String envelope) {
        return revocations().apply(Attestation.verify(envelope, jwks()));
    }

    public ReportSigner.Verification verify(byte[] json, String jws) {
        return revocations().apply(ReportSigner.verify(json, jws, jwks()));
    }

    public JWKSet jwks() {
        return keys().publicJwks();
    }

    public Revocations revocations() {
        return Revocations.of(revoked.all().stream().map(KeyRevocation::revoked).toList());
    }

    /** The outcome of a revocation request. */
    public enum RevokeOutcome { REVOKED, UNKNOWN_KEY, CURRENT_KEY, ALREADY_REVOKED }

    /**
     * Revokes a published key that no longer signs (rotate first: revoking the signing key would leave
     * the server signing with a revoked key). Recorded in the ledger in the same transaction.
     */
    @Transactional
    public synchronized RevokeOutcome revoke(String keyId, String reason, String actor) {
        if (jwks().getKeyByKeyId(keyId) == null) {
            return RevokeOutcome.UNKNOWN_KEY;
        }
        if (keyId.equals(keys().keyId())) {
            return RevokeOutcome.CURRENT_KEY;
        }
        if (revoked.find(keyId).isPresent()) {
            return RevokeOutcome.ALREADY_REVOKED;
        }
        Instant now = Clocks.UTC_MICROS.instant();
        revoked.add(new KeyRevocation(keyId, now, actor, reason));
        ledger.append("key.revoked", keyId, actor, Json.createObjectBuilder()
                .add("reason", reason).add("revokedAt", now.toString()).build());
        return RevokeOutcome.REVOKED;
    }
}
