package dev.assay.api;

import dev.assay.audit.AuditService;
import dev.assay.audit.GateService;
import dev.assay.dataset.DatasetService;
import dev.assay.failure.FieldError;
import dev.assay.infrastructure.SchemaCheck;
import dev.assay.registry.ModelCard;
import dev.assay.registry.ModelCardParser;
import dev.assay.registry.ModelRegistry;
import dev.assay.registry.ModelVersion;
import dev.assay.security.Caller;
import dev.assay.security.Permission;
import dev.assay.security.Requires;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Class paths are all "api/v1": JAX-RS picks one class by its path and never backtracks to another. */
@Path("api/v1")
@Produces(MediaType.APPLICATION_JSON)
public class ModelResource {

    /** The body of an owners assignment: unknown keys and wrong types are errors, never ignored. */
    private static final SchemaCheck OWNERS = SchemaCheck.load("policies/schema/owners-request.schema.json");

    @Inject
    ModelRegistry registry;

    @Inject
    DatasetService datasets;

    @Inject
    AuditService audits;

    @Inject
    GateService gates;

    /** Registers a version with its model card (JSON or YAML). 201 new, 200 same card, 409 different card. */
    @PUT
    @Path("models/{model}/versions/{version}")
    @Consumes(MediaType.WILDCARD)
    @Requires(Permission.REGISTER_VERSION)
    public Response register(@PathParam("model") String model, @PathParam("version") String version,
                             @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType, String body,
                             @Context SecurityContext security) {
        String type = contentType == null ? "" : contentType.toLowerCase(Locale.ROOT);
        ModelCard card;
        if (type.startsWith("application/json")) {
            card = ModelCardParser.parseJson(body, model, version);
        } else if (type.startsWith("application/yaml") || type.startsWith("application/x-yaml") || type.startsWith("text/yaml")) {
            card = ModelCardParser.parseYaml(body, model, version);
        } else {
            throw Problem.unsupportedMediaType("Send the model card as application/json or application/yaml");
        }
        ModelRegistry.Registration r = registry.register(card, (Caller) security.getUserPrincipal());
        VersionView view = version(r.version());
        return r.created()
                ? Response.created(URI.create("/api/v1/models/" + model + "/versions/" + version)).entity(view).build()
                : Response.ok(view).build();
    }

    @GET
    @Path("models")
    @Requires(Permission.READ_RESULTS)
    public ModelsView list(@Context SecurityContext security) {
        Map<String, ModelVersion> latest = new LinkedHashMap<>();
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (ModelVersion v : registry.all((Caller) security.getUserPrincipal())) {
            latest.putIfAbsent(v.modelName(), v);
            counts.merge(v.modelName(), 1, Integer::sum);
        }
        List<ModelView> models = new ArrayList<>();
        latest.forEach((name, v) -> models.add(
                new ModelView(name, v.card().owner(), counts.get(name), v.version(), GateView.of(gates.of(v)))));
        return new ModelsView(models);
    }

    @GET
    @Path("models/{model}/versions/{version}")
    @Requires(Permission.READ_RESULTS)
    public VersionView get(@PathParam("model") String model, @PathParam("version") String version,
                           @Context SecurityContext security) {
        return version(registry.get(model, version, (Caller) security.getUserPrincipal()));
    }

    /** The people who own a model: they, auditors, admins and CI reach it. */
    @GET
    @Path("models/{model}/owners")
    @Requires(Permission.READ_RESULTS)
    public OwnersView owners(@PathParam("model") String model, @Context SecurityContext security) {
        if (!registry.reaches((Caller) security.getUserPrincipal(), model) || registry.versionsOf(model).isEmpty()) {
            throw Problem.notFound("No model " + model);
        }
        return new OwnersView(model, registry.owners(model));
    }

    /** Body: {"owners": ["alice", ...]}: the model's owners from now on (admins only; recorded in the ledger). */
    @PUT
    @Path("models/{model}/owners")
    @Consumes(MediaType.WILDCARD)
    @Requires(Permission.ASSIGN_OWNERS)
    public OwnersView assignOwners(@PathParam("model") String model, String body, @Context SecurityContext security) {
        JsonBodies.Body checked = JsonBodies.object(body, OWNERS);
        List<FieldError> errors = new ArrayList<>();
        List<String> people = JsonBodies.stringList(checked.json(), "owners", errors);
        checked.check("The owners", errors);
        return new OwnersView(model, registry.assignOwners(model, people, (Caller) security.getUserPrincipal()));
    }

    private VersionView version(ModelVersion v) {
        List<DatasetView> ds = datasets.ofVersion(v.id()).stream().map(d -> DatasetView.of(d, v)).toList();
        List<VersionView.Audit> as = audits.ofVersion(v.id()).stream().map(a -> new VersionView.Audit(a.id(),
                a.status().name(), audits.result(a.id()).map(r -> r.verdict().name()).orElse(null), a.createdAt())).toList();
        return new VersionView(v.modelName(), v.version(), v.cardDocument(), v.cardSha256(), v.createdAt(), v.createdBy(),
                ds, as, GateView.of(gates.of(v)));
    }
}
