package dev.assay.policy;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * When an audit stops being valid: the earliest expiry among the rules it judged, each rule valid for its own
 * {@code validFor}, else its pack's (a rule with neither never expires). Only rules with findings count: a rule
 * that did not apply to the model (its {@code when}) gave no evidence that could grow old.
 *
 * @param at       the instant from which the audit is expired (completion + validity)
 * @param validFor the validity that sets it, as its pack wrote it
 * @param policy   the pack of the rule that sets it
 * @param rule     the rule that sets it
 */
public record Expiry(Instant at, String validFor, String policy, String rule) {

    /** What the gate answers, as its one reason, for an audit past its expiry. */
    public static final String REASON = "audit expired";

    public Expiry {
        Objects.requireNonNull(at);
        Objects.requireNonNull(validFor);
    }

    /**
     * The expiry of an audit completed at {@code completedAt} that judged {@code findings} by {@code policies};
     * empty when none of the rules judged states a validity. Of equal expiries, the first rule in pack order sets it.
     */
    public static Optional<Expiry> of(List<Policy> policies, List<Finding> findings, Instant completedAt) {
        return policies.stream().flatMap(p -> p.rules().stream()
                        .filter(r -> r.validity(p) != null)
                        .filter(r -> findings.stream().anyMatch(f -> f.policy().equals(p.id()) && f.rule().equals(r.id())))
                        .map(r -> new Expiry(r.validity(p).expiry(completedAt), r.validity(p).text(), p.id(), r.id())))
                .min(Comparator.comparing(Expiry::at));
    }

    /** Whether the audit is expired at {@code now}: from {@link #at} on, as a waiver is from its {@code expiresAt}. */
    public boolean reached(Instant now) {
        return passed(at, now);
    }

    /** Whether something that expires at {@code expiresAt} is expired at {@code now}: from that instant on. */
    public static boolean passed(Instant expiresAt, Instant now) {
        return !now.isBefore(expiresAt);
    }
}
