package dev.assay.waiver;

import dev.assay.infrastructure.FaultPoints;
import dev.assay.failure.FieldError;
import dev.assay.failure.Conflict;
import dev.assay.failure.InvalidInput;
import dev.assay.failure.NotFound;
import dev.assay.failure.NotPermitted;
import dev.assay.infrastructure.Clocks;
import dev.assay.registry.ModelVersion;
import dev.assay.security.Caller;
import dev.assay.ledger.Ledger;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.Json;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;

/** Requests and four-eyes decisions of waivers. */
@ApplicationScoped
public class WaiverService {

    /** A waiver is an exception, not a new normal: at most this long. */
    public static final Duration MAX_DURATION = Duration.ofDays(90);

    @Inject
    WaiverRepository waivers;

    @Inject
    Ledger ledger;

    Clock clock = Clocks.UTC_MICROS;

    /** A waiver with its decision, if any, and its status now. */
    public record View(Waiver waiver, WaiverDecision decision, WaiverStatus status) {
    }

    /**
     * Requests a waiver of one rule that fails the version's gate. {@code failingRules} are the rules
     * whose failure makes the version's latest decision FAIL.
     */
    @Transactional
    public View request(ModelVersion version, String rule, String justification, Instant expiresAt, Set<String> failingRules,
                        Caller caller) {
        Instant now = clock.instant();
        List<FieldError> errors = problems(rule, justification, expiresAt, failingRules, now);
        if (!errors.isEmpty()) {
            throw new InvalidInput("The waiver request has " + errors.size() + " problem(s)", errors);
        }
        Waiver w = new Waiver(UUID.randomUUID().toString(), version.id(), rule, justification.strip(), expiresAt,
                caller.name(), caller.actor(), now);
        waivers.add(w);
        ledger.append("waiver.requested", w.id(), caller.actor(), Json.createObjectBuilder()
                .add("modelVersion", version.id()).add("rule", rule).add("justification", w.justification())
                .add("expiresAt", expiresAt.toString()).build());
        FaultPoints.at("waiver.requesting");
        return new View(w, null, WaiverStatus.of(w, null, now));
    }

    /**
     * What makes a waiver request unacceptable at {@code now}, each by its pointer: no rule, or one
     * that does not fail; a justification that says nothing; an expiry not in the next 90 days.
     */
    public static List<FieldError> problems(String rule, String justification, Instant expiresAt, Set<String> failingRules,
                                            Instant now) {
        List<FieldError> errors = new ArrayList<>();
        if (rule == null || rule.isBlank()) {
            errors.add(FieldError.at("/rule", "is required"));
        } else if (!failingRules.contains(rule)) {
            errors.add(FieldError.at("/rule", "rule '" + rule + "' does not fail this version's latest audit; failing: "
                    + (failingRules.isEmpty() ? "none" : String.join(", ", failingRules))));
        }
        if (justification == null || justification.strip().length() < 20) {
            errors.add(FieldError.at("/justification", "is required: at least 20 characters saying why the failure is acceptable"));
        } else if (justification.length() > 4000) {
            errors.add(FieldError.at("/justification", "must be at most 4000 characters"));
        }
        if (expiresAt == null) {
            errors.add(FieldError.at("/expiresAt", "is required"));
        } else if (!expiresAt.isAfter(now)) {
            errors.add(FieldError.at("/expiresAt", "must be in the future"));
        } else if (expiresAt.isAfter(now.plus(MAX_DURATION))) {
            errors.add(FieldError.at("/expiresAt", "must be at most 90 days from now"));
        }
        return errors;
    }

    @Transactional
    public View decide(String id, WaiverDecision.Ruling outcome, String comment, Caller caller) {
        Waiver w = waivers.find(id).orElseThrow(() -> new NotFound("No waiver " + id));
        // People, not tokens: asking through one token and deciding through another is still one person.
        if (w.requester().equals(caller.name())) {
            throw new NotPermitted("Four eyes: a waiver is approved or rejected by someone other than its requester ("
                    + w.requester() + ")");
        }
        Instant now = clock.instant();
        WaiverStatus status = WaiverStatus.of(w, waivers.decision(id).orElse(null), now);
        if (status != WaiverStatus.PENDING) {
            throw new Conflict("Waiver " + id + " is " + status.id() + "; only a pending waiver can be decided");
        }
        if (comment == null || comment.isBlank() || comment.length() > 4000) {
            throw new InvalidInput("A decision needs a comment", List.of(FieldError.at("/comment", "is required (1-4000 characters)")));
        }
        WaiverDecision d = new WaiverDecision(id, outcome, caller.actor(), comment.strip(), now);
        waivers.decide(d);
        ledger.append("waiver." + outcome.name().toLowerCase(Locale.ROOT), id, caller.actor(),
                Json.createObjectBuilder().add("rule", w.rule()).add("comment", d.comment()).build());
        FaultPoints.at("waiver.deciding");
        return new View(w, d, WaiverStatus.of(w, d, now));
    }

    public View get(String id) {
        Waiver w = waivers.find(id).orElseThrow(() -> new NotFound("No waiver " + id));
        WaiverDecision d = waivers.decision(id).orElse(null);
        return new View(w, d, WaiverStatus.of(w, d, clock.instant()));
    }

    public List<View> ofVersion(String modelVersionId) {
        Instant now = clock.instant();
        return waivers.ofVersion(modelVersionId).stream().map(w -> {
            WaiverDecision d = waivers.decision(w.id()).orElse(null);
            return new View(w, d, WaiverStatus.of(w, d, now));
        }).toList();
    }
}
