package dev.assay.audit;

import dev.assay.infrastructure.FaultPoints;
import dev.assay.failure.FieldError;
import dev.assay.failure.Conflict;
import dev.assay.failure.InvalidInput;
import dev.assay.failure.NotFound;
import dev.assay.dataset.Dataset;
import dev.assay.dataset.DatasetService;
import dev.assay.infrastructure.Clocks;
import dev.assay.metric.ApprovedEvaluation;
import dev.assay.metric.engine.MetricCatalogue;
import dev.assay.metric.performance.ChangeFromApproved;
import dev.assay.policy.Expiry;
import dev.assay.policy.Decision;
import dev.assay.policy.Policy;
import dev.assay.policy.PolicyCatalog;
import dev.assay.policy.Rule;
import dev.assay.policy.StoredPolicy;
import dev.assay.registry.ModelRegistry;
import dev.assay.registry.ModelVersion;
import dev.assay.report.ReportDocument;
import dev.assay.report.ReportService;
import dev.assay.review.ReviewService;
import dev.assay.security.Caller;
import dev.assay.waiver.WaiverService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Starts audits as asynchronous jobs and runs them: the same inputs (version, card, dataset,
 * baseline, policy versions, metrics) give the same audit back instead of a second one.
 */
@ApplicationScoped
public class AuditService {

    private static final Logger LOG = Logger.getLogger(AuditService.class.getName());
    public static final List<String> DEFAULT_POLICIES = List.of("eeoc-four-fifths");

    @Inject
    AuditJobs jobs;

    @Inject
    AuditWorker worker;

    @Inject
    AuditRepository audits;

    @Inject
    ModelRegistry registry;

    @Inject
    DatasetService datasets;

    @Inject
    PolicyCatalog policies;

    @Inject
    ReportService reports;

    @Inject
    AuditEngines engines;

    @Inject
    ReferenceDatasets references;

    @Inject
    WaiverService waivers;

    @Inject
    ReviewService reviews;

    @Inject
    AuditProgress progress;

    @Inject
    GateService gates;

    @Inject
    ReportPdfs pdfs;

    Clock clock = Clocks.UTC_MICROS;

    /** Audits ending on this server, for {@link #await}. */
    final AuditEndings endings = new AuditEndings();

    /** Creates (or finds, for the same inputs) the audit and queues it. */
    public AuditRun start(ModelVersion version, AuditRequest request, Caller caller) {
        return start(version, request, null, caller);
    }

    /**
     * Creates (or finds) the audit of a production window: an ordinary audit whose dataset is the window's
     * slice and whose pinned inputs name the window; its report says which window, how many rows, and the
     * label coverage, and metrics that read the label are undefined when the coverage is below the minimum.
     */
    public AuditRun startWindow(ModelVersion version, AuditRequest request, PinnedInputs.Window window, Caller caller) {
        return start(version, request, window, caller);
    }

    private AuditRun start(ModelVersion version, AuditRequest request, PinnedInputs.Window window, Caller caller) {
        List<FieldError> errors = problems(version, request);
        if (!errors.isEmpty()) {
            throw new InvalidInput("The audit request has " + errors.size() + " problem(s)", errors);
        }
        Dataset dataset = resolveDataset(version, request.dataset(), new ArrayList<>());
        Dataset baseline = request.baseline() == null ? null : datasets.ofVersion(version.id()).stream()
                .filter(d -> d.id().equals(request.baseline())).findFirst().orElseThrow();
        List<String> policyIds = request.policies().isEmpty() ? DEFAULT_POLICIES : request.policies();
        List<StoredPolicy> pinned = policyIds.stream().map(policies::latest).toList();
        boolean compares = request.metrics().stream().anyMatch(ChangeFromApproved::isChange) || pinned.stream()
                .anyMatch(p -> p.policy().rules().stream().anyMatch(r -> ChangeFromApproved.isChange(r.metric())));
        // Pinned, so a later approval is a different input, not a silently different result.
        PinnedInputs.Approved approved = compares ? lastApproved(version)
                .map(a -> new PinnedInputs.Approved(a.version().version(), a.auditId())).orElse(null) : null;
        PinnedInputs inputs = new PinnedInputs(version.id(), version.cardSha256(), dataset.sha256(),
                baseline == null ? null : baseline.sha256(), pinned.stream().map(StoredPolicy::sha256).toList(),
                request.metrics(), request.parameters(), request.rounding(), approved, window);
        Optional<AuditRun> same = audits.byInputs(inputs.sha256());
        // The same inputs again are the same audit, unless that one has expired: then asking again renews it (a new
        // run, judged and signed now, valid from now on). Asked again under the version's lock, for two servers at once.
        if (same.isPresent() && !expired(same.get())) {
            return same.get();
        }
        AuditRun created = new AuditRun(UUID.randomUUID().toString(), version.id(), dataset.id(),
                baseline == null ? null : baseline.id(), inputs.canonical(), inputs.sha256(), caller.actor(), clock.instant());
        AuditRun run = jobs.create(created, r -> !expired(r));
        if (run.id().equals(created.id())) {
            submit(run.id());
        }
        return run;
    }

