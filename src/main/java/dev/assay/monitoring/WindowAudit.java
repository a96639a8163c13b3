package dev.assay.monitoring;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/**
 * One audit of one window of a deployment: the slice it audited (rows, labeled rows, the dataset made of
 * it) and the audit. A window audited again, because labels arrived after it closed, gets a new row; the
 * earlier stays (evidence is append-only).
 *
 * @see WindowContent#key the content key: the same content is not audited twice
 */
@Entity
@Table(name = "monitoring_window")
public class WindowAudit {

    @Id
    private String id;

    @Column(name = "deployment_id", nullable = false)
    private String deploymentId;

    @Column(name = "window_start", nullable = false)
    private Instant start;

    @Column(name = "window_end", nullable = false)
    private Instant end;

    @Column(name = "row_count", nullable = false)
    private long rowCount;

    @Column(name = "labeled_rows", nullable = false)
    private long labeledRows;

    @Column(name = "content_key", nullable = false)
    private String contentKey;

    @Column(name = "dataset_id", nullable = false)
    private String datasetId;

    @Column(name = "audit_id", nullable = false)
    private String auditId;

    @Column(name = "created_by", nullable = false)
    private String createdBy;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    protected WindowAudit() {
    }

    public WindowAudit(String id, String deploymentId, Instant start, Instant end, long rowCount, long labeledRows,
                       String contentKey, String datasetId, String auditId, String createdBy, Instant createdAt) {
        this.id = id;
        this.deploymentId = deploymentId;
        this.start = start;
        this.end = end;
        this.rowCount = rowCount;
        this.labeledRows = labeledRows;
        this.contentKey = contentKey;
        this.datasetId = datasetId;
        this.auditId = auditId;
        this.createdBy = createdBy;
        this.createdAt = createdAt;
    }

    public String id() {
        return id;
    }

    public String deploymentId() {
        return deploymentId;
    }

    public Instant start() {
        return start;
    }

    public Instant end() {
        return end;
    }

    public long rows() {
        return rowCount;
    }

    public long labeledRows() {
        return labeledRows;
    }

    /** Labeled rows over rows; 0 for an empty window. */
    public double labelCoverage() {
        return rowCount == 0 ? 0 : (double) labeledRows / rowCount;
    }

    public String contentKey() {
        return contentKey;
    }

    public String datasetId() {
        return datasetId;
    }

    public String auditId() {
        return auditId;
    }

    public Instant createdAt() {
        return createdAt;
    }
}
