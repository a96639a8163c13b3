package dev.assay.monitoring;

import dev.assay.alert.Alerts;
import dev.assay.alert.Event;
import dev.assay.alert.EventType;
import dev.assay.audit.AuditCompleted;
import dev.assay.audit.AuditService;
import dev.assay.audit.PinnedInputs;
import dev.assay.infrastructure.Clocks;
import dev.assay.infrastructure.Hashing;
import dev.assay.policy.Decision;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonValue;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * The alerts of monitoring, told when a window's audit is written and in its transaction:
 * {@code window.failed} when the window's decision is FAIL, {@code monitoring.alarm} for each monitored value
 * whose CUSUM this window's evidence made alarm ({@link SeriesAlarms}: a persistent change at a known
 * false-alarm rate, the retraining trigger), {@code deployment.health} when the deployment's {@link Health}
 * moved with it. Each event's id is derived from the audit, so it is told
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
        List<SeriesAlarms.Alarm> alarms = windows.alarms(d.id(), null);
        Health after = windows.health(d, decisions(latest, null), !alarms.isEmpty());
        Health before = windows.health(d, decisions(latest, done.auditId()), !windows.alarms(d.id(), done.auditId()).isEmpty());
        var about = Json.createObjectBuilder().add("model", d.modelName()).add("version", version)
                .add("environment", d.environment());
        if (done.verdict() == Decision.Verdict.FAIL) {
            alerts.publish(new Event("window.failed:" + done.auditId(), EventType.WINDOW_FAILED, clock.instant(), d.id(),
                    about.add("windowStart", window.start().toString()).add("windowEnd", window.end().toString())
                            .add("rows", window.rows()).add("labelCoverage", window.labelCoverage())
                            .add("audit", done.auditId()).build()));
        }
        // The alarms this audit's evidence raised (a late re-audit of an older window can raise one there too).
        for (SeriesAlarms.Alarm a : alarms) {
            if (a.audit().equals(done.auditId())) {
                alerts.publish(new Event("monitoring.alarm:" + done.auditId() + ":" + Hashing.sha256Hex(a.key()).substring(0, 16),
                        EventType.MONITORING_ALARM, clock.instant(), d.id(), Json.createObjectBuilder().add("model", d.modelName())
                        .add("version", version).add("environment", d.environment()).add("policy", a.policy()).add("rule", a.rule())
                        .add("metric", a.metric()).add("scope", a.scope() == null ? "overall" : a.scope())
                        .add("group", a.group() == null ? JsonValue.NULL : Json.createValue(a.group()))
                        .add("cusum", a.cusum()).add("windowStart", window.start().toString())
                        .add("windowEnd", window.end().toString()).add("audit", done.auditId())
                        .add("falseAlarmEveryWindows", Math.round(FalseAlarms.IN_CONTROL_RUN_LENGTH)).build()));
            }
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
