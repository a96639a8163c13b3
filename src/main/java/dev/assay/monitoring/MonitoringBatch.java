package dev.assay.monitoring;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/**
 * One posted batch of predictions or labels, written last, in the transaction that puts its files in
 * place. Its id ({@link BatchKey}) is derived from deployment, kind and batch id, so the same batch twice
 * collides on the primary key however the two posts interleave. Never changed.
 */
@Entity
@Table(name = "monitoring_batch")
public class MonitoringBatch {

    public enum Kind {
        PREDICTIONS, LABELS;

        public String id() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    @Id
    private String id;

    @Column(name = "deployment_id", nullable = false)
    private String deploymentId;

    @Column(nullable = false)
    private String kind;

    @Column(name = "batch_id", nullable = false)
    private String batchId;

    @Column(name = "row_count", nullable = false)
    private long rowCount;

    /** For labels: how many had their prediction when they arrived. */
    @Column
    private Long matched;

    @Column(nullable = false)
    private String sha256;

    @Column(name = "created_by", nullable = false)
    private String createdBy;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    protected MonitoringBatch() {
    }

    public MonitoringBatch(String deploymentId, Kind kind, String batchId, long rowCount, Long matched, String sha256,
                           String createdBy, Instant createdAt) {
        this.id = BatchKey.of(deploymentId, kind, batchId);
        this.deploymentId = deploymentId;
        this.kind = kind.id();
        this.batchId = batchId;
        this.rowCount = rowCount;
        this.matched = matched;
        this.sha256 = sha256;
        this.createdBy = createdBy;
        this.createdAt = createdAt;
    }

    public String key() {
        return id;
    }

    public String deploymentId() {
        return deploymentId;
    }

    public Kind kind() {
        return Kind.valueOf(kind.toUpperCase(java.util.Locale.ROOT));
    }

    public String batchId() {
        return batchId;
    }

    public long rows() {
        return rowCount;
    }

    public Long matched() {
        return matched;
    }

    public String sha256() {
        return sha256;
    }

    public Instant createdAt() {
        return createdAt;
    }
}
