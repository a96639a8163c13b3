package dev.assay.portal;

import dev.assay.failure.Malformed;
import dev.assay.security.Authenticator;
import dev.assay.security.Caller;
import dev.assay.security.Identity;
import dev.assay.security.OidcProvider;
import dev.assay.security.Permission;
import dev.assay.security.Requires;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;
import jakarta.ws.rs.core.UriInfo;

import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Sign-in and sign-out of the portal. Local mode: a form checked against Assay's accounts, with
 * the same failed-attempt limits as the API. Oidc mode: the authorization-code flow with PKCE,
 * state and nonce against the provider; sign-out ends the provider's session too (RP-initiated
 * logout with the ID token as hint).
 */
@Path("portal")
public class SignInResource {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Inject
    Identity identity;

    @Inject
    Authenticator authenticator;

    @Inject
    Templates templates;

    @Context
    HttpServletRequest request;

    @Context
    UriInfo uri;

    @GET
    @Path("login")
    @Produces(MediaType.TEXT_HTML)
    @Requires(Permission.ANYONE)
    public Response login(@QueryParam("next") String next) {
        String target = safeNext(next);
        if (identity.oidc()) {
            OidcProvider provider = identity.provider().orElseThrow();
            OidcProvider.Endpoints endpoints;
            try {
                endpoints = provider.endpoints();
            } catch (OidcProvider.Unavailable e) {
                return message(503, "Sign-in unavailable", "The identity provider cannot be reached; try again shortly.",
                        true, "/portal/login", "Try again");
            }
            PortalSession.PendingSignIn pending = PortalSession.startSignIn(request, target);
            URI authorize = UriBuilder.fromUri(endpoints.authorization())
                    .queryParam("response_type", "code")
                    .queryParam("client_id", identity.settings().clientId())
                    .queryParam("redirect_uri", callbackUri())
                    .queryParam("scope", "openid profile email")
                    .queryParam("state", pending.state())
                    .queryParam("nonce", pending.nonce())
                    .queryParam("code_challenge", s256(pending.codeVerifier()))
                    .queryParam("code_challenge_method", "S256")
                    .build();
            return Response.seeOther(authorize).build();
        }
        return loginForm(target, null, 200);
    }

    private Response loginForm(String next, String message, int status) {
        Map<String, Object> m = Page.model("Sign in", request);
        m.put("formCsrf", PortalSession.csrfToken(request));
        m.put("next", next);
        m.put("message", message);
        return Page.html(status, templates.render("login", m));
    }

    private Response message(int status, String title, String message, boolean alert, String linkHref, String linkText) {
        Map<String, Object> m = Page.model(title, request);
        m.put("message", message);
        m.put("alert", alert);
        m.put("linkHref", linkHref);
        m.put("linkText", linkText);
        return Page.html(status, templates.render("message", m));
    }

    @POST
    @Path("login")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    @Requires(Permission.ANYONE)
    public Response submitLogin(@FormParam("username") String username, @FormParam("password") String password,
                                @FormParam("csrf") String csrf, @FormParam("next") String next) {
        if (identity.oidc()) {
            return Response.seeOther(URI.create("/portal/login")).build();
        }
        if (!PortalSession.csrfMatches(request, csrf)) {
            return loginForm(safeNext(next), "The form expired; please sign in again.", 403);
        }
        Authenticator.Verdict outcome = authenticator.password(username == null ? "" : username,
                password == null ? "" : password, request.getRemoteAddr());
        if (outcome instanceof Authenticator.Verdict.Accepted accepted) {
            PortalSession.signIn(request, accepted.caller(), null);
            return Response.seeOther(URI.create(safeNext(next))).build();
        }
        if (outcome instanceof Authenticator.Verdict.Throttled throttled) {
            Response page = loginForm(safeNext(next), "Too many failed attempts; try again in "
                    + Math.max(1, throttled.retryAfter().toSeconds()) + " s.", 429);
            return Response.fromResponse(page).header("Retry-After", Math.max(1, throttled.retryAfter().toSeconds())).build();
        }
        return loginForm(safeNext(next), "Unknown user name or wrong password.", 401);
    }

