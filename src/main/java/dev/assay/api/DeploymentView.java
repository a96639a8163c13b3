package dev.assay.api;

import dev.assay.monitoring.Deployment;
import dev.assay.monitoring.MonitoringSettings;
import dev.assay.monitoring.WindowService;
import jakarta.json.bind.annotation.JsonbNillable;
import jakarta.json.bind.annotation.JsonbPropertyOrder;

import java.time.Instant;
import java.util.List;

/**
 * A deployment (API.md): which version served where, from when until when ({@code until} is {@code null}
 * while it serves), its health, the gate it was deployed on and how it is monitored; {@code windows} (its
 * latest closed windows, newest first) only when one deployment is asked for.
 */
@JsonbPropertyOrder({"id", "model", "version", "environment", "since", "until", "health", "gate", "monitoring", "windows"})
public record DeploymentView(String id, String model, String version, String environment, Instant since,
                             @JsonbNillable Instant until, String health, Gate gate, Monitoring monitoring,
                             List<WindowView> windows) {

    /** The gate the version had when it was deployed, and its audit. */
    @JsonbPropertyOrder({"decision", "audit"})
    public record Gate(String decision, @JsonbNillable String audit) {
    }

    /** How windows are cut and audited. */
    @JsonbPropertyOrder({"policies", "window", "reference", "minimumLabelCoverage"})
    public record Monitoring(List<String> policies, String window, String reference, Double minimumLabelCoverage) {
    }

    static DeploymentView of(Deployment d, String version, String health, List<WindowService.Window> windows) {
        MonitoringSettings m = d.monitoring();
        return new DeploymentView(d.id(), d.modelName(), version, d.environment(), d.since(), d.until(), health,
                new Gate(d.gateDecision(), d.gateAuditId()),
                new Monitoring(m.policies(), MonitoringSettings.text(m.window()), d.referenceId(), m.minimumLabelCoverage()),
                windows == null ? null : windows.stream().map(WindowView::of).toList());
    }
}
