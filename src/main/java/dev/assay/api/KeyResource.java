package dev.assay.api;

import dev.assay.failure.FieldError;
import dev.assay.infrastructure.SchemaCheck;
import dev.assay.report.ReportService;
import dev.assay.report.SigningKeys;
import dev.assay.security.Permission;
import dev.assay.security.Requires;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;

import java.util.ArrayList;
import java.util.List;

/** Signing key management. */
@Path("api/v1")
@Produces(MediaType.APPLICATION_JSON)
public class KeyResource {

    /** The body of a revocation: unknown keys and wrong types are errors, never ignored. */
    private static final SchemaCheck REVOCATION = SchemaCheck.load("policies/schema/key-revocation.schema.json");

    @Inject
    ReportService reports;

    /** A new signing key (admin); earlier keys stay published for verification. */
    @POST
    @Path("keys/rotate")
    @Requires(Permission.ROTATE_KEYS)
    public KeyRotationView rotate(@Context SecurityContext security) {
        SigningKeys keys = reports.rotate(security.getUserPrincipal().getName());
        return new KeyRotationView(keys.keyId(), keys.publicJwks().getKeys().stream().map(k -> k.getKeyID()).toList());
    }

    /**
     * Revokes an earlier key (admin), e.g. after a suspected compromise. Body: {"reason": "..."}.
     * Reports it signed then verify as invalid with the reason "revoked key"; the key stays published
     * so verifiers can name it. The answer is the published list of revoked keys, the very document of
     * {@code /.well-known/assay-revoked-keys.json} that offline verifiers read, so it stays that JSON
     * rather than a view record.
     */
    @POST
    @Path("keys/{kid}/revoke")
    @Consumes(MediaType.APPLICATION_JSON)
    @Requires(Permission.ROTATE_KEYS)
    public JsonObject revoke(@PathParam("kid") String kid, String text, @Context SecurityContext security) {
        JsonBodies.Body checked = JsonBodies.object(text, REVOCATION);
        JsonObject body = checked.json();
        String reason = body.get("reason") instanceof JsonString s ? s.getString().strip() : "";
        List<FieldError> errors = new ArrayList<>();
        if (reason.length() < 10 || reason.length() > 1000) {
            errors.add(FieldError.at("/reason", "must be a string of 10 to 1000 characters"));
        }
        checked.check("The revocation (say why the key is revoked)", errors);
        return switch (reports.revoke(kid, reason, security.getUserPrincipal().getName())) {
            case UNKNOWN_KEY -> throw Problem.notFound("No published key with id " + kid);
            case CURRENT_KEY -> throw Problem.conflict("Key " + kid + " is the current signing key: rotate first, then revoke it");
            case ALREADY_REVOKED -> throw Problem.conflict("Key " + kid + " is already revoked");
            case REVOKED -> reports.revocations().toJson();
        };
    }
}
