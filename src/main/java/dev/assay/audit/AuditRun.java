package dev.assay.audit;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/**
 * The job row of an audit. Its inputs are fixed at creation; only the status, its timestamps and the
 * claim of the server running it move as the job runs. The outcome is the insert-only {@link AuditResult}.
 */
@Entity
@Table(name = "audit_run")
public class AuditRun {

    public enum Status {
        QUEUED, RUNNING, DONE, ERROR
    }

    @Id
    private String id;

    @Column(name = "model_version_id", nullable = false)
    private String modelVersionId;

    @Column(name = "dataset_id", nullable = false)
    private String datasetId;

    @Column(name = "baseline_id")
    private String baselineId;

    @Column(name = "request_json", nullable = false, columnDefinition = "text")
    private String requestJson;

    @Column(name = "inputs_sha256", nullable = false)
    private String inputsSha256;

    @Column(nullable = false)
    private String status;

    @Column
    private String error;

    @Column(name = "created_by", nullable = false)
    private String createdBy;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "started_at")
    private Instant startedAt;

    @Column(name = "finished_at")
    private Instant finishedAt;

    /** The server running it (see {@link AuditWorker}); null while queued. */
    @Column(name = "claimed_by")
    private String claimedBy;

    /** Until when that server's claim holds unless renewed; past it, another server may claim the run. */
    @Column(name = "lease_until")
    private Instant leaseUntil;

    /** How many times a server has claimed it. */
    @Column(nullable = false)
    private int attempts;

    protected AuditRun() {
    }

    public AuditRun(String id, String modelVersionId, String datasetId, String baselineId, String requestJson,
                    String inputsSha256, String createdBy, Instant createdAt) {
        this.id = id;
        this.modelVersionId = modelVersionId;
        this.datasetId = datasetId;
        this.baselineId = baselineId;
        this.requestJson = requestJson;
        this.inputsSha256 = inputsSha256;
        this.status = Status.QUEUED.name();
        this.createdBy = createdBy;
        this.createdAt = createdAt;
    }

    /** Claimed by {@code server} until {@code until}: running there, once more. */
    void claimed(String server, Instant at, Instant until) {
        status = Status.RUNNING.name();
        if (startedAt == null) {
            startedAt = at;
        }
        claimedBy = server;
        leaseUntil = until;
        attempts++;
    }

    /** Given back to the queue unrun (the server could not start it after all). */
    void unclaimed() {
        status = Status.QUEUED.name();
        claimedBy = null;
        leaseUntil = null;
        attempts = Math.max(0, attempts - 1);
    }

    void finished(Instant at) {
        status = Status.DONE.name();
        finishedAt = at;
    }

    void failed(Instant at, String why) {
        status = Status.ERROR.name();
        finishedAt = at;
        error = why.length() > 2000 ? why.substring(0, 2000) : why;
    }

    public String id() {
        return id;
    }

    public String modelVersionId() {
        return modelVersionId;
    }

    public String datasetId() {
        return datasetId;
    }

    public String baselineId() {
        return baselineId;
    }

    public String requestJson() {
        return requestJson;
    }

    public String inputsSha256() {
        return inputsSha256;
    }

    /** Whether the run has ended, done or failed: nothing about it moves any more. */
    public boolean ended() {
        return status() == Status.DONE || status() == Status.ERROR;
    }

    public Status status() {
        return Status.valueOf(status);
    }

    public String error() {
        return error;
    }

    public String createdBy() {
        return createdBy;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant startedAt() {
        return startedAt;
    }

    public Instant finishedAt() {
        return finishedAt;
    }

    public String claimedBy() {
        return claimedBy;
    }

    public Instant leaseUntil() {
        return leaseUntil;
    }

    public int attempts() {
        return attempts;
    }
}
