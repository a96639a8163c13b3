package dev.assay.monitoring;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/**
 * A version serving in an environment from {@code since} until {@code until} (null while it serves). The
 * gate it was deployed on is recorded with it; only {@link #end} changes the row, once.
 */
@Entity
@Table(name = "deployment")
public class Deployment {

    @Id
    private String id;

    @Column(name = "model_name", nullable = false)
    private String modelName;

    @Column(name = "model_version_id", nullable = false)
    private String modelVersionId;

    @Column(nullable = false)
    private String environment;

    @Column(nullable = false)
    private Instant since;

    @Column
    private Instant until;

    @Column(name = "ended_by")
    private String endedBy;

    @Column(name = "gate_decision", nullable = false)
    private String gateDecision;

    @Column(name = "gate_audit_id")
    private String gateAuditId;

    @Column(name = "reference_id", nullable = false)
    private String referenceId;

    @Column(name = "monitoring_json", nullable = false, columnDefinition = "text")
    private String monitoringJson;

    @Column(name = "created_by", nullable = false)
    private String createdBy;

    protected Deployment() {
    }

    public Deployment(String id, String modelName, String modelVersionId, String environment, Instant since,
                      String gateDecision, String gateAuditId, String referenceId, MonitoringSettings monitoring,
                      String createdBy) {
        this.id = id;
        this.modelName = modelName;
        this.modelVersionId = modelVersionId;
        this.environment = environment;
        this.since = since;
        this.gateDecision = gateDecision;
        this.gateAuditId = gateAuditId;
        this.referenceId = referenceId;
        this.monitoringJson = monitoring.toJson().toString();
        this.createdBy = createdBy;
    }

    /** Ends the deployment; a second end changes nothing. */
    void end(Instant at, String by) {
        if (until == null) {
            until = at;
            endedBy = by;
        }
    }

    public String id() {
        return id;
    }

    public String modelName() {
        return modelName;
    }

    public String modelVersionId() {
        return modelVersionId;
    }

    public String environment() {
        return environment;
    }

    public Instant since() {
        return since;
    }

    /** When it stopped serving; null while it serves. */
    public Instant until() {
        return until;
    }

    public String endedBy() {
        return endedBy;
    }

    public boolean active() {
        return until == null;
    }

    public String gateDecision() {
        return gateDecision;
    }

    public String gateAuditId() {
        return gateAuditId;
    }

    /** The dataset windows are compared with (drift): by default the evaluation dataset of the version's latest audit. */
    public String referenceId() {
        return referenceId;
    }

    public MonitoringSettings monitoring() {
        return MonitoringSettings.parse(monitoringJson);
    }

    public String createdBy() {
        return createdBy;
    }
}
