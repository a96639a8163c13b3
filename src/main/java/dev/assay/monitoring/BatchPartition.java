package dev.assay.monitoring;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** The rows one prediction batch holds in one window: one Parquet file. Written with its batch; never changed. */
@Entity
@Table(name = "monitoring_partition")
public class BatchPartition {

    @Id
    private String id;

    @Column(name = "batch_key", nullable = false)
    private String batchKey;

    @Column(name = "deployment_id", nullable = false)
    private String deploymentId;

    @Column(name = "window_start", nullable = false)
    private Instant windowStart;

    @Column(name = "row_count", nullable = false)
    private long rowCount;

    protected BatchPartition() {
    }

    public BatchPartition(String batchKey, String deploymentId, Instant windowStart, long rowCount) {
        this.id = batchKey + "-" + windowStart.toEpochMilli();
        this.batchKey = batchKey;
        this.deploymentId = deploymentId;
        this.windowStart = windowStart;
        this.rowCount = rowCount;
    }

    public String batchKey() {
        return batchKey;
    }

    public String deploymentId() {
        return deploymentId;
    }

    public Instant windowStart() {
        return windowStart;
    }

    public long rows() {
        return rowCount;
    }
}
