package dev.assay.demo;

import dev.assay.audit.AuditRequest;
import dev.assay.audit.AuditRun;
import dev.assay.audit.AuditService;
import dev.assay.dataset.Dataset;
import dev.assay.dataset.DatasetFormat;
import dev.assay.dataset.DatasetService;
import dev.assay.infrastructure.AssayConfig;
import dev.assay.infrastructure.BackgroundWork;
import dev.assay.monitoring.BatchService;
import dev.assay.monitoring.Deployment;
import dev.assay.monitoring.DeploymentService;
import dev.assay.monitoring.WindowService;
import dev.assay.registry.ModelCardParser;
import dev.assay.registry.ModelRegistry;
import dev.assay.registry.ModelVersion;
import dev.assay.security.AccountService;
import dev.assay.security.Caller;
import dev.assay.security.Identity;
import dev.assay.security.Role;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.logging.Logger;

/**
 * Seeds model {@code loan-approval} on a first start (no model registered yet): version 1.0.0 whose
 * decisions fail the four-fifths rule for one group, and 1.1.0 which passes; both audited and signed
 * through the same services the API uses; then 1.1.0 deployed with three weeks of drifting production
 * traffic ({@link #seedMonitoring}; {@code ASSAY_DEMO_MONITORING=false} leaves it out).
 */
@ApplicationScoped
public class DemoSeeder {

    public static final String MODEL = "loan-approval";
    private static final Logger LOG = Logger.getLogger(DemoSeeder.class.getName());
    private static final Caller DEMO = new Caller("assay-demo", Set.of(Role.ADMIN));

    @Inject
    AssayConfig config;

    @Inject
    ModelRegistry registry;

    @Inject
    DatasetService datasets;

    @Inject
    AuditService audits;

    @Inject
    AccountService accounts;

    @Inject
    Identity identity;

    @Inject
    DeploymentService deployments;

    @Inject
    BatchService batches;

    @Inject
    WindowService windows;

    @Inject
    BackgroundWork background;

    public void seedIfEmpty() {
        if (!registry.all().isEmpty()) {
            return;
        }
        seed("1.0.0", LoanApplications.BIASED, 25, 1001L);
        seed("1.1.0", LoanApplications.FAIR, 0, 1101L);
        // The demo's model owner owns the model; owner2, another model owner, does not reach it.
        registry.assignOwners(MODEL, List.of("owner"), DEMO);
        LOG.info("Demo model " + MODEL + " seeded: versions 1.0.0 (fails four-fifths) and 1.1.0 (passes)");
        if (!identity.oidc()) {
            seedUsers();
        }
        if (config.env("ASSAY_DEMO_MONITORING").map(Boolean::parseBoolean).orElse(true)) {
            // In the background: it waits for 1.1.0's audit (its gate must pass to deploy), which runs on the same workers.
            background.submit(() -> {
                try {
                    seedMonitoring();
                } catch (RuntimeException | IOException | InterruptedException e) {
                    LOG.log(java.util.logging.Level.WARNING, "The demo deployment could not be seeded", e);
                }
            });
        }
    }

    /** Days of production traffic the demo deployment has had. */
    static final int DAYS = 21;
    /** Applications a day. */
    static final int PER_DAY = 400;
    /** The outcomes of the first two weeks have come back (80% of them); the last week's not yet. */
    static final int DAYS_WITH_OUTCOMES = 14;

