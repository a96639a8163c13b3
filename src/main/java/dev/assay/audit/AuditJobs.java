package dev.assay.audit;

import dev.assay.infrastructure.Clocks;
import dev.assay.ledger.Ledger;
import dev.assay.registry.ModelRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.json.Json;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.Instant;

/** The transactional steps of an audit job, each its own transaction. */
@ApplicationScoped
public class AuditJobs {

    @Inject
    AuditRepository audits;

    @Inject
    Ledger ledger;

    @Inject
    GateChanges gateChanges;

    @Inject
    Event<AuditCompleted> completed;

    @Inject
    ModelRegistry registry;

    Clock clock = Clocks.UTC_MICROS;

    @Transactional
    public AuditRun create(AuditRun run) {
        audits.add(run);
        ledger.append("audit.requested", run.id(), run.createdBy(), Json.createObjectBuilder()
                .add("modelVersion", run.modelVersionId()).add("inputs", run.inputsSha256()).build());
        return run;
    }

    @Transactional
    public AuditRun markRunning(String id) {
        AuditRun run = audits.find(id).orElseThrow();
        run.started(clock.instant());
        return run;
    }

    /**
     * Writes the result and ends the run in one transaction, with its ledger entry and, when the version's
     * gate moved, the gate.changed event: either all are committed or none.
     */
    @Transactional
    public void complete(String id, AuditResult result, Instant finishedAt) {
        AuditRun run = audits.find(id).orElseThrow();
        if (audits.result(id).isPresent()) {
            return;
        }
        gateChanges.around(registry.byId(run.modelVersionId()), "audit " + id, () -> {
            audits.addResult(result);
            run.finished(finishedAt);
            return run;
        });
        completed.fire(new AuditCompleted(id, run.modelVersionId(), result.verdict(), PinnedInputs.parse(run.requestJson())));
        ledger.append("audit.completed", id, "assay-system", Json.createObjectBuilder()
                .add("decision", result.verdict().name())
                .add("reasons", Json.createArrayBuilder(result.reasons()))
                .add("reportSha256", result.reportSha256())
                .add("keyId", result.keyId()).build());
    }

    @Transactional
    public void fail(String id, String why) {
        audits.find(id).filter(run -> run.status() != AuditRun.Status.DONE).ifPresent(run -> {
            run.failed(clock.instant(), why);
            ledger.append("audit.failed", id, "assay-system", Json.createObjectBuilder().add("error", run.error()).build());
        });
    }
}
