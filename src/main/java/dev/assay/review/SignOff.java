package dev.assay.review;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** A named auditor's sign-off of one audit, with what they state. One per auditor per audit; written once. */
@Entity
@Table(name = "audit_sign_off")
public class SignOff {

    @Id
    private String id;

    @Column(name = "audit_id", nullable = false)
    private String auditId;

    @Column(name = "model_version_id", nullable = false)
    private String modelVersionId;

    /** The person who signed off. */
    @Column(nullable = false)
    private String auditor;

    /** The person and the token they acted through, as records name them. */
    @Column(name = "signed_by", nullable = false)
    private String signedBy;

    @Column(nullable = false)
    private String statement;

    @Column(name = "signed_at", nullable = false)
    private Instant signedAt;

    protected SignOff() {
    }

    public SignOff(String id, String auditId, String modelVersionId, String auditor, String signedBy, String statement,
                   Instant signedAt) {
        this.id = id;
        this.auditId = auditId;
        this.modelVersionId = modelVersionId;
        this.auditor = auditor;
        this.signedBy = signedBy;
        this.statement = statement;
        this.signedAt = signedAt;
    }

    public String id() {
        return id;
    }

    public String auditId() {
        return auditId;
    }

    public String modelVersionId() {
        return modelVersionId;
    }

    public String auditor() {
        return auditor;
    }

    public String signedBy() {
        return signedBy;
    }

    public String statement() {
        return statement;
    }

    public Instant signedAt() {
        return signedAt;
    }
}
