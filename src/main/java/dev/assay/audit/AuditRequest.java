package dev.assay.audit;

import dev.assay.metric.MetricParameters;
import dev.assay.report.Rounding;

import java.util.List;

/**
 * What a client asks for: policy ids, the dataset (default: latest evaluation), baseline, extra
 * metrics, their parameters, and optionally how reported values are rounded (null: exact only).
 */
public record AuditRequest(List<String> policies, String dataset, String baseline, List<String> metrics,
                           MetricParameters parameters, Rounding rounding) {

    public AuditRequest(List<String> policies, String dataset, String baseline, List<String> metrics) {
        this(policies, dataset, baseline, metrics, MetricParameters.DEFAULTS, null);
    }

    public AuditRequest {
        policies = policies == null ? List.of() : List.copyOf(policies);
        metrics = metrics == null ? List.of() : List.copyOf(metrics);
    }
}
