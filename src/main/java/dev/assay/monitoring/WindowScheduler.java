package dev.assay.monitoring;

import dev.assay.infrastructure.AssayConfig;
import dev.assay.infrastructure.Clocks;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Closes windows on its own: every {@value #INTERVAL} (default PT1M) the server holding the
 * {@code window-closer} lease (a database row, taken by a conditional update; renewed on each tick, it
 * expires after two intervals, so another replica takes over from a stopped one; renewed again before each
 * deployment, so a run that outlasts it stops where the other server goes on) closes, for every serving
 * deployment, the windows that ended more than the grace period {@value #GRACE} (default PT15M) ago, so rows
 * that arrive a little late still land in their window.
 */
@ApplicationScoped
public class WindowScheduler {

    private static final Logger LOG = Logger.getLogger(WindowScheduler.class.getName());

    /** How often the closer runs (ISO-8601 duration). */
    public static final String INTERVAL = "ASSAY_MONITORING_INTERVAL";
    /** How long after its end a window is left open for late rows (ISO-8601 duration). */
    public static final String GRACE = "ASSAY_MONITORING_GRACE";
    static final String LEASE = "window-closer";

    @Resource(lookup = "java:comp/DefaultManagedScheduledExecutorService")
    ManagedScheduledExecutorService scheduler;

    @Inject
    MonitoringRepository repository;

    @Inject
    WindowService windows;

    @Inject
    AssayConfig config;

    Clock clock = Clocks.UTC_MICROS;
    private final String holder = "server-" + UUID.randomUUID();
    private ScheduledFuture<?> task;

    public Duration interval() {
        return Durations.of(config, INTERVAL, Duration.ofMinutes(1));
    }

    public Duration grace() {
        return Durations.of(config, GRACE, Duration.ofMinutes(15));
    }

    public synchronized void start() {
        if (task == null) {
            long every = Math.max(1000, interval().toMillis());
            task = scheduler.scheduleWithFixedDelay(this::tick, every, every, TimeUnit.MILLISECONDS);
            LOG.info("Window closer every " + interval() + ", grace " + grace());
        }
    }

    @PreDestroy
    synchronized void stop() {
        if (task != null) {
            task.cancel(false);
        }
    }

    /** One run: take or renew the lease; if held, close what has ended, deployment by deployment. */
    void tick() {
        try {
            Instant now = clock.instant();
            if (!repository.lease(LEASE, holder, now, now.plus(interval().multipliedBy(2)))) {
                return;
            }
            Instant until = now.minus(grace());
            for (Deployment d : repository.active()) {
                // Renewed before each deployment: a run longer than the lease stops once another server has taken over,
                // rather than closing the same windows beside it.
                Instant at = clock.instant();
                if (!repository.lease(LEASE, holder, at, at.plus(interval().multipliedBy(2)))) {
                    LOG.warning("The window closer's lease passed to another server during a run; it goes on there");
                    return;
                }
                try {
                    windows.close(d.id(), until, WindowService.MONITOR);
                } catch (RuntimeException e) {
                    LOG.log(Level.WARNING, "Closing the windows of deployment " + d.id() + " failed", e);
                }
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "The window closer's run failed", e);
        }
    }
}
