package dev.assay.api;

import dev.assay.audit.AuditService;
import dev.assay.audit.GateService;
import dev.assay.dataset.DatasetService;
import dev.assay.registry.ModelCard;
import dev.assay.registry.ModelCardParser;
import dev.assay.registry.ModelRegistry;
import dev.assay.registry.ModelVersion;
import dev.assay.security.Caller;
import dev.assay.security.Permission;
import dev.assay.security.Requires;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
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
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** Class paths are all "api/v1": JAX-RS picks one class by its path and never backtracks to another. */
@Path("api/v1")
@Produces(MediaType.APPLICATION_JSON)
public class ModelResource {

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
        JsonObject view = version(r.version());
        return r.created()
                ? Response.created(URI.create("/api/v1/models/" + model + "/versions/" + version)).entity(view).build()
                : Response.ok(view).build();
    }

    @GET
    @Path("models")
    @Requires(Permission.READ_RESULTS)
    public JsonObject list() {
        Map<String, ModelVersion> latest = new LinkedHashMap<>();
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (ModelVersion v : registry.all()) {
            latest.putIfAbsent(v.modelName(), v);
            counts.merge(v.modelName(), 1, Integer::sum);
        }
        JsonArrayBuilder models = Json.createArrayBuilder();
        latest.forEach((name, v) -> models.add(Json.createObjectBuilder()
                .add("model", name)
                .add("owner", v.card().owner())
                .add("versions", counts.get(name))
                .add("latestVersion", v.version())
                .add("gate", Views.gate(gates.of(v)))));
        return Json.createObjectBuilder().add("models", models).build();
    }

    @GET
    @Path("models/{model}/versions/{version}")
    @Requires(Permission.READ_RESULTS)
    public JsonObject get(@PathParam("model") String model, @PathParam("version") String version) {
        return version(registry.get(model, version));
    }

    private JsonObject version(ModelVersion v) {
        JsonArrayBuilder ds = Json.createArrayBuilder();
        datasets.ofVersion(v.id()).forEach(d -> ds.add(Views.dataset(d, v)));
        JsonArrayBuilder as = Json.createArrayBuilder();
        audits.ofVersion(v.id()).forEach(a -> as.add(Json.createObjectBuilder()
                .add("id", a.id()).add("status", a.status().name())
                .add("decision", audits.result(a.id()).map(r -> (JsonValue) Json.createValue(r.verdict().name()))
                        .orElse(JsonValue.NULL))
                .add("createdAt", a.createdAt().toString())));
        return Json.createObjectBuilder()
                .add("model", v.modelName())
                .add("version", v.version())
                .add("card", v.cardDocument())
                .add("cardSha256", v.cardSha256())
                .add("createdAt", v.createdAt().toString())
                .add("createdBy", v.createdBy())
                .add("datasets", ds)
                .add("audits", as)
                .add("gate", Views.gate(gates.of(v)))
                .build();
    }
}
