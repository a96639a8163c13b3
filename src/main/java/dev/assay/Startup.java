package dev.assay;

import dev.assay.infrastructure.FaultPoints;
import dev.assay.alert.Dispatcher;
import dev.assay.alert.NoticeSweeps;
import dev.assay.audit.AuditService;
import dev.assay.demo.DemoSeeder;
import dev.assay.infrastructure.AssayConfig;
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

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.logging.Logger;
import java.util.stream.Stream;

/**
 * Start-up in the one order that works: schema, bootstrap admin, built-in policies, signing key,
 * scratch clean-up, audits a stopped server left unfinished, production batch files left without their row,
 * the window closer, then the demo (first start only).
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
        sweepScratch(config.dataDir().resolve("tmp"));
        audits.resumeUnfinished();
        batches.removeOrphans();
        windowCloser.start();
        if (config.demoEnabled()) {
            demo.seedIfEmpty();
        }
        dispatcher.start();
        notices.start();
        state.markReady();
        LOG.info("Assay ready; signing key " + reports.keys().keyId());
    }

    /** Uploads interrupted by a crash leave scratch files; nothing refers to them. */
    private static void sweepScratch(Path tmp) {
        if (!Files.isDirectory(tmp)) {
            return;
        }
        Instant settled = Instant.now().minus(AssayConfig.SETTLED);
        try (Stream<Path> files = Files.list(tmp)) {
            files.forEach(f -> {
                try {
                    if (Files.getLastModifiedTime(f).toInstant().isBefore(settled)) {
                        Files.deleteIfExists(f);
                    }
                } catch (IOException e) {
                    LOG.warning("cannot remove scratch file " + f + ": " + e.getMessage());
                }
            });
        } catch (IOException e) {
            LOG.warning("cannot list " + tmp + ": " + e.getMessage());
        }
    }
}
