package dev.assay.api;

import dev.assay.policy.PolicyCatalog;
import dev.assay.policy.StoredPolicy;
import dev.assay.security.Permission;
import dev.assay.security.Requires;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

@Path("api/v1")
public class PolicyResource {

    @Inject
    PolicyCatalog policies;

    @GET
    @Path("policies")
    @Produces(MediaType.APPLICATION_JSON)
    @Requires(Permission.READ_POLICIES)
    public JsonObject list() {
        JsonArrayBuilder list = Json.createArrayBuilder();
        for (StoredPolicy p : policies.all()) {
            list.add(Json.createObjectBuilder()
                    .add("id", p.policyId()).add("version", p.version()).add("sha256", p.sha256())
                    .add("title", p.title()).add("builtIn", p.builtIn()).add("createdAt", p.createdAt().toString()));
        }
        return Json.createObjectBuilder().add("policies", list).build();
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
