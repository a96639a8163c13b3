package dev.assay.monitoring;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Deployments, batches, their partitions, window audits, and the closer's lease. */
public interface MonitoringRepository {

    Optional<Deployment> deployment(String id);

    /** A model's deployments, newest first. */
    List<Deployment> deploymentsOf(String modelName);

    /** The deployments of a model in an environment that still serve, locked until the transaction ends. */
    List<Deployment> activeLocked(String modelName, String environment);

    /** Every deployment that still serves. */
    List<Deployment> active();

    void add(Deployment deployment);

    Optional<MonitoringBatch> batch(String key);

    /**
     * Inserts a batch and its partitions and flushes: a second insert of the same batch waits for the
     * first's transaction and then fails on the primary key.
     */
    void add(MonitoringBatch batch, List<BatchPartition> partitions);

    /** A deployment's committed batches of one kind, oldest first. */
    List<MonitoringBatch> batches(String deploymentId, MonitoringBatch.Kind kind);

    /** Every committed batch key: files not named by one are left over from an interrupted post. */
    Set<String> batchKeys();

    /** A deployment's partitions, by window start then batch. */
    List<BatchPartition> partitions(String deploymentId);

    void add(WindowAudit window);

    /** A deployment's window audits, by window start, then oldest audit first. */
    List<WindowAudit> windows(String deploymentId);

    /**
     * Takes or renews the lease {@code name} for {@code holder} until {@code until} when it is free (expired)
     * or already {@code holder}'s; one conditional update, so two servers cannot both succeed.
     */
    boolean lease(String name, String holder, Instant now, Instant until);
}
