package dev.assay.audit;

import dev.assay.policy.Decision;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

/** The signed outcome of a finished audit. Written once, in the same transaction that ends the run. */
@Entity
@Table(name = "audit_result")
public class AuditResult {

    @Id
    @Column(name = "audit_id")
    private String auditId;

    @Column(nullable = false)
    private String decision;

    @Column(nullable = false)
    private String reasons;

    @Column(name = "report_json", nullable = false, columnDefinition = "text")
    private String reportJson;

    @Column(name = "report_sha256", nullable = false)
    private String reportSha256;

    @Column(name = "report_jws", nullable = false, columnDefinition = "text")
    private String reportJws;

    @Column(name = "key_id", nullable = false)
    private String keyId;

    @Column(columnDefinition = "text")
    private String attestation;

    @Column(name = "report_pdf", columnDefinition = "text")
    private String reportPdf;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    /** The report's {@code validity.expiresAt}, kept beside it so expiry notices find what expires soon (V14). */
    @Column(name = "expires_at")
    private Instant expiresAt;

    protected AuditResult() {
    }

    public AuditResult(String auditId, Decision decision, String reportJson, String reportSha256, String reportJws,
                       String keyId, String attestation, Instant createdAt, Instant expiresAt) {
        this.auditId = auditId;
        this.decision = decision.verdict().name();
        this.reasons = String.join("\n", decision.reasons());
        this.reportJson = reportJson;
        this.reportSha256 = reportSha256;
        this.reportJws = reportJws;
        this.keyId = keyId;
        this.attestation = attestation;
        this.createdAt = createdAt;
        this.expiresAt = expiresAt;
    }

    public String auditId() {
        return auditId;
    }

    public Decision.Verdict verdict() {
        return Decision.Verdict.valueOf(decision);
    }

    public List<String> reasons() {
        return reasons.isEmpty() ? List.of() : Arrays.asList(reasons.split("\n"));
    }

    public String reportJson() {
        return reportJson;
    }

    public String reportSha256() {
        return reportSha256;
    }

    public String reportJws() {
        return reportJws;
    }

    public String keyId() {
        return keyId;
    }

    /**
     * The PAdES-signed PDF of a result written between V6 and V9, which kept it in this row; null for every
     * other (results since V9 have theirs in {@link ReportPdf}, read through {@link ReportPdfs}).
     */
    public byte[] reportPdf() {
        return reportPdf == null ? null : Base64.getDecoder().decode(reportPdf);
    }

    /** When the audit finished: the report's completion time, the time its signatures name. */
    public Instant createdAt() {
        return createdAt;
    }

    /** When the audit stops being valid (its report's {@code validity.expiresAt}); null when it never does. */
    public Instant expiresAt() {
        return expiresAt;
    }

    /** The DSSE envelope of the audit's in-toto statement. */
    public String attestation() {
        return attestation;
    }
}
