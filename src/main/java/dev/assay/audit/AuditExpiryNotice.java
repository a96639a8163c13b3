package dev.assay.audit;

import dev.assay.alert.Event;
import dev.assay.alert.EventType;
import dev.assay.alert.ExpiryNotice;
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
 * gate, or a production window's audit, is not told: its expiry changes no gate.
 */
@ApplicationScoped
public class AuditExpiryNotice implements ExpiryNotice {

    @Inject
    AuditRepository audits;

    @Inject
    ModelRegistry registry;

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
}
