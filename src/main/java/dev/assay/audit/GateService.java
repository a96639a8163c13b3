package dev.assay.audit;

import dev.assay.infrastructure.Clocks;
import dev.assay.infrastructure.KeptValues;
import dev.assay.policy.Decision;
import dev.assay.policy.Outcome;
import dev.assay.report.ReportDocument;
import dev.assay.registry.ModelVersion;
import dev.assay.waiver.WaiverService;
import dev.assay.waiver.WaiverStatus;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The gate of a model version: the decision of its latest finished audit, with approved, unexpired
 * waivers applied: a waived rule's failure counts as a warning. Waivers expire by the clock, so the
 * gate returns to FAIL by itself.
 *
 * <p>CI fleets ask for the gate on every build, so each version's gate is kept ({@link KeptValues}) and
 * read from the database only when something that can move it happened: every such change goes through
 * {@link GateChanges}, which announces it ({@link GateInputsChanged}) inside its transaction; a kept gate
 * also stops at the next waiver expiry, and after {@link #KEPT_FOR} (the bound on seeing a change made
 * by another server on the same database).
 */
@ApplicationScoped
public class GateService {

    @Inject
    AuditRepository audits;

    @Inject
    WaiverService waivers;

    Clock clock = Clocks.UTC_MICROS;

    /** NONE when no audit of the version has finished. */
    public record Gate(String decision, String auditId, List<String> reasons, List<WaiverService.View> waivers,
                       Set<String> failingRules) {

        /**
         * Whether the version counts as approved, the baseline later versions must not fall behind:
         * its gate passes, or its failures are all waived (the gate is WARN only thanks to waivers).
         * A plain WARN is neither accepted by the gate nor by an auditor, so it does not count.
         */
        public boolean approved() {
            return decision.equals("PASS") || decision.equals("WARN") && !failingRules.isEmpty();
        }

        public boolean meets(Decision.Verdict required) {
            if (decision.equals("NONE")) {
                return false;
            }
            return Decision.meets(Decision.Verdict.valueOf(decision), required);
        }
    }

    /** How long a gate is kept at most: the bound on seeing another server's change. */
    static final Duration KEPT_FOR = Duration.ofSeconds(1);

    private final KeptValues<String, Gate> kept = new KeptValues<>(10_000, KEPT_FOR, clock, this::changesAt);

    /** The gate of {@code version} now: always that of its latest audit, waivers and the clock. */
    public Gate of(ModelVersion version) {
        return kept.get(version.id(), id -> read(version));
    }

    /** The next instant the gate changes by the clock alone: the next waiver expiry; null when none is ahead. */
    private Instant changesAt(Gate gate) {
        Instant now = clock.instant();
        return gate.waivers().stream().map(w -> w.waiver().expiresAt()).filter(t -> t != null && t.isAfter(now))
                .min(Instant::compareTo).orElse(null);
    }

    void changing(@Observes GateInputsChanged change) {
        kept.changing(change.modelVersionId());
    }

    void changed(@Observes(during = TransactionPhase.AFTER_COMPLETION) GateInputsChanged change) {
        kept.changed(change.modelVersionId());
    }

    private Gate read(ModelVersion version) {
        Optional<AuditRun> latest = audits.latestDone(version.id());
        List<WaiverService.View> all = waivers.ofVersion(version.id());
        if (latest.isEmpty()) {
            return new Gate("NONE", null, List.of(), all, Set.of());
        }
        List<Decision.RuleEffect> effects = ruleEffects(latest.get().id());
        Set<String> waived = new LinkedHashSet<>();
        all.stream().filter(w -> w.status() == WaiverStatus.APPROVED).forEach(w -> waived.add(w.waiver().rule()));
        Decision decision = evaluate(effects, waived);
        Set<String> failing = new LinkedHashSet<>();
        effects.stream().filter(e -> e.effect() == Outcome.FAIL).forEach(e -> failing.add(e.rule()));
        return new Gate(decision.verdict().name(), latest.get().id(), decision.reasons(), all, failing);
    }

    /**
     * The rule effects of a finished audit, read from its signed report once and then kept: a result is
     * written once and never changes, so the gate, which CI fleets ask for on every build, does not load
     * and parse a report of tens of kilobytes per call. At most {@link #KEPT_EFFECTS} audits are kept, the
     * least recently asked for going first. Waivers and the latest audit are still read on every call, so
     * the gate is always that of the latest audit, waivers and clock.
     */
    List<Decision.RuleEffect> ruleEffects(String auditId) {
        List<Decision.RuleEffect> kept = effects.get(auditId);
        if (kept != null) {
            return kept;
        }
        AuditResult result = audits.result(auditId).orElseThrow();
        List<Decision.RuleEffect> read = List.copyOf(ReportDocument.parse(result.reportJson()).ruleEffects());
        effects.put(auditId, read);
        return read;
    }

    static final int KEPT_EFFECTS = 10_000;

    private final Map<String, List<Decision.RuleEffect>> effects = Collections.synchronizedMap(
            new LinkedHashMap<>(256, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, List<Decision.RuleEffect>> eldest) {
                    return size() > KEPT_EFFECTS;
                }
            });

    /** The decision from each rule's worst effect, a waived rule's failure counting as a warning. */
    public static Decision evaluate(List<Decision.RuleEffect> effects, Set<String> waivedRules) {
        return Decision.waived(effects, waivedRules);
    }
}