    private boolean expired(AuditRun run) {
        return audits.result(run.id()).map(r -> r.expiresAt() != null && Expiry.passed(r.expiresAt(), clock.instant()))
                .orElse(false);
    }

    /**
     * What the request names that this version or Assay does not have: the dataset, the baseline,
     * policies, metric ids; each by its pointer. Empty when the request can start.
     */
    public List<FieldError> problems(ModelVersion version, AuditRequest request) {
        List<FieldError> errors = new ArrayList<>();
        Dataset dataset = resolveDataset(version, request.dataset(), errors);
        if (dataset != null) {
            controlsMissing(version, request, columnTypes(dataset), errors);
        }
        if (request.baseline() != null && datasets.ofVersion(version.id()).stream().noneMatch(d -> d.id().equals(request.baseline()))) {
            errors.add(FieldError.at("/baseline", "no dataset " + request.baseline() + " belongs to this version"));
        }
        for (int i = 0; i < request.policies().size(); i++) {
            if (policies.findLatest(request.policies().get(i)).isEmpty()) {
                errors.add(FieldError.at("/policies/" + i, "no policy '" + request.policies().get(i) + "'"));
            }
        }
        for (int i = 0; i < request.metrics().size(); i++) {
            if (MetricCatalogue.find(request.metrics().get(i)).isEmpty()) {
                errors.add(FieldError.at("/metrics/" + i, "unknown metric '" + request.metrics().get(i) + "'"));
            }
        }
        return errors;
    }

    /**
     * Each control column a rule of the audit's policies names (for this version's task and risk tier) that the dataset
     * does not have, at the pointer of the policy in the request (the default policies have none in it: at
     * {@code /policies}): a stratum of a column that is not there means nothing, and the audit would judge nothing.
     */
    private void controlsMissing(ModelVersion version, AuditRequest request, Map<String, String> columns, List<FieldError> errors) {
        List<String> ids = request.policies().isEmpty() ? DEFAULT_POLICIES : request.policies();
        for (int i = 0; i < ids.size(); i++) {
            Optional<StoredPolicy> stored = policies.findLatest(ids.get(i));
            if (stored.isEmpty()) {
                continue;
            }
            String at = request.policies().isEmpty() ? "/policies" : "/policies/" + i;
            String id = ids.get(i);
            for (Rule rule : stored.get().policy().rules()) {
                if (!rule.appliesTo(version.card().task().id(), version.card().riskTier().orElse(null))) {
                    continue;
                }
                rule.controls().stream().filter(c -> !columns.containsKey(c)).forEach(c -> errors.add(FieldError.at(at,
                        "rule '" + rule.id() + "' of policy '" + id + "' names control column '" + c
                                + "', which the dataset does not have")));
            }
        }
    }

    /** An approved version and the audit its gate rests on. */
    record Approved(ModelVersion version, String auditId) {
    }

    /** The most recently registered version of the same model, registered before this one, whose gate counts as approved. */
    Optional<Approved> lastApproved(ModelVersion version) {
        for (ModelVersion earlier : registry.versionsOf(version.modelName())) {
            if (earlier.id().equals(version.id()) || !earlier.createdAt().isBefore(version.createdAt())) {
                continue;
            }
            GateService.Gate gate = gates.of(earlier);
            if (gate.approved()) {
                return Optional.of(new Approved(earlier, gate.auditId()));
            }
        }
        return Optional.empty();
    }

    /**
     * The approved version pinned in the request, if any, as the changes from it read it: its audit's evaluation
     * dataset (pinned by that audit, so the values before are the ones it reported) and its own card's columns.
     */
    private ApprovedEvaluation approvedEvaluation(PinnedInputs pinned) {
        if (pinned.approved() == null) {
            return ApprovedEvaluation.NONE;
        }
        AuditRun run = get(pinned.approved().audit());
        Dataset dataset = datasets.get(run.datasetId());
        ModelVersion version = registry.byId(run.modelVersionId());
        return new ApprovedEvaluation(pinned.approved().version(), run.id(), datasets.file(dataset),
                AuditEngine.outcomes(version.card(), columnTypes(dataset)), version.card().columns().id());
    }

