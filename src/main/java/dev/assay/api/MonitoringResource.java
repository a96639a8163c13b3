package dev.assay.api;

import dev.assay.dataset.DatasetFormat;
import dev.assay.dataset.DatasetService;
import dev.assay.failure.FieldError;
import dev.assay.infrastructure.SchemaCheck;
import dev.assay.metric.engine.MetricCatalogue;
import dev.assay.monitoring.BatchService;
import dev.assay.monitoring.Deployment;
import dev.assay.monitoring.DeploymentService;
import dev.assay.monitoring.WindowAudit;
import dev.assay.monitoring.SeriesAlarms;
import dev.assay.monitoring.WindowService;
import dev.assay.registry.ModelRegistry;
import dev.assay.security.Caller;
import dev.assay.security.Permission;
import dev.assay.security.Requires;
import jakarta.inject.Inject;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.EntityPart;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/** The model after release: deployments, production predictions and labels, windows and their series. */
@Path("api/v1")
@Produces(MediaType.APPLICATION_JSON)
public class MonitoringResource {

    /** How many of its latest closed windows a deployment shows. */
    static final int LATEST_WINDOWS = 10;

    private static final SchemaCheck DEPLOYMENT = SchemaCheck.load("policies/schema/deployment-request.schema.json");

    @Inject
    DeploymentService deployments;

    @Inject
    BatchService batches;

    @Inject
    WindowService windows;

    @Inject
    ModelRegistry registry;

    /**
     * Body: {"version", "environment", "monitoring": {"policies", "window", "reference", "minimumLabelCoverage"}}.
     * 201 with the deployment; 409 when the version's gate does not meet the environment's requirement.
     */
    @POST
    @Path("models/{model}/deployments")
    @Consumes(MediaType.WILDCARD)
    @Requires(Permission.DEPLOY)
    public Response deploy(@PathParam("model") String model, String body, @Context SecurityContext security) {
        reach(model, security);
        JsonBodies.Body checked = JsonBodies.object(body, DEPLOYMENT);
        JsonObject json = checked.json();
        List<FieldError> errors = new ArrayList<>();
        String version = json.get("version") instanceof JsonNumber n ? n.toString() : JsonBodies.optionalString(json, "version", errors);
        String environment = JsonBodies.optionalString(json, "environment", errors);
        JsonObject m = json.get("monitoring") instanceof JsonObject o ? o : JsonValue.EMPTY_JSON_OBJECT;
        List<String> policies = JsonBodies.stringList(m, "policies", new ArrayList<>());
        String window = JsonBodies.optionalString(m, "window", new ArrayList<>());
        String reference = JsonBodies.optionalString(m, "reference", new ArrayList<>());
        Double coverage = m.get("minimumLabelCoverage") instanceof JsonNumber c ? c.doubleValue() : null;
        DeploymentService.Request request = new DeploymentService.Request(version, environment, policies, window, reference,
                coverage);
        // What the service would refuse (no such version, an unknown pack, a window that is no duration), in the same answer.
        errors.addAll(deployments.problems(model, request));
        checked.check("The deployment", errors);
        Deployment d = deployments.deploy(model, request, (Caller) security.getUserPrincipal());
        return Response.created(URI.create("/api/v1/deployments/" + d.id())).entity(view(d, false)).build();
    }

    @GET
    @Path("models/{model}/deployments")
    @Requires(Permission.READ_DEPLOYMENTS)
    public MonitoringViews.Deployments list(@PathParam("model") String model, @Context SecurityContext security) {
        reach(model, security);
        return new MonitoringViews.Deployments(deployments.of(model).stream().map(d -> view(d, false)).toList());
    }

    @GET
    @Path("deployments/{id}")
    @Requires(Permission.READ_DEPLOYMENTS)
    public DeploymentView get(@PathParam("id") String id, @Context SecurityContext security) {
        return view(deployments.get(reachDeployment(id, security)), true);
    }

