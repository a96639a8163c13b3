package dev.assay.waiver;

import dev.assay.alert.Alerts;
import dev.assay.alert.Event;
import dev.assay.alert.EventType;
import dev.assay.alert.ExpiryNotice;
import dev.assay.infrastructure.AssayConfig;
import dev.assay.registry.ModelRegistry;
import dev.assay.registry.ModelVersion;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;

import java.time.Duration;
import java.time.Instant;

/**
 * Tells alert receivers of approved waivers that expire soon ({@code waiver.expiring}), once per waiver,
 * {@code ASSAY_WAIVER_NOTICE} ahead (default P30D, as issue 20 asks of waiver and audit notices alike: a waiver of
 * 30 days or less is told when it is approved): when one expires, the gate of its version returns to FAIL by itself. Swept with the other expiries by {@link dev.assay.alert.NoticeSweeps}.
 */
@ApplicationScoped
public class WaiverExpiryNotice implements ExpiryNotice {

    @Inject
    WaiverRepository waivers;

    @Inject
    ModelRegistry registry;

    @Inject
    Alerts alerts;

    @Inject
    AssayConfig config;

    @Override
    public Duration ahead() {
        return config.env("ASSAY_WAIVER_NOTICE").map(Duration::parse).orElse(Duration.ofDays(30));
    }

    /** Publishes an event for every approved waiver expiring after {@code now}, at or before {@code until}. */
    @Override
    public void sweep(Instant now, Instant until) {
        for (Waiver w : waivers.expiringBetween(now, until)) {
            WaiverDecision d = waivers.decision(w.id()).orElse(null);
            if (WaiverStatus.of(w, d, now) != WaiverStatus.APPROVED) {
                continue;
            }
            ModelVersion v = registry.byId(w.modelVersionId());
            alerts.publish(Event.once(EventType.WAIVER_EXPIRING, w.id(), now, w.id(),
                    Json.createObjectBuilder().add("model", v.modelName()).add("version", v.version()).add("rule", w.rule())
                            .add("expiresAt", w.expiresAt().toString()).build()));
        }
    }
}
