package dev.assay.api;

import dev.assay.failure.FieldError;
import dev.assay.infrastructure.SchemaCheck;
import dev.assay.security.AccountService;
import dev.assay.security.Caller;
import dev.assay.security.Identity;
import dev.assay.security.Permission;
import dev.assay.security.Requires;
import dev.assay.security.Role;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Local-mode accounts, managed by an admin. In oidc mode people live in the identity provider,
 * and these calls answer 409.
 */
@Path("api/v1")
public class UserResource {

    /** The body of a new account: unknown keys and wrong types are errors, never ignored. */
    private static final SchemaCheck SCHEMA = SchemaCheck.load("policies/schema/user-request.schema.json");

    private static final Pattern USERNAME = Pattern.compile("[a-z0-9][a-z0-9._-]{1,62}");

    @Inject
    AccountService accounts;

    @Inject
    Identity identity;

    /** Body: {"username", "roles": [...], "password"?}; without a password one is generated and answered once. */
    @POST
    @Path("users")
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    @Requires(Permission.MANAGE_USERS)
    public Response create(String body, @Context SecurityContext security) {
        requireLocalMode();
        JsonBodies.Body checked = JsonBodies.object(body, SCHEMA);
        JsonObject request = checked.json();
        List<FieldError> errors = new ArrayList<>();
        String username = JsonBodies.optionalString(request, "username", errors);
        if (username == null || !USERNAME.matcher(username).matches()) {
            errors.add(FieldError.at("/username", "is required: 2-63 characters of a-z, 0-9, '.', '_' or '-', starting with a letter or digit"));
        }
        String password = JsonBodies.optionalString(request, "password", errors);
        if (password != null && password.length() < 12) {
            errors.add(FieldError.at("/password", "must have at least 12 characters (or leave it out to have one generated)"));
        }
        EnumSet<Role> roles = JsonBodies.roles(request, "roles", errors);
        checked.check("The user", errors);
        AccountService.CreatedUser created;
        try {
            created = accounts.createUser((Caller) security.getUserPrincipal(), username, roles, password);
        } catch (IllegalArgumentException e) {
            throw Problem.conflict("A user named '" + username + "' exists");
        }
        return Response.status(201).entity(new CreatedUserView(created.username(),
                created.roles().stream().map(Role::id).toList(), created.generatedPassword())).build();
    }

    @GET
    @Path("users")
    @Produces(MediaType.APPLICATION_JSON)
    @Requires(Permission.MANAGE_USERS)
    public UsersView list() {
        return new UsersView(accounts.users().stream().map(UserView::of).toList());
    }

    @POST
    @Path("users/{username}/disable")
    @Requires(Permission.MANAGE_USERS)
    public Response disable(@PathParam("username") String username, @Context SecurityContext security) {
        requireLocalMode();
        Caller caller = (Caller) security.getUserPrincipal();
        if (caller.name().equals(username)) {
            throw Problem.conflict("An admin cannot disable their own account");
        }
        try {
            if (!accounts.disableUser(caller, username)) {
                throw Problem.notFound("No user named " + username);
            }
        } catch (IllegalStateException e) {
            throw Problem.conflict("Not disabled: " + e.getMessage() + "; enable or create another admin first");
        }
        return Response.noContent().build();
    }

    private void requireLocalMode() {
        if (identity.oidc()) {
            throw Problem.conflict("Accounts are managed in the identity provider in oidc mode");
        }
    }
}
