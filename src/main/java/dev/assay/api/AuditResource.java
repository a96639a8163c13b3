package dev.assay.api;

import dev.assay.audit.AuditProgress;
import dev.assay.failure.FieldError;
import dev.assay.audit.AuditParameters;
import dev.assay.audit.AuditRequest;
import dev.assay.audit.AuditRun;
import dev.assay.audit.AuditResult;
import dev.assay.audit.AuditService;
import dev.assay.audit.GateService;
import dev.assay.infrastructure.SchemaCheck;
import dev.assay.monitoring.DeploymentService;
import dev.assay.monitoring.WindowService;
import dev.assay.policy.Decision;
import dev.assay.registry.ModelRegistry;
import dev.assay.registry.ModelVersion;
import dev.assay.report.ReportService;
import dev.assay.report.Rounding;
import dev.assay.security.Caller;
import dev.assay.security.Permission;
import dev.assay.security.Requires;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

@Path("api/v1")
@Produces(MediaType.APPLICATION_JSON)
public class AuditResource {

    /** The body of an audit request: unknown keys and wrong types are errors, never ignored. */
    private static final SchemaCheck SCHEMA = SchemaCheck.load("policies/schema/audit-request.schema.json");

    /** The longest a client may hold a request open waiting for an audit. */
    private static final int MAX_WAIT_SECONDS = 300;

    @Inject
    AuditProgress progress;

    @Inject
    ModelRegistry registry;

    @Inject
    AuditService audits;

    @Inject
    GateService gates;

    @Inject
    DeploymentService deployments;

    @Inject
    WindowService windows;

    @Inject
    ReportService reports;

    @POST
    @Path("models/{model}/versions/{version}/audits")
    @Consumes(MediaType.WILDCARD)
    @Requires(Permission.START_AUDIT)
    public Response start(@PathParam("model") String model, @PathParam("version") String version,
                          @QueryParam("wait") Integer wait, String body, @Context SecurityContext security)
            throws InterruptedException {
        ModelVersion v = registry.get(model, version, (Caller) security.getUserPrincipal());
        Parsed parsed = parse(body);
        // Unknown policies and metrics, a dataset the version lacks: in the same answer as the rest.
        List<FieldError> errors = new ArrayList<>(parsed.errors());
        errors.addAll(audits.problems(v, parsed.request()));
        parsed.body().check("The audit request", errors);
        AuditRequest request = parsed.request();
        if (wait != null && (wait < 0 || wait > MAX_WAIT_SECONDS)) {
            throw Problem.badRequest("Query parameter 'wait' must be 0 to " + MAX_WAIT_SECONDS + " seconds");
        }
        AuditRun run = audits.start(v, request, (Caller) security.getUserPrincipal());
        if (wait != null && wait > 0) {
            run = audits.await(run.id(), Duration.ofSeconds(wait));
        }
        URI location = URI.create("/api/v1/audits/" + run.id());
        boolean ended = run.ended();
        return Response.status(ended ? 201 : 202).location(location)
                .entity(AuditView.of(run, audits.result(run.id()).orElse(null), progress.of(run))).build();
    }

    /** An audit request as read: the body with its schema's errors, the request, and what reading it found. */
    record Parsed(JsonBodies.Body body, AuditRequest request, List<FieldError> errors) {

        Parsed {
            errors = List.copyOf(errors);
        }
    }

    /**
     * Reads an audit request's body without judging what it names: wrong keys, types and values are
     * in {@link Parsed#errors} and the body's schema errors; {@code body().check} says them all.
     */
    static Parsed parse(String body) {
        JsonBodies.Body checked = JsonBodies.object(body, SCHEMA);
        JsonObject json = checked.json();
        List<FieldError> errors = new ArrayList<>();
        JsonValue parameters = json.get("parameters");
        if (parameters != null && !(parameters instanceof JsonObject)) {
            errors.add(FieldError.at("/parameters", "must be an object"));
        }
        AuditRequest request = new AuditRequest(JsonBodies.stringList(json, "policies", errors),
                JsonBodies.optionalString(json, "dataset", errors), JsonBodies.optionalString(json, "baseline", errors),
                JsonBodies.stringList(json, "metrics", errors),
                AuditParameters.parse(parameters instanceof JsonObject o ? o : null, errors),
                Rounding.parse(json.get("rounding"), errors));
        return new Parsed(checked, request, errors);
    }

