package dev.assay.monitoring;

import dev.assay.audit.AuditRun;
import dev.assay.audit.AuditService;
import dev.assay.audit.GateService;
import dev.assay.dataset.Dataset;
import dev.assay.dataset.DatasetService;
import dev.assay.failure.Conflict;
import dev.assay.failure.FieldError;
import dev.assay.failure.InvalidInput;
import dev.assay.failure.NotFound;
import dev.assay.infrastructure.AssayConfig;
import dev.assay.infrastructure.Clocks;
import dev.assay.ledger.Ledger;
import dev.assay.policy.Decision;
import dev.assay.policy.PolicyCatalog;
import dev.assay.registry.ModelRegistry;
import dev.assay.registry.ModelVersion;
import dev.assay.security.Caller;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Deployments: a version goes to an environment only when its gate meets the environment's requirement
 * (PASS; WARN too for the environments named in {@value #ACCEPTING_WARN}); a new deployment of the model to
 * the same environment ends the previous one. Every deployment, end and refusal is in the ledger.
 */
@ApplicationScoped
public class DeploymentService {

    /** Comma-separated environment names whose deployments accept a WARN gate (default: none). */
    public static final String ACCEPTING_WARN = "ASSAY_ENVIRONMENTS_ACCEPTING_WARN";
    private static final Pattern ENVIRONMENT = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");
    /** Longer windows would leave a deployment unaudited for more than a year. */
    static final Duration MAXIMUM_WINDOW = Duration.ofDays(366);

    @Inject
    MonitoringRepository repository;

    @Inject
    ModelRegistry registry;

    @Inject
    GateService gates;

    @Inject
    AuditService audits;

    @Inject
    DatasetService datasets;

    @Inject
    PolicyCatalog policies;

    @Inject
    AssayConfig config;

    @Inject
    Ledger ledger;

    Clock clock = Clocks.UTC_MICROS;

    /**
     * What a client asks for; null parts take their defaults.
     *
     * @param window    an ISO-8601 duration text as sent (PT1H, P1D, P7D)
     * @param reference a dataset id of the version
     */
    public record Request(String version, String environment, List<String> policies, String window, String reference,
                          Double minimumLabelCoverage) {
    }

    /** The environments that accept a WARN gate, from {@value #ACCEPTING_WARN}. */
    public Set<String> acceptingWarn() {
        return config.env(ACCEPTING_WARN).map(v -> Arrays.stream(v.split(",")).map(String::strip)
                .filter(s -> !s.isEmpty()).collect(Collectors.toUnmodifiableSet())).orElse(Set.of());
    }

    /** The decision a gate must meet to deploy to {@code environment}. */
    public Decision.Verdict requirement(String environment) {
        return acceptingWarn().contains(environment) ? Decision.Verdict.WARN : Decision.Verdict.PASS;
    }

    /** What makes a deployment request unacceptable, every problem by its pointer; empty when it can be judged by the gate. */
    public List<FieldError> problems(String model, Request request) {
        List<FieldError> errors = new ArrayList<>();
        ModelVersion version = version(model, request, errors);
        if (request.environment() == null || !ENVIRONMENT.matcher(request.environment()).matches()) {
            errors.add(FieldError.at("/environment", "is required: 1-100 letters, digits, '.', '_' or '-'"));
        }
        settings(request, errors);
        if (version != null) {
            reference(version, gates.of(version), request.reference(), errors);
        }
        return errors;
    }

    private ModelVersion version(String model, Request request, List<FieldError> errors) {
        if (request.version() == null || request.version().isBlank()) {
            errors.add(FieldError.at("/version", "is required"));
            return null;
        }
        ModelVersion version = registry.versionsOf(model).stream().filter(v -> v.version().equals(request.version()))
                .findFirst().orElse(null);
        if (version == null) {
            errors.add(FieldError.at("/version", "model '" + model + "' has no version '" + request.version() + "'"));
        }
        return version;
    }

    /**
     * Deploys a version: 422 for a bad request (every problem by pointer), 409 ({@link Conflict}, recorded in
     * the ledger as {@code deployment.refused}, which commits) when its gate does not meet the environment's
     * requirement.
     */
    @Transactional(dontRollbackOn = Conflict.class)
    public Deployment deploy(String model, Request request, Caller caller) {
        List<FieldError> errors = problems(model, request);
        if (!errors.isEmpty()) {
            throw new InvalidInput("The deployment has " + errors.size() + " problem(s)", errors);
        }
        ModelVersion version = version(model, request, errors);
        MonitoringSettings settings = settings(request, errors);
        GateService.Gate gate = gates.of(version);
        String reference = reference(version, gate, request.reference(), errors);
        Decision.Verdict required = requirement(request.environment());
        if (!gate.meets(required)) {
            ledger.append("deployment.refused", version.id(), caller.actor(), Json.createObjectBuilder()
                    .add("model", model).add("version", version.version()).add("environment", request.environment())
                    .add("gate", gate.decision()).add("required", required.name()).build());
            throw new Conflict("The gate of " + model + " " + version.version() + " is " + gate.decision() + "; environment '"
                    + request.environment() + "' requires " + required.name()
                    + (required == Decision.Verdict.PASS ? "" : " or better"));
        }
        Instant now = clock.instant();
        for (Deployment previous : repository.activeLocked(model, request.environment())) {
            previous.end(now, caller.actor());
            ledger.append("deployment.ended", previous.id(), caller.actor(), Json.createObjectBuilder()
                    .add("model", model).add("environment", previous.environment()).add("until", now.toString())
                    .add("reason", "replaced").build());
        }
        Deployment d = new Deployment(UUID.randomUUID().toString(), model, version.id(), request.environment(), now,
                gate.decision(), gate.auditId(), reference, settings, caller.actor());
        repository.add(d);
        ledger.append("deployment.created", d.id(), caller.actor(), Json.createObjectBuilder()
                .add("model", model).add("version", version.version()).add("modelVersion", version.id())
                .add("environment", d.environment()).add("since", now.toString()).add("gate", gate.decision())
                .add("gateAudit", gate.auditId() == null ? "" : gate.auditId()).add("reference", reference)
                .add("monitoring", settings.toJson()).build());
        return d;
    }

    private MonitoringSettings settings(Request request, List<FieldError> errors) {
        List<String> packs = request.policies() == null || request.policies().isEmpty()
                ? MonitoringSettings.DEFAULT_POLICIES : request.policies();
        for (int i = 0; i < packs.size(); i++) {
            if (policies.findLatest(packs.get(i)).isEmpty()) {
                errors.add(FieldError.at("/monitoring/policies/" + i, "no policy '" + packs.get(i) + "'"));
            }
        }
        Duration window = MonitoringSettings.DEFAULT_WINDOW;
        if (request.window() != null) {
            try {
                window = Duration.parse(request.window());
                if (window.compareTo(MonitoringSettings.MINIMUM_WINDOW) < 0 || window.compareTo(MAXIMUM_WINDOW) > 0) {
                    errors.add(FieldError.at("/monitoring/window", "must be between PT1M and P366D"));
                }
            } catch (java.time.format.DateTimeParseException e) {
                errors.add(FieldError.at("/monitoring/window", "must be an ISO-8601 duration such as PT1H, P1D or P7D"));
            }
        }
        double coverage = request.minimumLabelCoverage() == null ? MonitoringSettings.DEFAULT_MINIMUM_LABEL_COVERAGE
                : request.minimumLabelCoverage();
        if (!(coverage >= 0 && coverage <= 1)) {
            errors.add(FieldError.at("/monitoring/minimumLabelCoverage", "must be between 0 and 1"));
        }
        return new MonitoringSettings(packs, window, coverage);
    }

    /** The reference dataset: the one named (of this version), or the evaluation dataset of the version's latest audit. */
    private String reference(ModelVersion version, GateService.Gate gate, String named, List<FieldError> errors) {
        List<Dataset> own = datasets.ofVersion(version.id());
        if (named != null) {
            if (own.stream().noneMatch(d -> d.id().equals(named) && !d.role().equals(Dataset.Role.WINDOW.id()))) {
                errors.add(FieldError.at("/monitoring/reference", "no dataset " + named + " belongs to this version"));
            }
            return named;
        }
        if (gate.auditId() != null) {
            AuditRun latest = audits.get(gate.auditId());
            return latest.datasetId();
        }
        // No audit: the gate (NONE) refuses the deployment before a reference is needed.
        return own.stream().filter(d -> d.role().equals(Dataset.Role.EVALUATION.id())).findFirst().map(Dataset::id).orElse(null);
    }

    /** Ends a deployment (idempotent: ending an ended one changes nothing and records nothing). */
    @Transactional
    public Deployment end(String id, Caller caller) {
        Deployment d = repository.deployment(id).orElseThrow(() -> new NotFound("No deployment " + id));
        if (d.active()) {
            Instant now = clock.instant();
            d.end(now, caller.actor());
            ledger.append("deployment.ended", d.id(), caller.actor(), Json.createObjectBuilder()
                    .add("model", d.modelName()).add("environment", d.environment()).add("until", now.toString())
                    .add("reason", "ended").build());
        }
        return d;
    }

    public Deployment get(String id) {
        return repository.deployment(id).orElseThrow(() -> new NotFound("No deployment " + id));
    }

    /** A model's deployments, newest first; 404 for a model with no version. */
    public List<Deployment> of(String model) {
        if (registry.versionsOf(model).isEmpty()) {
            throw new NotFound("No model " + model);
        }
        return repository.deploymentsOf(model);
    }

    public ModelVersion version(Deployment d) {
        return registry.byId(d.modelVersionId());
    }
}
