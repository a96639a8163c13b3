package dev.assay.audit;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.Base64;

/**
 * The PAdES-signed PDF of a finished audit, written once after the result it renders and never changed.
 * Base64 text, as the PDFs before it: one column type serves H2 and PostgreSQL alike.
 */
@Entity
@Table(name = "audit_report_pdf")
public class ReportPdf {

    @Id
    @Column(name = "audit_id")
    private String auditId;

    @Column(nullable = false, columnDefinition = "text")
    private String pdf;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    protected ReportPdf() {
    }

    public ReportPdf(String auditId, byte[] pdf, Instant createdAt) {
        this.auditId = auditId;
        this.pdf = Base64.getEncoder().encodeToString(pdf);
        this.createdAt = createdAt;
    }

    public String auditId() {
        return auditId;
    }

    public byte[] bytes() {
        return Base64.getDecoder().decode(pdf);
    }
}
