package dev.assay.metric;

import dev.assay.metric.scan.ScanEngine;

import java.sql.SQLException;
import java.util.List;

/**
 * A metric family's one registration point: the metrics it defines and the scans they need. The engine
 * collects families (metric/engine), gives each the needs it serves, runs its scans through the
 * {@link ScanEngine} it is handed, and computes the family's metrics from the states the scans return.
 */
public interface Family {

    /** The family's metrics, each with a fixed id no other family uses. */
    List<MetricDefinition> metrics();

    /** Whether this family's scans serve {@code need}: by default, the needs of its own metrics. */
    default boolean serves(Need need) {
        return metrics().contains(need.definition());
    }

    /**
     * Runs the family's scans for {@code needs} (those it serves; possibly none, then usually nothing
     * runs) and returns the states they produced.
     *
     * @param before the states of the families that scanned before this one (drift's frequencies, ...)
     * @throws SQLException when the engine fails to run a scan
     */
    States scan(ScanEngine engine, AuditData data, List<Need> needs, States before) throws SQLException;
}
