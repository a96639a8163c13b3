package dev.assay.it;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.SignedJWT;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Oidc mode against the run's real Keycloak: every refusal case of a bearer JWT, the CI
 * service account's client-credentials flow, and the portal's authorization-code sign-in and
 * sign-out round trip.
 */
@ExtendWith(LibertyServer.class)
class OidcIdentityIT {

    private static final String MODELS = "/api/v1/models";

    private static int status(String authorization) throws Exception {
        return Api.anonymous().withAuthorization(authorization).get(MODELS).status();
    }

    @Test
    void aRealTokenIsAcceptedAndEveryForgeryIsRefusedWith401() throws Exception {
        String real = Api.freshKeycloakToken("assay", "assay-test", "owner");
        assertEquals(200, status("Bearer " + real));
        assertEquals(401, Api.anonymous().get(MODELS).status());

        SignedJWT parsed = SignedJWT.parse(real);
        String[] parts = real.split("\\.");

        // Signed by another key, with the same kid and claims.
        RSAKey other = new RSAKeyGenerator(2048).keyID(parsed.getHeader().getKeyID()).generate();
        SignedJWT forged = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(other.getKeyID()).build(),
                parsed.getJWTClaimsSet());
        forged.sign(new RSASSASigner(other));
        assertEquals(401, status("Bearer " + forged.serialize()));

        // alg: none, with the real payload.
        String none = b64("{\"alg\":\"none\",\"typ\":\"JWT\"}") + "." + parts[1] + ".";
        assertEquals(401, status("Bearer " + none));

        // A tampered payload under the real signature: the owner makes itself admin.
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
        assertTrue(payload.contains("\"model-owner\""), payload);
        String tampered = parts[0] + "." + b64(payload.replace("\"model-owner\"", "\"admin\"")) + "." + parts[2];
        assertEquals(401, status("Bearer " + tampered));

