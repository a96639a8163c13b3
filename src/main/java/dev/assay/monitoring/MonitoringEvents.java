package dev.assay.monitoring;

import dev.assay.alert.Alerts;
import dev.assay.alert.Event;
import dev.assay.alert.EventType;
import dev.assay.audit.AuditCompleted;
import dev.assay.audit.AuditService;
import dev.assay.audit.PinnedInputs;
import dev.assay.infrastructure.Clocks;
import dev.assay.policy.Decision;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.json.Json;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * The alerts of monitoring, told when a window's audit is written and in its transaction:
 * {@code window.failed} when the window's decision is FAIL, {@code deployment.health} when the
 * deployment's {@link Health} moved with it. Each event's id is derived from the audit, so it is told
 * once whatever happens after.
 */
@ApplicationScoped
public class MonitoringEvents {

    @Inject
    WindowService windows;

    @Inject
    DeploymentService deployments;

    @Inject
    AuditService audits;

    @Inject
    Alerts alerts;

    Clock clock = Clocks.UTC_MICROS;

    void onAudit(@Observes AuditCompleted done) {
        PinnedInputs.Window window = done.inputs().window();
        if (window == null) {
            return;
        }
        Deployment d = deployments.get(window.deployment());
        String version = deployments.version(d).version();
        List<WindowService.Window> latest = windows.latest(d.id(), Health.RECENT * 2);
        Health after = windows.health(d, decisions(latest, null));
        Health before = windows.health(d, decisions(latest, done.auditId()));
        var about = Json.createObjectBuilder().add("model", d.modelName()).add("version", version)
                .add("environment", d.environment());
        if (done.verdict() == Decision.Verdict.FAIL) {
            alerts.publish(new Event("window.failed:" + done.auditId(), EventType.WINDOW_FAILED, clock.instant(), d.id(),
                    about.add("windowStart", window.start().toString()).add("windowEnd", window.end().toString())
                            .add("rows", window.rows()).add("labelCoverage", window.labelCoverage())
                            .add("audit", done.auditId()).build()));
        }
        if (before != after) {
            alerts.publish(new Event("deployment.health:" + done.auditId(), EventType.DEPLOYMENT_HEALTH, clock.instant(), d.id(),
                    Json.createObjectBuilder().add("model", d.modelName()).add("version", version)
                            .add("environment", d.environment()).add("before", before.id()).add("after", after.id())
                            .add("audit", done.auditId()).build()));
        }
    }

    /**
     * The windows' decisions, newest first; with {@code without}, as they were before that audit was written:
     * its window's decision is its earlier audit's (none for a first audit).
     */
    private List<Health.Window> decisions(List<WindowService.Window> latest, String without) {
        List<Health.Window> out = new ArrayList<>();
        for (WindowService.Window w : latest) {
            String audit = w.audit();
            if (audit.equals(without)) {
                audit = w.earlierAudits().isEmpty() ? null : w.earlierAudits().get(w.earlierAudits().size() - 1);
            }
            out.add(new Health.Window(audit == null ? null : audits.verdict(audit).orElse(null), w.labelCoverage()));
        }
        return out;
    }
}
