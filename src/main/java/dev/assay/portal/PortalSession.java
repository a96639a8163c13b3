package dev.assay.portal;

import dev.assay.security.Caller;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;

import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;

/**
 * What the portal keeps in the servlet session (cookie: HttpOnly, SameSite=Lax, Secure with TLS;
 * see server.xml): the signed-in caller, the CSRF token of the session, the ID token for logout at
 * the provider, and the state, nonce and PKCE verifier of a sign-in in progress.
 */
public final class PortalSession {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String CALLER = "assay.caller";
    private static final String CSRF = "assay.csrf";
    private static final String ID_TOKEN = "assay.idToken";
    private static final String PENDING = "assay.pendingSignIn";

    /** A sign-in sent to the provider and not yet back. */
    public record PendingSignIn(String state, String nonce, String codeVerifier, String next) implements Serializable {
    }

    private PortalSession() {
    }

    public static Optional<Caller> caller(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        return session == null ? Optional.empty() : Optional.ofNullable((Caller) session.getAttribute(CALLER));
    }

    /** The session's CSRF token, created with the session (before sign-in too: the login form needs one). */
    public static String csrfToken(HttpServletRequest request) {
        HttpSession session = request.getSession(true);
        String token = (String) session.getAttribute(CSRF);
        if (token == null) {
            token = random(32);
            session.setAttribute(CSRF, token);
        }
        return token;
    }

    public static boolean csrfMatches(HttpServletRequest request, String presented) {
        HttpSession session = request.getSession(false);
        String expected = session == null ? null : (String) session.getAttribute(CSRF);
        return expected != null && presented != null && MessageDigest.isEqual(
                expected.getBytes(StandardCharsets.US_ASCII), presented.getBytes(StandardCharsets.US_ASCII));
    }

    /** Signs in: a new session id (no fixation), a new CSRF token, the caller. */
    public static void signIn(HttpServletRequest request, Caller caller, String idToken) {
        request.getSession(true);
        request.changeSessionId();
        HttpSession session = request.getSession(false);
        session.removeAttribute(PENDING);
        session.setAttribute(CSRF, random(32));
        session.setAttribute(CALLER, caller);
        if (idToken != null) {
            session.setAttribute(ID_TOKEN, idToken);
        }
    }

    public static PendingSignIn startSignIn(HttpServletRequest request, String next) {
        PendingSignIn pending = new PendingSignIn(random(24), random(24), random(48), next);
        request.getSession(true).setAttribute(PENDING, pending);
        return pending;
    }

    public static Optional<PendingSignIn> pendingSignIn(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        return session == null ? Optional.empty() : Optional.ofNullable((PendingSignIn) session.getAttribute(PENDING));
    }

    /** Ends the session; answers the ID token, if any, for logout at the provider. */
    public static Optional<String> signOut(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        if (session == null) {
            return Optional.empty();
        }
        String idToken = (String) session.getAttribute(ID_TOKEN);
        session.invalidate();
        return Optional.ofNullable(idToken);
    }

    static String random(int bytes) {
        byte[] b = new byte[bytes];
        RANDOM.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }
}