        // HS256 "signed" with the provider's public key as the HMAC secret (key confusion), both as
        // DER and as the JWKS JSON text an attacker would find.
        KeycloakServer kc = LibertyServer.get().keycloak();
        String jwksText = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(kc.issuer() + "/protocol/openid-connect/certs")).build(), HttpResponse.BodyHandlers.ofString()).body();
        RSAKey published = JWKSet.parse(jwksText).getKeys().stream()
                .filter(k -> k instanceof RSAKey && parsed.getHeader().getKeyID().equals(k.getKeyID()))
                .map(k -> (RSAKey) k).findFirst().orElseThrow();
        for (byte[] secret : List.of(published.toRSAPublicKey().getEncoded(), published.toJSONString().getBytes(StandardCharsets.UTF_8))) {
            SignedJWT hmac = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID(published.getKeyID()).build(),
                    parsed.getJWTClaimsSet());
            hmac.sign(new MACSigner(secret));
            assertEquals(401, status("Bearer " + hmac.serialize()));
        }

        // Another realm of the same Keycloak (another issuer), and the right realm without Assay's audience.
        assertEquals(401, status("Bearer " + Api.freshKeycloakToken("assay-other", "assay-test", "admin")));
        assertEquals(401, status("Bearer " + Api.freshKeycloakToken("assay", "assay-test-other-audience", "owner")));

        // Expired: a one-second token, good at once, refused once it and the one-second tolerance pass.
        String shortLived = Api.freshKeycloakToken("assay", "assay-test-short", "owner");
        assertEquals(200, status("Bearer " + shortLived));
        Thread.sleep(3_500);
        Api.Reply expired = Api.anonymous().withAuthorization("Bearer " + shortLived).get(MODELS);
        assertEquals(401, expired.status());
        assertTrue(expired.contentType().startsWith("application/problem+json"), expired.contentType());
    }

    @Test
    void ciServiceAccountUsesClientCredentialsAndIsRecordedAsTheActor() throws Exception {
        Api ci = Api.anonymous().withAuthorization("Bearer " + Api.ciServiceAccountToken());
        String version = WalkingSkeletonIT.register(ci, "oidc-ci");
        assertEquals(200, ci.get(version + "/gate").status());
        // ci-gate may not manage policies or read the ledger.
        assertEquals(403, ci.get("/api/v1/ledger").status());
        var entries = Api.keycloakUser("auditor").get("/api/v1/ledger?limit=1000").json().getJsonArray("entries")
                .getValuesAs(JsonObject.class);
        assertTrue(entries.stream().anyMatch(e -> e.getString("kind").equals("version.registered")
                && e.getString("actor").equals("service-account-assay-ci")), entries.toString());
    }

    @Test
    void portalSignInWithTheAuthorizationCodeFlowAndSignOutAtKeycloak() throws Exception {
        HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieJar())
                .followRedirects(HttpClient.Redirect.NEVER).build();
        URI base = LibertyServer.get().base();

        HttpResponse<String> home = get(browser, base.resolve("/portal/"));
        assertEquals(303, home.statusCode());
        HttpResponse<String> login = get(browser, base.resolve(home.headers().firstValue("location").orElseThrow()));
        assertEquals(303, login.statusCode());
        URI authorize = URI.create(login.headers().firstValue("location").orElseThrow());
        assertTrue(authorize.toString().startsWith(LibertyServer.get().keycloak().issuer() + "/protocol/openid-connect/auth"), authorize.toString());
        assertTrue(authorize.getQuery().contains("code_challenge_method=S256"), authorize.toString());

        HttpResponse<String> form = get(browser, authorize);
        assertEquals(200, form.statusCode());
        HttpResponse<String> submitted = post(browser, loginAction(form.body()),
                "username=owner&password=" + URLEncoder.encode(LibertyServer.get().keycloak().demoPassword, StandardCharsets.UTF_8)
                        + "&credentialId=");
        assertEquals(302, submitted.statusCode(), submitted.body());
        URI callback = URI.create(submitted.headers().firstValue("location").orElseThrow());
        assertTrue(callback.toString().startsWith(base + "/portal/callback?"), callback.toString());

        // A replayed or foreign state is refused before any token exchange.
        String forgedState = callback.toString().replaceAll("state=[^&]+", "state=forged");
        HttpClient stranger = HttpClient.newBuilder().cookieHandler(new CookieJar()).followRedirects(HttpClient.Redirect.NEVER).build();
        assertEquals(401, get(stranger, URI.create(forgedState)).statusCode());

        HttpResponse<String> back = get(browser, callback);
        assertEquals(303, back.statusCode(), back.body());
        assertEquals("/portal/", URI.create(back.headers().firstValue("location").orElseThrow()).getPath());
        String cookie = back.headers().allValues("set-cookie").stream().filter(c -> c.startsWith("ASSAY_SESSION=")).findFirst().orElseThrow();
        assertTrue(cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax"), cookie);

        HttpResponse<String> signedIn = get(browser, base.resolve("/portal/"));
        assertEquals(200, signedIn.statusCode());
        assertTrue(signedIn.body().contains("Signed in as <strong>owner</strong>"), signedIn.body());
        assertTrue(signedIn.body().contains("model-owner"), signedIn.body());
        String csp = signedIn.headers().firstValue("content-security-policy").orElseThrow();
        assertTrue(csp.contains("frame-ancestors 'none'") && csp.contains("form-action 'self' http://127.0.0.1:"), csp);

        // Sign out: without the CSRF token nothing happens; with it, the session ends here and at Keycloak.
        assertEquals(403, post(browser, base.resolve("/portal/logout"), "csrf=wrong").statusCode());
        HttpResponse<String> logout = post(browser, base.resolve("/portal/logout"), "csrf=" + csrf(signedIn.body()));
        assertEquals(303, logout.statusCode());
        URI endSession = URI.create(logout.headers().firstValue("location").orElseThrow());
        assertTrue(endSession.toString().contains("/protocol/openid-connect/logout") && endSession.getQuery().contains("id_token_hint="),
                endSession.toString());
        HttpResponse<String> atKeycloak = get(browser, endSession);
        assertEquals(302, atKeycloak.statusCode(), atKeycloak.body());
        assertEquals(base.resolve("/portal/signed-out"), URI.create(atKeycloak.headers().firstValue("location").orElseThrow()));
        assertEquals(303, get(browser, base.resolve("/portal/")).statusCode());
        // Keycloak's own session is gone too: signing in again shows the login form, not a silent code.
        HttpResponse<String> again = get(browser, URI.create(get(browser, base.resolve("/portal/login")).headers()
                .firstValue("location").orElseThrow()));
        assertEquals(200, again.statusCode());
        assertTrue(again.body().contains("kc-form-login"));
    }

    static URI loginAction(String html) {
        Matcher m = Pattern.compile("<form[^>]*id=\"kc-form-login\"[^>]*action=\"([^\"]+)\"").matcher(html);
        assertTrue(m.find(), "no Keycloak login form in " + html);
        return URI.create(m.group(1).replace("&amp;", "&"));
    }

    static String csrf(String html) {
        Matcher m = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"").matcher(html);
        assertTrue(m.find(), "no CSRF field in " + html);
        return m.group(1);
    }

    static HttpResponse<String> get(HttpClient client, URI uri) throws Exception {
        return client.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
    }

    static HttpResponse<String> post(HttpClient client, URI uri, String form) throws Exception {
        return client.send(HttpRequest.newBuilder(uri).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String b64(String s) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void basicCredentialsAreRefusedInOidcMode() throws Exception {
        Api.Reply refused = Api.adminBasic().send("POST", "/api/v1/tokens", "application/json",
                "{\"name\":\"x\",\"roles\":[\"admin\"]}".getBytes());
        assertEquals(401, refused.status());
        assertTrue(refused.json().getString("detail").contains("oidc mode"), refused.text());
    }
}
