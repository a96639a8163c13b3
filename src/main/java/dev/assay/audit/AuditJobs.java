package dev.assay.audit;

import dev.assay.infrastructure.FaultPoints;
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
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The transactional steps of an audit job, each its own transaction. A run is ended (done or failed) only by the
 * server whose claim it holds, checked under the run's row lock: a server that lost its claim (it stalled past
 * its lease and another server took the run over) ends nothing, so every audit ends once, with one ledger entry.
 */
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

    @Inject
    AuditQueue queue;

    Clock clock = Clocks.UTC_MICROS;

    /**
     * Creates the run, unless a {@code reusable} run of the same inputs exists: then that one. The version's row is
     * locked first, so the same inputs asked of two servers at once make one audit.
     */
    @Transactional
    public AuditRun create(AuditRun run, Predicate<AuditRun> reusable) {
        queue.lockVersion(run.modelVersionId());
        Optional<AuditRun> same = audits.byInputs(run.inputsSha256()).filter(reusable);
        if (same.isPresent()) {
            return same.get();
        }
        audits.add(run);
        ledger.append("audit.requested", run.id(), run.createdBy(), Json.createObjectBuilder()
                .add("modelVersion", run.modelVersionId()).add("inputs", run.inputsSha256()).build());
        FaultPoints.at("audit.requesting");
        return run;
    }

    /**
     * Claims for {@code server}, until {@code until}, the oldest run no server holds. A run already claimed
     * {@code maxAttempts} times (each of its servers stopped while running it: it may be what stops them) is
     * failed instead, with its ledger entry, and the next one is looked at.
     */
    @Transactional
    public Optional<AuditRun> claim(String server, Instant now, Instant until, int maxAttempts) {
        while (true) {
            Optional<AuditRun> next = queue.nextClaimable(now);
            if (next.isEmpty() || next.get().attempts() < maxAttempts) {
                next.ifPresent(run -> run.claimed(server, now, until));
                return next;
            }
            AuditRun abandoned = next.get();
            abandoned.failed(now, "abandoned after " + abandoned.attempts() + " attempts: every server running it stopped"
                    + " before it ended (the last was " + abandoned.claimedBy() + ")");
            ledger.append("audit.failed", abandoned.id(), "assay-system",
                    Json.createObjectBuilder().add("error", abandoned.error()).build());
        }
    }

    /** Gives a claimed run back to the queue unrun (this server could not start it). */
    @Transactional
    public void unclaim(String id, String server) {
        queue.locked(id).filter(run -> held(run, server)).ifPresent(AuditRun::unclaimed);
    }

    private static boolean held(AuditRun run, String server) {
        return run.status() == AuditRun.Status.RUNNING && server.equals(run.claimedBy());
    }

    /**
     * Writes the result and ends the run in one transaction, with its ledger entry and, when the version's
     * gate moved, the gate.changed event: either all are committed or none. False (and nothing written) when
     * {@code server} no longer holds the run's claim.
     */
    @Transactional
    public boolean complete(String id, String server, AuditResult result, Instant finishedAt) {
        AuditRun run = queue.locked(id).orElseThrow();
        if (!held(run, server) || audits.result(id).isPresent()) {
            return false;
        }
        // One version's audits finish one at a time across servers: each gate change is judged against the last.
        queue.lockVersion(run.modelVersionId());
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
        FaultPoints.at("audit.completing");
        return true;
    }

    /** Fails the run, with its ledger entry, if {@code server} still holds its claim. */
    @Transactional
    public void fail(String id, String server, String why) {
        queue.locked(id).filter(run -> held(run, server)).ifPresent(run -> {
            run.failed(clock.instant(), why);
            ledger.append("audit.failed", id, "assay-system", Json.createObjectBuilder().add("error", run.error()).build());
        });
    }
}
