package dev.assay.monitoring;

import dev.assay.infrastructure.Hashing;

import java.nio.charset.StandardCharsets;

/**
 * A batch's key: the SHA-256 (hex) of its deployment, kind and batch id. It is the batch row's primary key
 * and the name of its files, so a client's batch id never reaches a path or SQL text.
 */
public final class BatchKey {

    private BatchKey() {
    }

    public static String of(String deploymentId, MonitoringBatch.Kind kind, String batchId) {
        return Hashing.sha256Hex((deploymentId + "\n" + kind.id() + "\n" + batchId).getBytes(StandardCharsets.UTF_8));
    }
}
