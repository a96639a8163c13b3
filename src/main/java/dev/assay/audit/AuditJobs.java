package dev.assay.audit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.time.Clock;

/** The transactional steps of an audit job, each its own transaction. */
@ApplicationScoped
public class AuditJobs {

    @Inject
    AuditRepository audits;

    Clock clock = dev.assay.infrastructure.Clocks.UTC_MICROS;

    @Transactional
    public AuditRun create(AuditRun run) {
        audits.add(run);
        return run;
    }

    @Transactional
    public AuditRun markRunning(String id) {
        AuditRun run = audits.find(id).orElseThrow();
        run.started(clock.instant());
        return run;
    }

    /** Writes the result and ends the run in one transaction: either both are committed or neither. */
    @Transactional
    public void complete(String id, AuditResult result, java.time.Instant finishedAt) {
        AuditRun run = audits.find(id).orElseThrow();
        if (audits.result(id).isPresent()) {
            return;
        }
        audits.addResult(result);
        run.finished(finishedAt);
    }

    @Transactional
    public void fail(String id, String why) {
        audits.find(id).filter(run -> run.status() != AuditRun.Status.DONE)
                .ifPresent(run -> run.failed(clock.instant(), why));
    }
}
