package dev.assay.api;

import dev.assay.waiver.WaiverService;
import jakarta.json.bind.annotation.JsonbPropertyOrder;

import java.time.Instant;
import java.util.Locale;

/** A waiver with where it stands; {@code decision} only once an auditor has decided. */
@JsonbPropertyOrder({"id", "rule", "status", "justification", "requestedBy", "requestedAt", "expiresAt", "decision"})
public record WaiverView(String id, String rule, String status, String justification, String requestedBy,
                         Instant requestedAt, Instant expiresAt, Decision decision) {

    /** Who decided, how, when, and why. */
    @JsonbPropertyOrder({"outcome", "by", "comment", "at"})
    public record Decision(String outcome, String by, String comment, Instant at) {
    }

    static WaiverView of(WaiverService.View v) {
        var w = v.waiver();
        var d = v.decision();
        return new WaiverView(w.id(), w.rule(), v.status().id(), w.justification(), w.requestedBy(), w.requestedAt(),
                w.expiresAt(), d == null ? null
                : new Decision(d.outcome().name().toLowerCase(Locale.ROOT), d.decidedBy(), d.comment(), d.decidedAt()));
    }
}