    private Dataset resolveDataset(ModelVersion version, String id, List<FieldError> errors) {
        List<Dataset> ofVersion = datasets.ofVersion(version.id());
        Optional<Dataset> found = id == null
                ? ofVersion.stream().filter(d -> d.role().equals(Dataset.Role.EVALUATION.id())).findFirst()
                : ofVersion.stream().filter(d -> d.id().equals(id)).findFirst();
        if (found.isEmpty()) {
            errors.add(FieldError.at("/dataset", id == null
                    ? "this version has no evaluation dataset yet; upload one first"
                    : "no dataset " + id + " belongs to this version"));
            return null;
        }
        return found.get();
    }

    /** A run was queued: this server's worker looks for it now rather than at its next poll. */
    public void submit(String auditId) {
        worker.wake();
    }

    /** Waits up to {@code wait} for the audit to end; returns its state either way. */
    public AuditRun await(String auditId, Duration wait) throws InterruptedException {
        Instant deadline = clock.instant().plus(wait);
        long seen = endings.generation();
        AuditRun run = get(auditId);
        while ((run.status() == AuditRun.Status.QUEUED || run.status() == AuditRun.Status.RUNNING)
                && clock.instant().isBefore(deadline)) {
            // Woken as soon as an audit of this server ends; at the latest after 50 ms (one another server finished).
            endings.awaitAfter(seen, Math.max(1, Math.min(50, Duration.between(clock.instant(), deadline).toMillis())));
            seen = endings.generation();
            run = get(auditId);
        }
        return run;
    }

    public AuditRun get(String id) {
        return audits.find(id).orElseThrow(() -> new NotFound("No audit " + id));
    }

    /** An audit for {@code caller} to read: 404 when there is none or its model is out of their reach (the same answer). */
    public AuditRun get(String id, Caller caller) {
        AuditRun run = get(id);
        if (!registry.reaches(caller, registry.byId(run.modelVersionId()).modelName())) {
            throw new NotFound("No audit " + id);
        }
        return run;
    }

    /** The result of a finished audit for {@code caller} to read; 404 as {@link #get(String, Caller)}, 409 as {@link #finished(String)}. */
    public AuditResult finished(String id, Caller caller) {
        get(id, caller);
        return finished(id);
    }

    public Optional<AuditResult> result(String id) {
        return audits.result(id);
    }

    /** The result of a finished audit; 404 for no such audit, 409 while it has no report. */
    public AuditResult finished(String id) {
        AuditRun run = get(id);
        return audits.result(id).orElseThrow(() -> new Conflict(
                "Audit " + id + " has no report: its status is " + run.status()));
    }

    /** The PAdES-signed PDF of a finished audit; rendered now when it has none yet (409 when it cannot be). */
    public byte[] pdf(AuditResult result) {
        return pdfs.of(result);
    }

    /** For lists of audits: the decision only, not the stored report, signature and PDF. */
    public Optional<Decision.Verdict> verdict(String id) {
        return audits.verdict(id);
    }

    public List<AuditRun> ofVersion(String modelVersionId) {
        return audits.ofVersion(modelVersionId);
    }

    /** How one past audit's decision would come out under a candidate pack. */
    public record BacktestLine(String audit, String model, String version, String before, String after) {

        public boolean changed() {
            return !before.equals(after);
        }
    }

    /**
     * Re-evaluates the latest finished audit of every model version with {@code candidate} in place of
     * the pack of the same id (or beside the audit's packs when it used none of that id), on the
     * same pinned inputs as the audit (dataset, baseline, card, parameters, approved version). Stores nothing.
     */
    public List<BacktestLine> backtest(Policy candidate) {
        List<BacktestLine> lines = new ArrayList<>();
        for (ModelVersion version : registry.all()) {
            Optional<AuditRun> latest = audits.latestDone(version.id());
            if (latest.isEmpty()) {
                continue;
            }
            AuditRun run = latest.get();
            AuditResult result = audits.result(run.id()).orElseThrow();
            try {
                AuditEngine.Evaluation outcome = backtest(run, candidate);
                lines.add(new BacktestLine(run.id(), version.modelName(), version.version(), result.verdict().name(),
                        outcome.decision().verdict().name()));
            } catch (SQLException | RuntimeException e) {
                lines.add(new BacktestLine(run.id(), version.modelName(), version.version(), result.verdict().name(),
                        "ERROR: " + e.getMessage()));
            }
        }
        return lines;
    }

    /** One finished audit re-evaluated with {@code candidate} in place of its pack of the same id. */
    AuditEngine.Evaluation backtest(AuditRun run, Policy candidate) throws SQLException {
        Resolved resolved = resolve(run);
        List<Policy> used = new ArrayList<>(resolved.policies().stream().filter(p -> !p.id().equals(candidate.id())).toList());
        used.add(candidate);
        return evaluate(resolved, used);
    }

    /** A run's pinned inputs with what they name loaded: what both an audit and its backtest evaluate. */
    record Resolved(PinnedInputs inputs, ModelVersion version, Dataset dataset, Dataset baseline, List<Policy> policies) {
    }

