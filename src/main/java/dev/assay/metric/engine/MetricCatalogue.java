package dev.assay.metric.engine;

import dev.assay.metric.Family;
import dev.assay.metric.MetricDefinition;
import dev.assay.metric.counts.CountsFamily;
import dev.assay.metric.documentation.DocumentationFamily;
import dev.assay.metric.drift.DriftFamily;
import dev.assay.metric.fairness.FairnessFamily;
import dev.assay.metric.performance.PerformanceFamily;
import dev.assay.metric.privacy.PrivacyFamily;
import dev.assay.metric.quality.QualityFamily;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Every metric Assay computes, by its fixed id, collected from the families' registration points:
 * adding a family is a folder and one line here. Ids are unique across families (checked when the class
 * loads: a clash is a programming error).
 */
public final class MetricCatalogue {

    /**
     * The families, in the order their scans run: the counts first (every scope's groups, which the ranks
     * complete), drift before quality (its grouped scan counts the values quality would count again).
     */
    static final List<Family> FAMILIES = List.of(new CountsFamily(), new FairnessFamily(), new PerformanceFamily(),
            new DriftFamily(), new QualityFamily(), new PrivacyFamily(), new DocumentationFamily());

    private static final Map<String, MetricDefinition> METRICS = collect();

    private MetricCatalogue() {
    }

    private static Map<String, MetricDefinition> collect() {
        Map<String, MetricDefinition> all = new LinkedHashMap<>();
        for (Family family : FAMILIES) {
            for (MetricDefinition d : family.metrics()) {
                if (all.putIfAbsent(d.id(), d) != null) {
                    throw new IllegalStateException("metric " + d.id() + " is registered twice");
                }
            }
        }
        return Collections.unmodifiableMap(all);
    }

    public static Optional<MetricDefinition> find(String id) {
        return Optional.ofNullable(METRICS.get(id));
    }

    public static Set<String> ids() {
        return METRICS.keySet();
    }

    /** The definition of a known metric; IllegalArgumentException ("unknown metric x") otherwise. */
    public static MetricDefinition get(String id) {
        return find(id).orElseThrow(() -> new IllegalArgumentException("unknown metric " + id));
    }
}