    @GET
    @Path("audits/{id}")
    @Requires(Permission.READ_RESULTS)
    public AuditView get(@PathParam("id") String id, @Context SecurityContext security) {
        AuditRun run = audits.get(id, (Caller) security.getUserPrincipal());
        return AuditView.of(run, audits.result(id).orElse(null), progress.of(run));
    }

    /** The canonical JSON bytes that were signed (Accept: application/json). */
    @GET
    @Path("audits/{id}/report")
    @Produces(MediaType.APPLICATION_JSON)
    @Requires(Permission.READ_RESULTS)
    public Response report(@PathParam("id") String id, @Context SecurityContext security) {
        return AuditArtifact.REPORT_JSON.download(audits.finished(id, (Caller) security.getUserPrincipal()));
    }

    /** The PAdES-signed PDF (Accept: application/pdf). */
    @GET
    @Path("audits/{id}/report")
    @Produces("application/pdf")
    @Requires(Permission.READ_RESULTS)
    public Response reportPdf(@PathParam("id") String id, @Context SecurityContext security) {
        AuditResult result = audits.finished(id, (Caller) security.getUserPrincipal());
        return AuditArtifact.REPORT_PDF.download(result, audits.pdf(result));
    }

    @GET
    @Path("audits/{id}/report.jws")
    @Produces("application/jose")
    @Requires(Permission.READ_RESULTS)
    public Response jws(@PathParam("id") String id, @Context SecurityContext security) {
        return AuditArtifact.REPORT_JWS.download(audits.finished(id, (Caller) security.getUserPrincipal()));
    }

    /** The in-toto statement of the audit in a DSSE envelope, for a CI pipeline to keep beside its artifacts. */
    @GET
    @Path("audits/{id}/attestation")
    @Produces("application/vnd.dsse.envelope.v1+json")
    @Requires(Permission.READ_RESULTS)
    public Response attestation(@PathParam("id") String id, @Context SecurityContext security) {
        return AuditArtifact.ATTESTATION.download(audits.finished(id, (Caller) security.getUserPrincipal()));
    }

    /**
     * The NYC LL144 bias-audit summary (6 RCNY § 5-303) of an audit that applied the nyc-ll144 pack, as a standalone page
     * to publish (Accept: text/html); 404 for an audit that did not apply the pack.
     */
    @GET
    @Path("audits/{id}/summary")
    @Produces("text/html; charset=utf-8")
    @Requires(Permission.READ_RESULTS)
    public Response summaryHtml(@PathParam("id") String id, @Context SecurityContext security) {
        return AuditArtifact.LL144_SUMMARY_HTML.download(audits.finished(id, (Caller) security.getUserPrincipal()));
    }

    /** The same summary as a PDF/A, PAdES-signed like the report, with the signed report and its JWS attached (Accept: application/pdf). */
    @GET
    @Path("audits/{id}/summary")
    @Produces("application/pdf")
    @Requires(Permission.READ_RESULTS)
    public Response summaryPdf(@PathParam("id") String id, @Context SecurityContext security) {
        AuditResult result = audits.finished(id, (Caller) security.getUserPrincipal());
        return AuditArtifact.LL144_SUMMARY_PDF.download(result, reports.ll144SummaryPdf(result.reportJson(), result.reportSha256(),
                result.reportJws()));
    }

    /** The signed report's findings as CSV (API.md, "Reports for readers"; formula-like text neutralised). */
    @GET
    @Path("audits/{id}/findings.csv")
    @Produces("text/csv")
    @Requires(Permission.READ_RESULTS)
    public Response findingsCsv(@PathParam("id") String id, @Context SecurityContext security) {
        return AuditArtifact.FINDINGS_CSV.download(audits.finished(id, (Caller) security.getUserPrincipal()));
    }

    /** The signed report's metric values as CSV. */
    @GET
    @Path("audits/{id}/metrics.csv")
    @Produces("text/csv")
    @Requires(Permission.READ_RESULTS)
    public Response metricsCsv(@PathParam("id") String id, @Context SecurityContext security) {
        return AuditArtifact.METRICS_CSV.download(audits.finished(id, (Caller) security.getUserPrincipal()));
    }