    @GET
    @Path("callback")
    @Produces(MediaType.TEXT_HTML)
    @Requires(Permission.ANYONE)
    public Response callback(@QueryParam("code") String code, @QueryParam("state") String state,
                             @QueryParam("error") String error) {
        Optional<PortalSession.PendingSignIn> pending = PortalSession.pendingSignIn(request);
        if (!identity.oidc() || pending.isEmpty() || state == null || !MessageDigest.isEqual(
                pending.get().state().getBytes(StandardCharsets.US_ASCII), state.getBytes(StandardCharsets.US_ASCII))) {
            return failed("The sign-in could not be matched to one started here; please sign in again.");
        }
        if (error != null || code == null) {
            return failed("The identity provider refused the sign-in (" + (error == null ? "no code" : error) + ").");
        }
        OidcProvider provider = identity.provider().orElseThrow();
        Optional<Caller> caller;
        Optional<String> idToken;
        try {
            Optional<JsonObject> tokens = exchange(provider, code, pending.get().codeVerifier());
            idToken = tokens.map(t -> t.getString("id_token", null));
            caller = idToken.flatMap(t -> provider.verifyIdToken(t, pending.get().nonce()));
        } catch (OidcProvider.Unavailable e) {
            return message(503, "Sign-in unavailable", "The identity provider cannot be reached; try again shortly.",
                    true, "/portal/login", "Try again");
        }
        if (caller.isEmpty()) {
            return failed("The identity provider's answer could not be verified; please sign in again.");
        }
        PortalSession.signIn(request, caller.get(), idToken.get());
        return Response.seeOther(URI.create(pending.get().next())).build();
    }

    private Optional<JsonObject> exchange(OidcProvider provider, String code, String verifier) {
        String form = Map.of("grant_type", "authorization_code", "code", code,
                        "redirect_uri", callbackUri().toString(), "code_verifier", verifier).entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        String client = URLEncoder.encode(identity.settings().clientId(), StandardCharsets.UTF_8) + ":"
                + URLEncoder.encode(identity.settings().clientSecret(), StandardCharsets.UTF_8);
        try {
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(provider.endpoints().token())
                    .timeout(Duration.ofSeconds(10))
                    .header("Content-Type", MediaType.APPLICATION_FORM_URLENCODED)
                    .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(client.getBytes(StandardCharsets.UTF_8)))
                    .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
            return r.statusCode() == 200 ? Optional.of(Json.createReader(new StringReader(r.body())).readObject()) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    @POST
    @Path("logout")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Requires(Permission.ANYONE)
    public Response logout(@FormParam("csrf") String csrf) {
        if (!PortalSession.csrfMatches(request, csrf)) {
            return message(403, "Not signed out", "The form expired.", true, "/portal/", "Back to the portal");
        }
        Optional<String> idToken = PortalSession.signOut(request);
        URI signedOut = uri.getBaseUriBuilder().path("portal/signed-out").build();
        URI endSession = null;
        if (identity.oidc()) {
            try {
                endSession = identity.provider().orElseThrow().endpoints().endSession();
            } catch (OidcProvider.Unavailable e) {
                // Signed out here; the provider's session ends by its own timeout.
                endSession = null;
            }
        }
        if (endSession != null) {
            UriBuilder end = UriBuilder.fromUri(endSession)
                    .queryParam("client_id", identity.settings().clientId())
                    .queryParam("post_logout_redirect_uri", signedOut);
            idToken.ifPresent(t -> end.queryParam("id_token_hint", t));
            return Response.seeOther(end.build()).build();
        }
        return Response.seeOther(signedOut).build();
    }

    @GET
    @Path("signed-out")
    @Produces(MediaType.TEXT_HTML)
    @Requires(Permission.ANYONE)
    public Response signedOut() {
        return message(200, "Signed out", "You are signed out.", false, "/portal/login", "Sign in again");
    }

    private Response failed(String text) {
        return message(401, "Sign-in failed", text, true, "/portal/login", "Sign in");
    }

    private URI callbackUri() {
        return uri.getBaseUriBuilder().path("portal/callback").build();
    }

    /**
     * Only a path inside the portal: never an absolute URL (no open redirect), and one a Location header
     * can carry: a line break or other control character is a 400 (Malformed; it was a 500 when the
     * redirect was built), any other text no URI can hold is the dashboard.
     */
    static String safeNext(String next) {
        if (next != null && next.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            throw new Malformed("The 'next' field holds a line break or another control character; it must be a portal path");
        }
        if (next == null || !next.startsWith("/portal/") || next.startsWith("//") || next.contains("\\") || next.contains("://")) {
            return "/portal/";
        }
        try {
            URI.create(next);
            return next;
        } catch (IllegalArgumentException e) {
            return "/portal/";
        }
    }

    static String s256(String verifier) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