    /** Ends the deployment ({@code until} set); nothing is deleted. Ending an ended one changes nothing. */
    @DELETE
    @Path("deployments/{id}")
    @Requires(Permission.DEPLOY)
    public DeploymentView end(@PathParam("id") String id, @Context SecurityContext security) {
        return view(deployments.end(reachDeployment(id, security), (Caller) security.getUserPrincipal()), true);
    }

    /** The batch is the body (CSV, JSON Lines or Parquet). 201, or 200 with {@code duplicate: true} for a batch id seen before. */
    @POST
    @Path("deployments/{id}/predictions")
    @Consumes(MediaType.WILDCARD)
    @Requires(Permission.POST_PRODUCTION_DATA)
    public Response predictions(@PathParam("id") String id, @QueryParam("batch") String batch,
                                @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType, InputStream body,
                                @Context SecurityContext security) {
        BatchService.Stored s = batches.predictions(reachDeployment(id, security), batch, upload(contentType, body), (Caller) security.getUserPrincipal());
        return Response.status(s.duplicate() ? 200 : 201).entity(MonitoringViews.PredictionBatch.of(s)).build();
    }

    /** The same, as multipart/form-data with the batch in field {@code file} (as dataset uploads). */
    @POST
    @Path("deployments/{id}/predictions")
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @Requires(Permission.POST_PRODUCTION_DATA)
    public Response predictionsMultipart(@PathParam("id") String id, @QueryParam("batch") String batch,
                                         @FormParam("file") EntityPart file, @Context SecurityContext security)
            throws IOException {
        try (InputStream in = part(file)) {
            BatchService.Stored s = batches.predictions(reachDeployment(id, security), batch, new DatasetService.Upload(in, format(file), null),
                    (Caller) security.getUserPrincipal());
            return Response.status(s.duplicate() ? 200 : 201).entity(MonitoringViews.PredictionBatch.of(s)).build();
        }
    }

    /** The same, as multipart/form-data with the labels in field {@code file}. */
    @POST
    @Path("deployments/{id}/labels")
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @Requires(Permission.POST_PRODUCTION_DATA)
    public Response labelsMultipart(@PathParam("id") String id, @QueryParam("batch") String batch,
                                    @FormParam("file") EntityPart file, @Context SecurityContext security) throws IOException {
        try (InputStream in = part(file)) {
            BatchService.Stored s = batches.labels(reachDeployment(id, security), batch, new DatasetService.Upload(in, format(file), null),
                    (Caller) security.getUserPrincipal());
            return Response.status(s.duplicate() ? 200 : 201).entity(MonitoringViews.LabelBatch.of(s)).build();
        }
    }

    private static InputStream part(EntityPart file) {
        if (file == null) {
            throw Problem.invalid("The multipart body has no field 'file'", List.of(FieldError.at("/file", "is required")));
        }
        return file.getContent();
    }

    private static DatasetFormat format(EntityPart file) {
        return DatasetFormat.fromMediaType(file.getMediaType() == null ? null : file.getMediaType().toString())
                .or(() -> DatasetFormat.fromFileName(file.getFileName().orElse(null)))
                .orElseThrow(() -> Problem.unsupportedMediaType("The part 'file' must be text/csv, application/x-ndjson"
                        + " or application/vnd.apache.parquet (or be named *.csv, *.jsonl, *.parquet)"));
    }

    /** Rows of the card's id and label columns. 201 {batch, rows, matched, unmatched}; 200 for a batch id seen before. */
    @POST
    @Path("deployments/{id}/labels")
    @Consumes(MediaType.WILDCARD)
    @Requires(Permission.POST_PRODUCTION_DATA)
    public Response labels(@PathParam("id") String id, @QueryParam("batch") String batch,
                           @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType, InputStream body,
                           @Context SecurityContext security) {
        BatchService.Stored s = batches.labels(reachDeployment(id, security), batch, upload(contentType, body), (Caller) security.getUserPrincipal());
        return Response.status(s.duplicate() ? 200 : 201).entity(MonitoringViews.LabelBatch.of(s)).build();
    }

