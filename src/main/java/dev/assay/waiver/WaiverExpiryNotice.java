package dev.assay.waiver;

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
 * Tells alert receivers of approved waivers that expire soon ({@code waiver.expiring}), once per waiver,
 * {@code ASSAY_WAIVER_NOTICE} ahead (default P30D: a waiver of 30 days or less is told when it is approved): when one
 * expires, the gate of its version returns to FAIL by itself. Swept with the other expiries by
 * {@link dev.assay.alert.NoticeSweeps}.
 */
@ApplicationScoped
public class WaiverExpiryNotice implements ExpiryNotice {

    @Inject
    WaiverRepository waivers;

    @Inject
    ModelRegistry registry;

    @Override
    public String noticeVariable() {
        return "ASSAY_WAIVER_NOTICE";
    }

    /** A notice for every approved waiver expiring after {@code now}, at or before {@code until}. */
    @Override
    public List<Event> notices(Instant now, Instant until) {
        List<Event> notices = new ArrayList<>();
        for (Waiver w : waivers.expiringBetween(now, until)) {
            if (WaiverStatus.of(w, waivers.decision(w.id()).orElse(null), now) == WaiverStatus.APPROVED) {
                ModelVersion v = registry.byId(w.modelVersionId());
                notices.add(Event.once(EventType.WAIVER_EXPIRING, w.id(), now, w.id(),
                        Json.createObjectBuilder().add("model", v.modelName()).add("version", v.version()).add("rule", w.rule())
                                .add("expiresAt", w.expiresAt().toString()).build()));
            }
        }
        return notices;
    }
}
