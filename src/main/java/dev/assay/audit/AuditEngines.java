package dev.assay.audit;

import dev.assay.infrastructure.Analytics;
import dev.assay.infrastructure.AssayConfig;
import dev.assay.metric.engine.DuckDbEngine;
import dev.assay.metric.engine.SparkEngine;
import dev.assay.metric.engine.SparkRemote;
import dev.assay.metric.scan.ScanEngine;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.Optional;

/**
 * Which engine an audit's scans run on. Embedded DuckDB, always, unless {@code ASSAY_SPARK_REMOTE} names
 * a Spark Connect server and {@code ASSAY_SPARK_UPLOADS=true} sends the audits of uploaded datasets there
 * too: the cluster must then read the dataset store at the same path (this machine's cluster, or a
 * shared file system mounted alike). Without Spark configured nothing here touches a Spark class, and
 * Assay runs exactly as it did. Each audit on Spark opens a Connect session of its own and closes it
 * when its scans are done: a session the server dropped while idle (Spark Connect ends idle sessions)
 * is never reused, and an audit costs one session's start (a fraction of a second) besides its scans.
 */
@ApplicationScoped
public class AuditEngines {

    @Inject
    AssayConfig config;

    @Inject
    Analytics analytics;

    /** The Spark cluster Assay is configured with, if any. */
    public Optional<SparkRemote> spark() {
        return SparkRemote.fromEnvironment(config::env);
    }

    /** Where audits of uploaded datasets (in the dataset store) run: DuckDB, or Spark when configured for them. */
    public ScanEngine.Opener forUploads() {
        boolean uploads = config.env("ASSAY_SPARK_UPLOADS").map(Boolean::parseBoolean).orElse(false);
        Optional<SparkRemote> remote = spark();
        if (uploads && remote.isPresent()) {
            return () -> SparkEngine.connect(remote.get());
        }
        return () -> DuckDbEngine.open(analytics.duckDb());
    }
}
