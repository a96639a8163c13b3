package dev.assay.api;

import dev.assay.failure.Failure;
import dev.assay.failure.FieldError;
import dev.assay.policy.PolicyCatalog;
import dev.assay.policy.PolicyParser;
import dev.assay.policy.StoredPolicy;
import dev.assay.security.Permission;
import dev.assay.security.Requires;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.net.URI;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;

@Path("api/v1")
public class PolicyResource {

    @Inject
    PolicyCatalog policies;

    @Inject
    dev.assay.audit.AuditService audits;

    @GET
    @Path("policies")
    @Produces(MediaType.APPLICATION_JSON)
    @Requires(Permission.READ_POLICIES)
    public JsonObject list() {
        JsonArrayBuilder list = Json.createArrayBuilder();
        for (StoredPolicy p : policies.all()) {
            list.add(view(p));
        }
        return Json.createObjectBuilder().add("policies", list).build();
    }

    /** Stores a new version of a pack (admin). 201 new, 200 the same content again, 409 another content under a stored version. */
    @PUT
    @Path("policies/{id}")
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    @Requires(Permission.MANAGE_POLICIES)
    public Response put(@PathParam("id") String id, String yaml, @Context SecurityContext security) {
        PolicyCatalog.Stored stored = policies.store(id, yaml, security.getUserPrincipal().getName());
        JsonObject view = view(stored.policy());
        return stored.created() ? Response.created(URI.create("/api/v1/policies/" + id)).entity(view).build()
                : Response.ok(view).build();
    }

    /** Checks a pack without storing it: every error at once, each with line and column. */
    @POST
    @Path("policies/validate")
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    @Requires(Permission.READ_POLICIES)
    public JsonObject validate(String yaml) {
        try {
            var policy = PolicyParser.parse(yaml == null ? "" : yaml);
            return Json.createObjectBuilder().add("valid", true).add("id", policy.id()).add("version", policy.version())
                    .add("sha256", policy.sha256()).add("errors", JsonValue.EMPTY_JSON_ARRAY).build();
        } catch (Failure failure) {
            // A verdict, not a failed call: the same errors the store would answer, inside a 200.
            Problem p = Problem.of(failure);
            JsonArrayBuilder errors = Json.createArrayBuilder();
            p.errors().forEach(e -> errors.add(Problem.json(e)));
            if (p.errors().isEmpty()) {
                errors.add(Json.createObjectBuilder().add("message", p.getMessage()));
            }
            return Json.createObjectBuilder().add("valid", false).add("errors", errors).build();
        }
    }

    /**
     * Which decisions would change if this pack (the YAML in the body, or the stored latest version when
     * the body is empty) had been used: every model version's latest audit, re-evaluated; nothing stored.
     */
    @POST
    @Path("policies/{id}/backtest")
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    @Requires(Permission.BACKTEST_POLICY)
    public JsonObject backtest(@PathParam("id") String id, @QueryParam("version") String version, String yaml) {
        // The pack sent inline, else the stored version asked for, else the latest stored one.
        var candidate = yaml != null && !yaml.isBlank() ? PolicyParser.parse(yaml)
                : version == null ? policies.latest(id).policy()
                : policies.versions(id).stream().filter(p -> p.version().equals(version)).findFirst()
                .orElseThrow(() -> Problem.notFound("No version " + version + " of policy '" + id + "'")).policy();
        if (!candidate.id().equals(id)) {
            throw Problem.invalid("The pack's id must equal the id in the path",
                    java.util.List.of(FieldError.at("/id", "is '" + candidate.id() + "', the path says '" + id + "'")));
        }
        JsonArrayBuilder lines = Json.createArrayBuilder();
        int changed = 0;
        for (var line : audits.backtest(candidate)) {
            changed += line.changed() ? 1 : 0;
            lines.add(Json.createObjectBuilder().add("audit", line.audit()).add("model", line.model())
                    .add("version", line.version()).add("before", line.before()).add("after", line.after())
                    .add("changed", line.changed()));
        }
        return Json.createObjectBuilder().add("policy", Json.createObjectBuilder().add("id", candidate.id())
                        .add("version", candidate.version()).add("sha256", candidate.sha256()))
                .add("changed", changed).add("audits", lines).build();
    }

    /** Every stored version of a pack, newest first. */
    @GET
    @Path("policies/{id}/versions")
    @Produces(MediaType.APPLICATION_JSON)
    @Requires(Permission.READ_POLICIES)
    public JsonObject versions(@PathParam("id") String id) {
        JsonArrayBuilder list = Json.createArrayBuilder();
        policies.versions(id).forEach(p -> list.add(view(p)));
        return Json.createObjectBuilder().add("versions", list).build();
    }

    private static JsonObject view(StoredPolicy p) {
        return Json.createObjectBuilder()
                .add("id", p.policyId()).add("version", p.version()).add("sha256", p.sha256())
                .add("title", p.title()).add("builtIn", p.builtIn()).add("createdAt", p.createdAt().toString()).build();
    }

    /** The YAML of the newest version of a pack. */
    @GET
    @Path("policies/{id}")
    @Produces("application/yaml")
    @Requires(Permission.READ_POLICIES)
    public String get(@PathParam("id") String id) {
        return policies.latest(id).yaml();
    }
}
