package dev.assay.audit;

import dev.assay.infrastructure.Clocks;
import dev.assay.infrastructure.KeptValues;
import dev.assay.policy.Decision;
import dev.assay.policy.Expiry;
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
 * gate returns to FAIL by itself; so does an audit whose packs or rules say how long it stays valid
 * ({@code validFor}): from its expiry on, the gate is FAIL with the one reason {@value Expiry#REASON},
 * whatever the findings and waivers, until a new audit finishes. Both come from the clock when the gate is
 * read: no job has to run for the gate to change.
 *
 * <p>CI fleets ask for the gate on every build, so each version's gate is kept ({@link KeptValues}) and
 * read from the database only when something that can move it happened: every such change goes through
 * {@link GateChanges}, which announces it ({@link GateInputsChanged}) inside its transaction; a kept gate
 * also stops at the next waiver expiry and at its audit's expiry, and after {@link #KEPT_FOR} (the bound on seeing a change made
 * by another server on the same database).
 */
@ApplicationScoped
public class GateService {

    @Inject
    AuditRepository audits;

    @Inject
    WaiverService waivers;

    Clock clock = Clocks.UTC_MICROS;

    /**
     * NONE when no audit of the version has finished.
     *
     * @param expiresAt    when the audit stops being valid; null when it never does (or none has finished)
     * @param beforeExpiry the decision the findings and waivers give, expired or not: whether the version was approved
     */
    public record Gate(String decision, String auditId, List<String> reasons, List<WaiverService.View> waivers,
                       Set<String> failingRules, Instant expiresAt, String beforeExpiry) {

        /** A gate whose audit never expires. */
        public Gate(String decision, String auditId, List<String> reasons, List<WaiverService.View> waivers,
                    Set<String> failingRules) {
            this(decision, auditId, reasons, waivers, failingRules, null, decision);
        }

        /**
         * Whether the version counts as approved, the baseline later versions must not fall behind:
         * its gate passes, or its failures are all waived (the gate is WARN only thanks to waivers).
         * A plain WARN is neither accepted by the gate nor by an auditor, so it does not count. An approval
         * whose audit has since expired still counts: the evidence is too old to ship on, but it is still what
         * the model was last approved on, and later versions are compared with it.
         */
        public boolean approved() {
            return beforeExpiry.equals("PASS") || beforeExpiry.equals("WARN") && !failingRules.isEmpty();
        }

        /**
         * Whether the gate is FAIL because its audit expired (the one reason {@value Expiry#REASON}, which no rule id
         * can be: rule ids have no spaces).
         */
        public boolean expired() {
            return expiresAt != null && reasons.equals(List.of(Expiry.REASON));
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

    /**
     * The next instant the gate changes by the clock alone: the next waiver expiry, or its audit's expiry; null when
     * none is ahead.
     */
    private Instant changesAt(Gate gate) {
        Instant now = clock.instant();
        return java.util.stream.Stream.concat(gate.waivers().stream().map(w -> w.waiver().expiresAt()),
                        java.util.stream.Stream.of(gate.expiresAt()))
                .filter(t -> t != null && t.isAfter(now)).min(Instant::compareTo).orElse(null);
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
        Judged judged = judged(latest.get().id());
        Set<String> waived = new LinkedHashSet<>();
        all.stream().filter(w -> w.status() == WaiverStatus.APPROVED).forEach(w -> waived.add(w.waiver().rule()));
        Decision byRules = evaluate(judged.effects(), waived);
        Decision decision = evaluate(byRules, judged.expiry(), clock.instant());
        Set<String> failing = new LinkedHashSet<>();
        judged.effects().stream().filter(e -> e.effect() == Outcome.FAIL).forEach(e -> failing.add(e.rule()));
        return new Gate(decision.verdict().name(), latest.get().id(), decision.reasons(), all, failing,
                judged.expiry() == null ? null : judged.expiry().at(), byRules.verdict().name());
    }

    /** What a finished audit concluded, as the gate needs it: each rule's worst effect, and when it expires (or null). */
    record Judged(List<Decision.RuleEffect> effects, Expiry expiry) {
    }

    /**
     * The rule effects and expiry of a finished audit, read from its signed report once and then kept: a result is
     * written once and never changes, so the gate, which CI fleets ask for on every build, does not load
     * and parse a report of tens of kilobytes per call. At most {@link #KEPT_JUDGED} audits are kept, the
     * least recently asked for going first.
     */
    Judged judged(String auditId) {
        Judged kept = judged.get(auditId);
        if (kept != null) {
            return kept;
        }
        AuditResult result = audits.result(auditId).orElseThrow();
        ReportDocument report = ReportDocument.parse(result.reportJson());
        Judged read = new Judged(List.copyOf(report.ruleEffects()), report.expiry());
        judged.put(auditId, read);
        return read;
    }

    static final int KEPT_JUDGED = 10_000;

    private final Map<String, Judged> judged = Collections.synchronizedMap(
            new LinkedHashMap<>(256, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, Judged> eldest) {
                    return size() > KEPT_JUDGED;
                }
            });

    /** The decision from each rule's worst effect, a waived rule's failure counting as a warning. */
    public static Decision evaluate(List<Decision.RuleEffect> effects, Set<String> waivedRules) {
        return Decision.waived(effects, waivedRules);
    }

    /**
     * The decision at {@code now}: {@code byRules} while the audit is valid; from its expiry on (the instant
     * included), FAIL with the one reason {@value Expiry#REASON}. An audit without an expiry never expires.
     */
    public static Decision evaluate(Decision byRules, Expiry expiry, Instant now) {
        return expiry != null && expiry.reached(now) ? new Decision(Decision.Verdict.FAIL, List.of(Expiry.REASON)) : byRules;
    }
}
