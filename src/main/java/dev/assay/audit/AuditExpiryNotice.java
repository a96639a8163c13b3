package dev.assay.audit;

import dev.assay.alert.Event;
import dev.assay.alert.EventType;
import dev.assay.alert.ExpiryNotice;
import dev.assay.policy.Expiry;
import dev.assay.registry.ModelRegistry;
import dev.assay.registry.ModelVersion;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Tells alert receivers when the audit a version's gate rests on stops being valid soon ({@code audit.expiring}),
 * once per audit, {@code ASSAY_AUDIT_NOTICE} ahead (default P30D): when it expires, the gate answers FAIL "audit
 * expired" by itself (the gate reads the clock; this only warns ahead). An audit a newer one has replaced at the
 * gate, or a production window's audit, is not told: its expiry changes no gate. When the expiry has turned the gate
 * FAIL, {@code gate.changed} tells so (once, at the expiry's instant, cause "audit expired"), as an audit finishing or
 * a waiver decided does (GateChanges); a gate that was FAIL already did not change.
 */
@ApplicationScoped
public class AuditExpiryNotice implements ExpiryNotice {

    @Inject
    AuditRepository audits;

    @Inject
    ModelRegistry registry;

    @Inject
    GateService gates;

    @Override
    public String noticeVariable() {
        return "ASSAY_AUDIT_NOTICE";
    }

    @Override
    public List<Event> notices(Instant now, Instant until) {
        List<Event> notices = new ArrayList<>();
        for (AuditRepository.Expiring e : audits.expiringBetween(now, until)) {
            boolean atTheGate = audits.latestDone(e.modelVersionId()).map(a -> a.id().equals(e.auditId())).orElse(false);
            if (atTheGate) {
                ModelVersion v = registry.byId(e.modelVersionId());
                notices.add(Event.once(EventType.AUDIT_EXPIRING, e.auditId(), now, v.modelName() + "@" + v.version(),
                        Json.createObjectBuilder().add("model", v.modelName()).add("version", v.version())
                                .add("audit", e.auditId()).add("expiresAt", e.expiresAt().toString()).build()));
            }
        }
        return notices;
    }

    @Override
    public List<Event> expired(Instant since, Instant now) {
        List<Event> changes = new ArrayList<>();
        for (AuditRepository.Expiring e : audits.expiringBetween(since, now)) {
            ModelVersion v = registry.byId(e.modelVersionId());
            GateService.Gate gate = gates.of(v);
            if (gate.expired() && e.auditId().equals(gate.auditId()) && !gate.beforeExpiry().equals(gate.decision())) {
                changes.add(Event.once(EventType.GATE_CHANGED, e.auditId() + ":expired", e.expiresAt(),
                        v.modelName() + "@" + v.version(),
                        GateChanges.details(v, gate.beforeExpiry(), gate.decision(), e.auditId(), Expiry.REASON)));
            }
        }
        return changes;
    }
}
