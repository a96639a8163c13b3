package dev.assay.web;

import dev.assay.api.Problem;
import dev.assay.portal.PortalSession;
import dev.assay.security.Authenticator;
import dev.assay.security.Caller;
import dev.assay.security.Permission;
import dev.assay.security.Requires;
import dev.assay.security.Role;
import dev.assay.security.SessionAuthenticated;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.ext.Provider;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.security.Principal;
import java.util.Base64;

/**
 * Authenticates every API request (a bearer API token or, in oidc mode, a bearer JWT; HTTP basic
 * only to obtain a token in local mode) and checks the {@link Requires} permission of the matched
 * method. Deny by default: a method that declares nothing is refused. Portal pages
 * ({@code dev.assay.portal}) authenticate by their session instead and declare {@link Requires}
 * the same way.
 */
@Provider
@Priority(Priorities.AUTHENTICATION)
public class AuthenticationFilter implements ContainerRequestFilter {

    @Context
    ResourceInfo resourceInfo;

    @Context
    HttpServletRequest servletRequest;

    @Inject
    Authenticator authenticator;

    @Override
    public void filter(ContainerRequestContext request) {
        Requires requires = resourceInfo.getResourceMethod() == null ? null
                : resourceInfo.getResourceMethod().getAnnotation(Requires.class);
        if (requires != null && requires.value().isPublic()) {
            return;
        }
        if (resourceInfo.getResourceClass() != null && resourceInfo.getResourceClass().isAnnotationPresent(SessionAuthenticated.class)) {
            filterSession(request, requires);
            return;
        }
        // HTTP basic (a slow password check) is for obtaining a token only; everything else takes tokens.
        boolean basicAllowed = requires != null && requires.value() == Permission.CREATE_TOKEN;
        Authenticator.Verdict outcome = authenticate(request.getHeaderString(HttpHeaders.AUTHORIZATION), basicAllowed);
        if (outcome instanceof Authenticator.Verdict.Unavailable unavailable) {
            request.abortWith(new Problem(503, "identity-provider-unavailable", "Identity provider unavailable",
                    unavailable.reason() + "; try again shortly", List.of()).toResponse());
            return;
        }
        if (outcome instanceof Authenticator.Verdict.Throttled throttled) {
            request.abortWith(Problem.tooManyAttempts(throttled.retryAfter()).toResponse());
            return;
        }
        if (!(outcome instanceof Authenticator.Verdict.Accepted accepted)) {
            String reason = outcome instanceof Authenticator.Verdict.Rejected rejected ? rejected.reason()
                    : basicAllowed ? "A valid bearer token, or HTTP basic credentials, are required"
                    : "A valid bearer token is required";
            request.abortWith(Problem.unauthorized(reason).toResponse());
            return;
        }
        Caller caller = accepted.caller();
        if (requires == null || !requires.value().grantedToAny(caller.roles())) {
            request.abortWith(Problem.forbidden("Your roles do not allow this call").toResponse());
            return;
        }
        request.setSecurityContext(securityContext(caller, request.getSecurityContext().isSecure()));
    }

    /** Portal pages: the session's caller, the CSRF token on anything that changes state. */
    private void filterSession(ContainerRequestContext request, Requires requires) {
        Optional<Caller> caller = PortalSession.caller(servletRequest).filter(authenticator::stillActive);
        if (caller.isEmpty()) {
            PortalSession.signOut(servletRequest);
            if (request.getMethod().equals("GET")) {
                String next = request.getUriInfo().getRequestUri().getRawPath();
                request.abortWith(Response.seeOther(UriBuilder.fromPath("/portal/login").queryParam("next", next).build()).build());
            } else {
                request.abortWith(Problem.unauthorized("Sign in first").toResponse());
            }
            return;
        }
        if (!SAFE_METHODS.contains(request.getMethod())
                && !PortalSession.csrfMatches(servletRequest, request.getHeaderString("X-CSRF-Token"))
                && !PortalSession.csrfMatches(servletRequest, formField(request, "csrf"))) {
            request.abortWith(Problem.forbidden("Missing or wrong CSRF token; reload the page and try again").toResponse());
            return;
        }
        if (requires == null || !requires.value().grantedToAny(caller.get().roles())) {
            request.abortWith(Problem.forbidden("Your roles do not allow this page").toResponse());
            return;
        }
        request.setSecurityContext(securityContext(caller.get(), request.getSecurityContext().isSecure()));
    }

    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS");

    /**
     * One field of a url-encoded form, through the servlet's parameter parsing, which RESTEasy reads
     * too when it binds {@code @FormParam}s (reading the entity stream here would leave them empty).
     */
    private String formField(ContainerRequestContext request, String name) {
        if (request.getMediaType() == null || !request.getMediaType().isCompatible(MediaType.APPLICATION_FORM_URLENCODED_TYPE)) {
            return null;
        }
        return servletRequest.getParameter(name);
    }

    static SecurityContext securityContext(Caller caller, boolean secure) {
        return new SecurityContext() {
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
        };
    }

    /** Null when no credentials were presented. */
    private Authenticator.Verdict authenticate(String authorization, boolean basicAllowed) {
        if (authorization == null) {
            return null;
        }
        String source = servletRequest == null ? "unknown" : servletRequest.getRemoteAddr();
        if (authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return authenticator.bearer(authorization.substring(7).trim(), source);
        }
        if (basicAllowed && authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            String decoded;
            try {
                decoded = new String(Base64.getDecoder().decode(authorization.substring(6).trim()), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                return new Authenticator.Verdict.Rejected("Malformed HTTP basic credentials");
            }
            int colon = decoded.indexOf(':');
            return colon < 0 ? new Authenticator.Verdict.Rejected("Malformed HTTP basic credentials")
                    : authenticator.password(decoded.substring(0, colon), decoded.substring(colon + 1), source);
        }
        return null;
    }
}
