package dev.assay.api;

import dev.assay.monitoring.Deployment;
import dev.assay.monitoring.MonitoringSettings;
import dev.assay.monitoring.SeriesAlarms;
import dev.assay.monitoring.WindowService;
import jakarta.json.bind.annotation.JsonbNillable;
import jakarta.json.bind.annotation.JsonbPropertyOrder;

import java.time.Instant;
import java.util.List;

/**
 * A deployment (API.md): which version served where, from when until when ({@code until} is {@code null}
 * while it serves), its health, the monitored values in alarm (their CUSUM alarmed at one of the latest windows:
 * monitoring's SeriesAlarms; empty when none), the gate it was deployed on and how it is monitored; {@code windows}
 * (its latest closed windows, newest first) only when one deployment is asked for.
 */
@JsonbPropertyOrder({"id", "model", "version", "environment", "since", "until", "health", "alarms", "gate", "monitoring",
        "windows"})
public record DeploymentView(String id, String model, String version, String environment, Instant since,
                             @JsonbNillable Instant until, String health, List<Alarm> alarms, Gate gate, Monitoring monitoring,
                             List<WindowView> windows) {

    /**
     * A value in alarm: the rule judging it, the value (metric, scope, group), the window audit whose evidence raised
     * the alarm, how many windows before the newest that was, and the CUSUM it reached.
     */
    @JsonbPropertyOrder({"policy", "rule", "metric", "scope", "group", "audit", "windowsAgo", "cusum"})
    public record Alarm(String policy, String rule, String metric, String scope, @JsonbNillable String group, String audit,
                        int windowsAgo, double cusum) {

        static Alarm of(SeriesAlarms.Alarm a) {
            return new Alarm(a.policy(), a.rule(), a.metric(), a.scope() == null ? "overall" : a.scope(), a.group(), a.audit(),
                    a.windowsAgo(), a.cusum());
        }
    }

    /** The gate the version had when it was deployed, and its audit. */
    @JsonbPropertyOrder({"decision", "audit"})
    public record Gate(String decision, @JsonbNillable String audit) {
    }

    /** How windows are cut and audited. */
    @JsonbPropertyOrder({"policies", "window", "reference", "minimumLabelCoverage"})
    public record Monitoring(List<String> policies, String window, String reference, Double minimumLabelCoverage) {
    }

    static DeploymentView of(Deployment d, String version, String health, List<SeriesAlarms.Alarm> alarms,
                             List<WindowService.Window> windows) {
        MonitoringSettings m = d.monitoring();
        return new DeploymentView(d.id(), d.modelName(), version, d.environment(), d.since(), d.until(), health,
                alarms.stream().map(Alarm::of).toList(),
                new Gate(d.gateDecision(), d.gateAuditId()),
                new Monitoring(m.policies(), MonitoringSettings.text(m.window()), d.referenceId(), m.minimumLabelCoverage()),
                windows == null ? null : windows.stream().map(WindowView::of).toList());
    }
}