    /**
     * The gate for a CI job that holds only the built file: {@code artifact=sha256:<hex>} as the card's
     * {@code artifact.digest} names it. 404 when no card (of a model the caller reaches) names it; 409 when
     * cards of several models name it (ask the version gate); {@code require} as on the version gate.
     */
    @GET
    @Path("gate")
    @Requires(Permission.READ_GATE)
    @Operation(summary = "The gate of the version whose card names an artifact",
            description = "?artifact=sha256:<hex> (or sha512:); the version gate's answer (expiresAt and 'audit expired'"
                    + " included) with model and version; 404 when no card names it.")
    public Response gateOfArtifact(@QueryParam("artifact") String artifact, @QueryParam("require") String require,
                                   @QueryParam("environment") String environment, @Context SecurityContext security) {
        if (artifact == null || !artifact.matches("sha256:[0-9a-f]{64}|sha512:[0-9a-f]{128}")) {
            throw Problem.badRequest("Query parameter 'artifact' must be a digest such as sha256:<64 lower-case hex digits>");
        }
        List<ModelVersion> named = registry.byArtifact(artifact, (Caller) security.getUserPrincipal());
        if (named.isEmpty()) {
            throw Problem.notFound("No model card names the artifact " + artifact);
        }
        if (named.size() > 1) {
            throw Problem.conflict("Cards of several models name the artifact " + artifact + ": " + String.join(", ",
                    named.stream().map(v -> v.modelName() + " " + v.version()).toList()) + "; ask the version's own gate");
        }
        ModelVersion v = named.get(0);
        GateService.Gate gate = gates.of(v);
        GateView.OfArtifact view = GateView.OfArtifact.of(v.modelName(), v.version(), withDeployment(GateView.of(gate), v, environment));
        return Response.status(require == null || gate.meets(required(require)) ? 200 : 409).entity(view).build();
    }

    /**
     * {@code ?environment=}: the version's current deployment there with its health. {@code require} still
     * judges the audit's decision only; acting on health is the caller's (a failing deployment of a passing
     * version is a retraining trigger, not a reason to refuse its release elsewhere).
     */
    private GateView withDeployment(GateView view, ModelVersion v, String environment) {
        if (environment == null) {
            return view;
        }
        if (environment.isBlank() || environment.length() > 100) {
            throw Problem.badRequest("Query parameter 'environment' must name an environment (1-100 characters)");
        }
        return view.in(deployments.of(v.modelName()).stream()
                .filter(d -> d.active() && d.environment().equals(environment) && d.modelVersionId().equals(v.id()))
                .findFirst()
                .map(d -> new GateView.InEnvironment(environment, true, d.id(), d.since(), windows.health(d.id()).id()))
                .orElse(GateView.InEnvironment.none(environment)));
    }

    private static Decision.Verdict required(String require) {
        try {
            return Decision.Verdict.valueOf(require);
        } catch (IllegalArgumentException e) {
            throw Problem.badRequest("Query parameter 'require' must be PASS or WARN");
        }
    }

    @GET
    @Path("models/{model}/versions/{version}/gate")
    @Requires(Permission.READ_GATE)
    @Operation(summary = "The gate of a version",
            description = "The decision of its latest finished audit with its waivers applied; FAIL with the one reason"
                    + " 'audit expired' from the audit's expiresAt on (its packs' or rules' validFor), null when it never"
                    + " expires. ?require=PASS|WARN answers 409 when the decision does not meet it.")
    public Response gate(@PathParam("model") String model, @PathParam("version") String version,
                         @QueryParam("require") String require, @QueryParam("environment") String environment,
                         @Context SecurityContext security) {
        ModelVersion v = registry.get(model, version, (Caller) security.getUserPrincipal());
        GateService.Gate gate = gates.of(v);
        GateView view = withDeployment(GateView.of(gate), v, environment);
        if (require == null) {
            return Response.ok(view).build();
        }
        return Response.status(gate.meets(required(require)) ? 200 : 409).entity(view).build();
    }

}
