package dev.assay.audit;

import dev.assay.infrastructure.AssayConfig;
import dev.assay.infrastructure.BackgroundWork;
import dev.assay.infrastructure.Clocks;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * This server's share of the audit queue ({@link AuditQueue}), which every server on the database takes from.
 * It claims runs while it has a free worker ({@value #WORKERS} at once, each on a thread of {@link BackgroundWork}, at
 * background priority so that an audit yields the cores to short requests such as the gate), at once when a run is queued here and every {@code ASSAY_AUDIT_POLL} (default PT5S) for runs queued
 * elsewhere or left by a stopped server. A claim holds for {@code ASSAY_AUDIT_LEASE} (default PT1M) and is renewed
 * on every poll while the run goes on; a server killed mid-audit stops renewing, and once the lease has passed
 * another server claims the run and runs it from the start (runs are deterministic). A restarted server takes back
 * its own runs at once (it knows nothing of its earlier life runs any more). The lease times assume the servers'
 * clocks agree to well within the lease (NTP).
 */
@ApplicationScoped
public class AuditWorker {

    private static final Logger LOG = Logger.getLogger(AuditWorker.class.getName());

    /** How long a claim holds unless renewed (ISO-8601 duration). */
    public static final String LEASE = "ASSAY_AUDIT_LEASE";
    /** How often a server looks at the queue and renews its claims (ISO-8601 duration; at most a third of the lease). */
    public static final String POLL = "ASSAY_AUDIT_POLL";
    /** Audits one server runs at once. */
    static final int WORKERS = 2;
    /** Claims of one run before it is failed as what stops its servers. */
    static final int MAX_ATTEMPTS = 3;

    @Inject
    BackgroundWork background;

    @Resource(lookup = "java:comp/DefaultManagedScheduledExecutorService")
    ManagedScheduledExecutorService scheduler;

    @Inject
    AuditJobs jobs;

    @Inject
    AuditQueue queue;

    @Inject
    AuditService audits;

    @Inject
    AssayConfig config;

    Clock clock = Clocks.UTC_MICROS;
    private final Semaphore workers = new Semaphore(WORKERS);
    /** The runs this server is running now: the claims it renews. */
    private final Set<String> running = ConcurrentHashMap.newKeySet();
    /** One claim at a time on this server: claims race only with other servers' (see {@link JpaAuditQueue}). */
    private final Object claiming = new Object();
    private volatile String server;
    private ScheduledFuture<?> task;

    public Duration lease() {
        Duration lease = config.duration(LEASE, Duration.ofMinutes(1));
        return lease.compareTo(Duration.ofSeconds(3)) < 0 ? Duration.ofSeconds(3) : lease;
    }

    /** The poll interval: as configured, but at most a third of the lease, so a claim is renewed twice before it lapses. */
    public Duration poll() {
        Duration poll = config.duration(POLL, Duration.ofSeconds(5));
        Duration most = lease().dividedBy(3);
        return poll.compareTo(most) > 0 ? most : poll.compareTo(Duration.ofMillis(100)) < 0 ? Duration.ofMillis(100) : poll;
    }

    public synchronized void start() {
        if (task != null) {
            return;
        }
        String name = config.serverName();
        server = name.length() > 200 ? name.substring(0, 200) : name;
        int mine = queue.release(server);
        long every = poll().toMillis();
        task = scheduler.scheduleWithFixedDelay(this::tick, every, every, TimeUnit.MILLISECONDS);
        LOG.info("Audit worker " + server + ": lease " + lease() + ", poll " + poll()
                + (mine > 0 ? ", taking back " + mine + " audit(s) it was running when it stopped" : ""));
        wake();
    }

    @PreDestroy
    synchronized void stop() {
        if (task != null) {
            task.cancel(false);
        }
    }

    /** Looks at the queue now (a run was queued here, or a worker came free). */
    public void wake() {
        if (server == null) {
            return;
        }
        try {
            scheduler.execute(this::claimWhileFree);
        } catch (RejectedExecutionException e) {
            LOG.fine("the scheduler is stopping: the queue is looked at on the next start");
        }
    }

    /** Every poll: renew this server's claims, then claim what there is room for. */
    void tick() {
        try {
            queue.renew(server, Set.copyOf(running), clock.instant().plus(lease()));
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Renewing the audit claims of " + server + " failed", e);
        }
        claimWhileFree();
    }

    private void claimWhileFree() {
        synchronized (claiming) {
            while (workers.tryAcquire()) {
                Optional<AuditRun> claimed;
                try {
                    Instant now = clock.instant();
                    claimed = jobs.claim(server, now, now.plus(lease()), MAX_ATTEMPTS);
                } catch (RuntimeException e) {
                    workers.release();
                    LOG.log(Level.WARNING, "Claiming an audit failed; the next poll tries again", e);
                    return;
                }
                if (claimed.isEmpty()) {
                    workers.release();
                    return;
                }
                AuditRun run = claimed.get();
                running.add(run.id());
                try {
                    background.submit(() -> {
                        try {
                            audits.execute(run, server);
                        } finally {
                            running.remove(run.id());
                            workers.release();
                            wake();
                        }
                    });
                } catch (RejectedExecutionException e) {
                    running.remove(run.id());
                    workers.release();
                    jobs.unclaim(run.id(), server);
                    return;
                }
            }
        }
    }
}
