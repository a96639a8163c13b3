package dev.assay.web;

import dev.assay.security.Identity;
import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.net.URI;

/**
 * Security headers on every response, API and portal alike. The portal's forms may only post to
 * Assay itself and, in oidc mode, to the provider (sign-out redirects there); nothing may frame
 * Assay's pages; no script or style comes from anywhere but Assay.
 */
@WebFilter(urlPatterns = "/*")
public class SecurityHeadersFilter extends HttpFilter {

    @Inject
    Identity identity;

    private String contentSecurityPolicy;

    @Override
    public void init() {
        String formAction = "'self'";
        if (identity.oidc()) {
            URI issuer = identity.settings().issuer();
            formAction += " " + issuer.getScheme() + "://" + issuer.getAuthority();
        }
        contentSecurityPolicy = "default-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; "
                + "frame-ancestors 'none'; form-action " + formAction;
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        response.setHeader("Content-Security-Policy", contentSecurityPolicy);
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("X-Frame-Options", "DENY");
        response.setHeader("Referrer-Policy", "no-referrer");
        if (request.getRequestURI().startsWith("/portal/") && !request.getRequestURI().startsWith("/portal/assets/")) {
            response.setHeader("Cache-Control", "no-store");
        }
        chain.doFilter(request, response);
    }
}
