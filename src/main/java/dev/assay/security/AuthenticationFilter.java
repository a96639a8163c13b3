package dev.assay.security;

import dev.assay.api.Problem;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.ext.Provider;

import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.util.Base64;
import java.util.Optional;

/**
 * Authenticates every API request (bearer API token, or HTTP basic for the token endpoint) and
 * checks the {@link Requires} permission of the matched method. Deny by default: a method that
 * declares nothing is refused.
 */
@Provider
@Priority(Priorities.AUTHENTICATION)
public class AuthenticationFilter implements ContainerRequestFilter {

    @Context
    ResourceInfo resourceInfo;

    @Inject
    AccountService accounts;

    @Override
    public void filter(ContainerRequestContext request) {
        Requires requires = resourceInfo.getResourceMethod() == null ? null
                : resourceInfo.getResourceMethod().getAnnotation(Requires.class);
        if (requires != null && requires.value().isPublic()) {
            return;
        }
        // HTTP basic (a slow password check) is for obtaining a token only; everything else takes tokens.
        boolean basicAllowed = requires != null && requires.value() == Permission.CREATE_TOKEN;
        Optional<Caller> authenticated = authenticate(request.getHeaderString(HttpHeaders.AUTHORIZATION), basicAllowed);
        if (authenticated.isEmpty()) {
            request.abortWith(Problem.unauthorized(basicAllowed
                    ? "A valid bearer token, or HTTP basic credentials, are required"
                    : "A valid bearer token is required").toResponse());
            return;
        }
        Caller caller = authenticated.get();
        if (requires == null || !requires.value().grantedToAny(caller.roles())) {
            request.abortWith(Problem.forbidden("Your roles do not allow this call").toResponse());
            return;
        }
        boolean secure = request.getSecurityContext().isSecure();
        request.setSecurityContext(new SecurityContext() {
            @Override
            public Principal getUserPrincipal() {
                return caller;
            }

            @Override
            public boolean isUserInRole(String role) {
                return Role.byId(role).map(caller.roles()::contains).orElse(false);
            }

            @Override
            public boolean isSecure() {
                return secure;
            }

            @Override
            public String getAuthenticationScheme() {
                return "Bearer";
            }
        });
    }

    private Optional<Caller> authenticate(String authorization, boolean basicAllowed) {
        if (authorization == null) {
            return Optional.empty();
        }
        if (authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return accounts.authenticateToken(authorization.substring(7).trim());
        }
        if (basicAllowed && authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            String decoded;
            try {
                decoded = new String(Base64.getDecoder().decode(authorization.substring(6).trim()),
                        StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                return Optional.empty();
            }
            int colon = decoded.indexOf(':');
            return colon < 0 ? Optional.empty()
                    : accounts.authenticatePassword(decoded.substring(0, colon), decoded.substring(colon + 1));
        }
        return Optional.empty();
    }
}