    /**
     * Closes and audits every window that ended at or before {@code until} (an ISO instant; at most now) and
     * was not audited with its present content. Answers the audits started (they run in the background).
     */
    @POST
    @Path("deployments/{id}/windows/close")
    @Consumes(MediaType.WILDCARD)
    @Requires(Permission.CLOSE_WINDOWS)
    public MonitoringViews.Closed close(@PathParam("id") String id, @QueryParam("until") String until,
                                        @Context SecurityContext security) {
        Instant at = instant("until", until);
        if (at == null) {
            throw Problem.badRequest("Query parameter 'until' is required: an ISO-8601 instant such as 2026-12-01T00:00:00Z");
        }
        Instant now = Instant.now();
        Instant bound = at.isAfter(now) ? now : at;
        List<WindowAudit> audited = windows.close(reachDeployment(id, security), bound, (Caller) security.getUserPrincipal());
        return new MonitoringViews.Closed(bound, audited.stream().map(w -> new MonitoringViews.ClosedWindow(w.start(), w.end(),
                w.rows(), w.labelCoverage(), w.auditId())).toList());
    }

    @GET
    @Path("deployments/{id}/windows")
    @Requires(Permission.READ_DEPLOYMENTS)
    public MonitoringViews.Windows windows(@PathParam("id") String id, @QueryParam("from") String from,
                                           @QueryParam("to") String to, @Context SecurityContext security) {
        return new MonitoringViews.Windows(windows.windows(reachDeployment(id, security), instant("from", from), instant("to", to)).stream()
                .map(WindowView::of).toList());
    }

    /** One metric across the windows: {@code scope} an attribute or intersection (none: the whole dataset), {@code group} a group of it. */
    @GET
    @Path("deployments/{id}/series")
    @Requires(Permission.READ_DEPLOYMENTS)
    public MonitoringViews.Points series(@PathParam("id") String id, @QueryParam("metric") String metric,
                                         @QueryParam("scope") String scope, @QueryParam("group") String group,
                                         @Context SecurityContext security) {
        reachDeployment(id, security);
        if (metric == null || MetricCatalogue.find(metric).isEmpty()) {
            throw Problem.badRequest("Query parameter 'metric' must name a metric of the catalogue"
                    + (metric == null ? "" : "; no metric '" + metric + "'"));
        }
        return MonitoringViews.Points.of(windows.series(id, metric, scope, group));
    }

    /** A model for this caller: 404 when it is out of their reach (a model owner reaches their own models only). */
    private void reach(String model, SecurityContext security) {
        if (!registry.reaches((Caller) security.getUserPrincipal(), model)) {
            throw Problem.notFound("No model " + model);
        }
    }

    /** A deployment for this caller: 404 when its model is out of their reach, as for one that does not exist. */
    private String reachDeployment(String id, SecurityContext security) {
        Deployment d = deployments.get(id);
        if (!registry.reaches((Caller) security.getUserPrincipal(), d.modelName())) {
            throw Problem.notFound("No deployment " + id);
        }
        return id;
    }

    private DeploymentView view(Deployment d, boolean withWindows) {
        List<SeriesAlarms.Alarm> alarms = windows.alarms(d.id(), null);
        return DeploymentView.of(d, deployments.version(d).version(), windows.health(d.id(), alarms).id(), alarms,
                withWindows ? windows.latest(d.id(), LATEST_WINDOWS) : null);
    }

    private static DatasetService.Upload upload(String contentType, InputStream body) {
        DatasetFormat format = DatasetFormat.fromMediaType(contentType).orElseThrow(() -> Problem.unsupportedMediaType(
                "Unsupported Content-Type '" + contentType + "'; send text/csv, application/x-ndjson or"
                        + " application/vnd.apache.parquet"));
        return new DatasetService.Upload(body, format, null);
    }

    private static Instant instant(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw Problem.badRequest("Query parameter '" + name + "' must be an ISO-8601 instant such as 2026-12-01T00:00:00Z");
        }
    }
}