    Resolved resolve(AuditRun run) {
        PinnedInputs inputs = PinnedInputs.parse(run.requestJson());
        Dataset baseline = run.baselineId() == null ? null : datasets.get(run.baselineId());
        return new Resolved(inputs, registry.byId(run.modelVersionId()), datasets.get(run.datasetId()), baseline,
                inputs.policies().stream().map(sha -> policies.bySha(sha).policy()).toList());
    }

    /**
     * The engine on a run's pinned inputs, judged by {@code policies}: the audit's own, or a backtest's. Uploads are
     * read from the store on DuckDB (or Spark: {@link AuditEngines#forUploads}); when the dataset or the baseline is a
     * dataset by reference the whole audit runs on Spark, on an engine that re-pins the references first and last
     * ({@link ReferenceDatasets#opener}), and an uploaded dataset beside one is read from the store by the cluster.
     */
    AuditEngine.Evaluation evaluate(Resolved r, List<Policy> policies) throws SQLException {
        List<Dataset> referenced = java.util.stream.Stream.of(r.dataset(), r.baseline())
                .filter(d -> d != null && d.reference().isPresent()).toList();
        return new AuditEngine(referenced.isEmpty() ? engines.forUploads() : references.opener(referenced), r.inputs().parameters())
                .comparedWith(approvedEvaluation(r.inputs()))
                .withholdingLabels(r.inputs().window() == null ? null : r.inputs().window().labelsWithheld())
                .run(r.version().card(), columnTypes(r.dataset()), source(r.dataset()),
                        r.baseline() == null ? null : source(r.baseline()),
                        r.baseline() == null ? Map.of() : columnTypes(r.baseline()), policies, r.inputs().metrics());
    }

    private AuditEngine.Source source(Dataset dataset) {
        return dataset.reference().isPresent() ? references.source(dataset, columnTypes(dataset))
                : AuditEngine.Source.stored(datasets.file(dataset));
    }

    private static Map<String, String> columnTypes(Dataset dataset) {
        Map<String, String> types = new LinkedHashMap<>();
        dataset.columns().forEach(c -> types.put(c.name(), c.type()));
        return types;
    }

    /**
     * Starts this server's worker on the queue the servers share, which takes up the audits a stopped server
     * left unfinished (its own at once, another's when their lease expires: a run is deterministic, so it is
     * simply run again), and renders the PDFs a stop left missing.
     */
    public void resumeUnfinished() {
        worker.start();
        pdfs.renderMissing();
    }

    /** Runs an audit {@code server} has claimed, and ends it there unless the claim was lost meanwhile. */
    void execute(AuditRun run, String server) {
        String auditId = run.id();
        try {
            FaultPoints.at("audit.claimed");
            progress.enter(auditId, AuditProgress.Stage.LOADING);
            Resolved resolved = resolve(run);
            progress.enter(auditId, AuditProgress.Stage.COMPUTING_METRICS);
            AuditEngine.Evaluation outcome = evaluate(resolved, resolved.policies());
            FaultPoints.at("audit.evaluated");
            progress.enter(auditId, AuditProgress.Stage.SIGNING_REPORT);

            Instant finishedAt = clock.instant();
            ModelVersion version = resolved.version();
            ReportDocument document = AuditReport.document(run, version, resolved.dataset(), resolved.policies(), outcome,
                    resolved.inputs(), reports.keys().keyId(), finishedAt, waivers.ofVersion(version.id()),
                    reviews.signOffsOfVersion(version.id()));
            ReportService.SignedReport signed = reports.sign(document.toJson(), finishedAt);
            String attestation = reports.attest(AuditReport.statement(run, version, resolved.dataset(), resolved.policies(),
                    outcome, signed.sha256(), finishedAt));
            AuditResult result = new AuditResult(auditId, outcome.decision(), signed.json(), signed.sha256(),
                    signed.jws(), signed.keyId(), attestation, finishedAt,
                    document.expiry() == null ? null : document.expiry().at());
            if (!jobs.complete(auditId, server, result, finishedAt)) {
                LOG.warning("Audit " + auditId + " was taken over by another server while it ran here (its lease ran out):"
                        + " the result of that server stands, this one is dropped");
                return;
            }
            FaultPoints.at("audit.completed");
            // Committed: whoever waits for the decision hears of it now, not after the PDF.
            progress.enter(auditId, AuditProgress.Stage.RENDERING_PDF);
            endings.ended();
            pdfs.renderCommitted(result);
        } catch (RuntimeException | SQLException e) {
            LOG.log(Level.WARNING, "Audit " + auditId + " failed", e);
            jobs.fail(auditId, server, e.getClass().getSimpleName() + ": " + e.getMessage());
        } finally {
            progress.enter(auditId, AuditProgress.Stage.DONE);
            endings.ended();
        }
    }
}
