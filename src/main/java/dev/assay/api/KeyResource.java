package dev.assay.api;

import dev.assay.report.ReportService;
import dev.assay.report.SigningKeys;
import dev.assay.security.Permission;
import dev.assay.security.Requires;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;

/** Signing key management. */
@Path("api/v1")
@Produces(MediaType.APPLICATION_JSON)
public class KeyResource {

    @Inject
    ReportService reports;

    /** A new signing key (admin); earlier keys stay published for verification. */
    @POST
    @Path("keys/rotate")
    @Requires(Permission.ROTATE_KEYS)
    public JsonObject rotate(@Context SecurityContext security) {
        SigningKeys keys = reports.rotate(security.getUserPrincipal().getName());
        JsonArrayBuilder all = Json.createArrayBuilder();
        keys.publicJwks().getKeys().forEach(k -> all.add(k.getKeyID()));
        return Json.createObjectBuilder().add("keyId", keys.keyId()).add("keys", all).build();
    }
}
