package dev.assay.alert;

import dev.assay.infrastructure.AssayConfig;
import dev.assay.infrastructure.Clocks;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Looks for what expires soon, every minute ({@code ASSAY_NOTICE_SWEEP}, an ISO-8601 duration), and publishes every
 * {@link ExpiryNotice}'s notices for the period it looks ahead (its {@code noticeVariable}, else its default). One schedule for every kind of expiry,
 * so a new kind is a bean, not another timer. The decisions that expiries change (the gate) never wait for a
 * sweep: they read the clock themselves; a sweep only tells people, ahead of time and of what changed since.
 */
@ApplicationScoped
public class NoticeSweeps {

    private static final Logger LOG = Logger.getLogger(NoticeSweeps.class.getName());

    /** How far back each sweep looks for expiries that changed something ({@link ExpiryNotice#expired}). */
    public static final Duration EXPIRED_LOOKBACK = Duration.ofDays(7);

    @Resource(lookup = "concurrent/alerts")
    ManagedScheduledExecutorService scheduler;

    @Inject
    @Any
    Instance<ExpiryNotice> notices;

    @Inject
    AssayConfig config;

    @Inject
    Alerts alerts;

    Clock clock = Clocks.UTC_MICROS;

    public void start() {
        long every = config.env("ASSAY_NOTICE_SWEEP").map(Duration::parse).orElse(Duration.ofMinutes(1)).toMillis();
        scheduler.scheduleWithFixedDelay(this::sweep, 2000, every, TimeUnit.MILLISECONDS);
    }

    /** One sweep: each kind on its own, so one that fails (its next sweep retries) holds up no other. */
    void sweep() {
        Instant now = clock.instant();
        for (ExpiryNotice notice : notices) {
            try {
                Duration ahead = config.env(notice.noticeVariable()).map(Duration::parse).orElse(notice.defaultNotice());
                notice.notices(now, now.plus(ahead)).forEach(alerts::publish);
                notice.expired(now.minus(EXPIRED_LOOKBACK), now).forEach(alerts::publish);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "An expiry sweep (" + notice.getClass().getSimpleName() + ") failed; the next one retries", e);
            }
        }
    }
}
