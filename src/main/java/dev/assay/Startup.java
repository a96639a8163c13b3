package dev.assay;

import dev.assay.alert.Dispatcher;
import dev.assay.alert.NoticeSweeps;
import dev.assay.audit.AuditService;
import dev.assay.demo.DemoSeeder;
import dev.assay.dataset.DatasetService;
import dev.assay.infrastructure.AssayConfig;
import dev.assay.infrastructure.FaultPoints;
import dev.assay.infrastructure.Scratch;
import dev.assay.infrastructure.Migrations;
import dev.assay.infrastructure.StartupState;
import dev.assay.monitoring.BatchService;
import dev.assay.monitoring.WindowScheduler;
import dev.assay.policy.PolicyCatalog;
import dev.assay.report.ReportService;
import dev.assay.security.AccountService;
import dev.assay.security.Identity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.logging.Logger;

/**
 * Start-up in the one order that works: schema, bootstrap admin, built-in policies, signing key,
 * what a stop left in the data directory (scratch files, stored files without their row), audits a stopped server
 * left unfinished, the window closer, then the demo (first start only).
 */
@ApplicationScoped
public class Startup {

    private static final Logger LOG = Logger.getLogger(Startup.class.getName());

    @Inject
    AssayConfig config;

    @Inject
    Migrations migrations;

    @Inject
    AccountService accounts;

    @Inject
    Identity identity;

    @Inject
    PolicyCatalog policies;

    @Inject
    ReportService reports;

    @Inject
    DemoSeeder demo;

    @Inject
    AuditService audits;

    @Inject
    StartupState state;

    @Inject
    Dispatcher dispatcher;

    @Inject
    NoticeSweeps notices;

    @Inject
    BatchService batches;

    @Inject
    DatasetService datasets;

    @Inject
    WindowScheduler windowCloser;

    void onStart(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
        LOG.info("Assay starting; data dir " + config.dataDir());
        migrations.migrate();
        if (!identity.oidc()) {
            accounts.ensureBootstrapAdmin();
        }
        policies.registerBuiltIns();
        reports.init();
        String armed = FaultPoints.armed();
        if (armed != null) {
            LOG.warning("Fault point armed (" + FaultPoints.VARIABLE + "=" + armed + "): this server halts when it passes it");
        }
        removeLeftovers();
        audits.resumeUnfinished();
        windowCloser.start();
        if (config.demoEnabled()) {
            demo.seedIfEmpty();
        }
        dispatcher.start();
        notices.start();
        state.markReady();
        LOG.info("Assay ready; signing key " + reports.keys().keyId());
    }

    /**
     * What a stop left in the data directory: files this server was placing into the dataset store or the batch
     * store whose rows never committed (its placement notes name them), files of either store that no row names and
     * no server can still be writing ({@link AssayConfig#SETTLED}), and the scratch area: this server's own files at
     * once, other servers' once settled. Before any upload can start, so nothing under way is taken for a leftover.
     */
    private void removeLeftovers() {
        Scratch scratch = config.scratch();
        Map<Path, Instant> unfinished = scratch.unfinishedPlacements();
        datasets.removeOrphans(unfinished);
        batches.removeOrphans(unfinished);
        int removed = scratch.sweep(Instant.now().minus(AssayConfig.SETTLED));
        if (removed > 0) {
            LOG.info("Removed " + removed + " scratch file(s) a stop left");
        }
    }
}