    /**
     * Deploys 1.1.0 to production with the post-market-monitoring pack and daily windows, gives it three
     * weeks of generated traffic up to the start of today in which Black applicants' approval rate sinks after
     * day 10 ({@link LoanApplications#writeProductionDay}), the outcomes of the first two weeks, and audits
     * every ended window: {@code liberty:run} shows a deployment whose later windows fail the four-fifths rule.
     */
    void seedMonitoring() throws IOException, InterruptedException {
        ModelVersion v = registry.get(MODEL, "1.1.0");
        for (AuditRun run : audits.ofVersion(v.id())) {
            audits.await(run.id(), Duration.ofMinutes(10));
        }
        Deployment d = deployments.deploy(MODEL, new DeploymentService.Request("1.1.0", "production",
                List.of("post-market-monitoring"), "P1D", null, 0.5), DEMO);
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        Path tmp = config.dataDir().resolve("tmp");
        Files.createDirectories(tmp);
        for (int day = 0; day < DAYS; day++) {
            int i = day;
            post(tmp, w -> LoanApplications.writeProductionDay(w, today.minusDays(DAYS - i), i, PER_DAY, 2101L),
                    in -> batches.predictions(d.id(), "demo-day-" + i, new DatasetService.Upload(in, DatasetFormat.CSV, null), DEMO));
        }
        for (int day = 0; day < DAYS_WITH_OUTCOMES; day++) {
            int i = day;
            post(tmp, w -> LoanApplications.writeOutcomesOfDay(w, i, PER_DAY, 0.8, 2101L),
                    in -> batches.labels(d.id(), "demo-outcomes-" + i, new DatasetService.Upload(in, DatasetFormat.CSV, null), DEMO));
        }
        windows.close(d.id(), today.atStartOfDay(ZoneOffset.UTC).toInstant(), DEMO);
        LOG.info("Demo deployment " + d.id() + ": " + MODEL + " 1.1.0 in production, " + DAYS + " days of traffic, windows audited");
    }

    /**
     * One local account per person role, with generated passwords written to the log this once
     * (in oidc mode the demo users live in the Keycloak realm instead).
     */
    private void seedUsers() {
        StringBuilder message = new StringBuilder("Demo users (passwords shown once):");
        for (var user : List.of(Map.entry("owner", Role.MODEL_OWNER), Map.entry("owner2", Role.MODEL_OWNER),
                Map.entry("auditor", Role.AUDITOR))) {
            if (accounts.users().stream().anyMatch(u -> u.username().equals(user.getKey()))) {
                continue;
            }
            var created = accounts.createUser(DEMO, user.getKey(), Set.of(user.getValue()), null);
            message.append("  ").append(created.username()).append(" (").append(user.getValue().id()).append(") password ")
                    .append(created.generatedPassword());
        }
        LOG.warning(message.toString());
    }

    private void seed(String version, LoanApplications.Bias bias, int smallGroup, long seed) {
        ModelVersion v = registry.register(ModelCardParser.parseYaml(card(version), MODEL, version), DEMO).version();
        try {
            Path tmp = config.dataDir().resolve("tmp");
            Files.createDirectories(tmp);
            post(tmp, w -> LoanApplications.write(w, 4000, smallGroup, bias, seed),
                    in -> datasets.ingest(v, Dataset.Role.EVALUATION, new DatasetService.Upload(in, DatasetFormat.CSV, null), DEMO));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        audits.start(v, new AuditRequest(List.of("eeoc-four-fifths"), null, null, List.of()), DEMO);
    }

    /** Writes generated CSV to a scratch file, hands it to {@code post}, and removes it. */
    private static void post(Path tmp, CsvWriter write, java.util.function.Consumer<InputStream> post) throws IOException {
        Path csv = Files.createTempFile(tmp, "demo-", ".csv");
        try {
            try (Writer w = Files.newBufferedWriter(csv, StandardCharsets.UTF_8)) {
                write.write(w);
            }
            try (InputStream in = Files.newInputStream(csv)) {
                post.accept(in);
            }
        } finally {
            Files.deleteIfExists(csv);
        }
    }

    @FunctionalInterface
    private interface CsvWriter {
        void write(Writer w) throws IOException;
    }

    public static String card(String version) {
        return """
                model: loan-approval
                version: %s
                owner: credit-ml@example.com
                task: binary-classification
                riskTier: high
                intendedUse: "Pre-screening of consumer loan applications; a person reviews every decline."
                positiveLabel: 1
                favorableOutcome: 1
                columns:
                  id: applicant_id
                  label: repaid
                  prediction: approved
                  score: score
                  protected: [sex, race]
                  quasiIdentifiers: [age, sex]
                  features: [income, age]
                  timestamp: decided_at
                trainingData: "Synthetic applications generated by Assay's demo generator (seeded, deterministic)."
                evaluationData: "A held-out synthetic sample from the same generator, with the repayment outcome."
                performanceMetrics: [accuracy, roc_auc, impact_ratio]
                humanOversight: "A credit officer reviews every decline before it is sent and may overturn it."
                limitations: "Synthetic data; for demonstration only."
                riskManagement: "Risks to applicants are assessed each release by the credit risk committee."
                postMarketMonitoring: "Monthly audit of approvals by sex and race against the baseline month."
                """.formatted(version);
    }
}
