package dev.assay.audit;

import java.util.List;

/**
 * What a client asks for: policy ids, the dataset (default: latest evaluation), baseline, extra
 * metrics, their parameters, and optionally how reported values are rounded (null: exact only).
 */
public record AuditRequest(List<String> policies, String dataset, String baseline, List<String> metrics,
                           dev.assay.metric.MetricParameters parameters, dev.assay.report.Rounding rounding) {

    public AuditRequest(List<String> policies, String dataset, String baseline, List<String> metrics) {
        this(policies, dataset, baseline, metrics, dev.assay.metric.MetricParameters.DEFAULTS, null);
    }

    public AuditRequest {
        policies = policies == null ? List.of() : List.copyOf(policies);
        metrics = metrics == null ? List.of() : List.copyOf(metrics);
    }
}
