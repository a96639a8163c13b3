package dev.assay.waiver;

import dev.assay.alert.Alerts;
import dev.assay.alert.Event;
import dev.assay.alert.EventType;
import dev.assay.infrastructure.AssayConfig;
import dev.assay.infrastructure.Clocks;
import dev.assay.registry.ModelRegistry;
import dev.assay.registry.ModelVersion;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Tells alert receivers of approved waivers that expire soon ({@code waiver.expiring}), once per waiver,
 * {@code ASSAY_WAIVER_NOTICE} ahead (default P7D): when one expires, the gate of its version returns to
 * FAIL by itself. Looked for every minute ({@code ASSAY_WAIVER_SWEEP}); the event's id is derived from the waiver, so restarts and
 * several servers tell each receiver once.
 */
@ApplicationScoped
public class ExpiryNotices {

    private static final Logger LOG = Logger.getLogger(ExpiryNotices.class.getName());

    @Resource(lookup = "concurrent/alerts")
    ManagedScheduledExecutorService scheduler;

    @Inject
    WaiverRepository waivers;

    @Inject
    ModelRegistry registry;

    @Inject
    Alerts alerts;

    @Inject
    AssayConfig config;

    Clock clock = Clocks.UTC_MICROS;

    /** Sweeps every {@code ASSAY_WAIVER_SWEEP} (default PT1M). */
    public void start() {
        long every = config.env("ASSAY_WAIVER_SWEEP").map(Duration::parse).orElse(Duration.ofMinutes(1)).toMillis();
        scheduler.scheduleWithFixedDelay(() -> {
            try {
                sweep();
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "The waiver expiry sweep failed; the next one retries", e);
            }
        }, 2000, every, TimeUnit.MILLISECONDS);
    }

    /** Publishes an event for every approved waiver expiring within the notice period from now. */
    public void sweep() {
        Instant now = clock.instant();
        Duration notice = config.env("ASSAY_WAIVER_NOTICE").map(Duration::parse).orElse(Duration.ofDays(7));
        for (Waiver w : waivers.expiringBetween(now, now.plus(notice))) {
            WaiverDecision d = waivers.decision(w.id()).orElse(null);
            if (WaiverStatus.of(w, d, now) != WaiverStatus.APPROVED) {
                continue;
            }
            ModelVersion v = registry.byId(w.modelVersionId());
            alerts.publish(new Event("waiver.expiring:" + w.id(), EventType.WAIVER_EXPIRING, now, w.id(),
                    Json.createObjectBuilder().add("model", v.modelName()).add("version", v.version()).add("rule", w.rule())
                            .add("expiresAt", w.expiresAt().toString()).build()));
        }
    }
}
