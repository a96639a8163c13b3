package dev.assay.api;

import dev.assay.failure.FieldError;
import dev.assay.infrastructure.Clocks;
import dev.assay.infrastructure.SchemaCheck;
import dev.assay.security.AccountService;
import dev.assay.security.Caller;
import dev.assay.security.Permission;
import dev.assay.security.Requires;
import dev.assay.security.Role;
import jakarta.inject.Inject;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;

@Path("api/v1")
public class TokenResource {

    @Inject
    AccountService accounts;

    /** Its body: unknown keys and wrong types are errors, never ignored. */
    private static final SchemaCheck SCHEMA = SchemaCheck.load("policies/schema/token-request.schema.json");

    /**
     * Body: {"name", "roles": [...], "expiresInDays"?, "user"?}. The secret is in the answer, once. Anyone
     * signed in mints tokens for themselves with at most their own roles; an admin names another person
     * with {@code user} (see {@link AccountService#issueToken}).
     */
    @POST
    @Path("tokens")
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    @Requires(Permission.CREATE_TOKEN)
    public Response create(String body, @Context SecurityContext security) {
        JsonBodies.Body checked = JsonBodies.object(body, SCHEMA);
        JsonObject request = checked.json();
        List<FieldError> errors = new ArrayList<>();
        String name = JsonBodies.optionalString(request, "name", errors);
        if (name == null || name.isBlank() || name.length() > 200) {
            errors.add(FieldError.at("/name", "is required (1-200 characters)"));
        }
        EnumSet<Role> roles = JsonBodies.roles(request, "roles", errors);
        String user = JsonBodies.optionalString(request, "user", errors);
        Instant expiresAt = null;
        if (request.get("expiresInDays") instanceof JsonNumber days) {
            if (!days.isIntegral() || days.longValue() < 1 || days.longValue() > 3650) {
                errors.add(FieldError.at("/expiresInDays", "must be a whole number of days from 1 to 3650"));
            } else {
                expiresAt = Clocks.UTC_MICROS.instant().plus(Duration.ofDays(days.longValue()));
            }
        }
        checked.check("The token request", errors);
        Caller caller = (Caller) security.getUserPrincipal();
        AccountService.IssuedToken issued = accounts.issueToken(caller, user, name, roles, expiresAt);
        return Response.status(201).entity(new IssuedTokenView(issued.id(), issued.name(), issued.owner(), issued.token(),
                issued.roles().stream().map(Role::id).toList(), expiresAt)).build();
    }

    /** Every token, never its secret. */
    @GET
    @Path("tokens")
    @Produces(MediaType.APPLICATION_JSON)
    @Requires(Permission.MANAGE_TOKENS)
    public TokensView list() {
        return new TokensView(accounts.tokens().stream().map(TokenView::of).toList());
    }

    /** Revokes at once; the record stays (who issued and revoked it remains in the ledger). */
    @DELETE
    @Path("tokens/{id}")
    @Requires(Permission.MANAGE_TOKENS)
    public Response revoke(@PathParam("id") String id, @Context SecurityContext security) {
        if (!accounts.revokeToken((Caller) security.getUserPrincipal(), id)) {
            throw Problem.notFound("No token with id " + id);
        }
        return Response.noContent().build();
    }
}
