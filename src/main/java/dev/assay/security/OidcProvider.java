package dev.assay.security;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.ConfigurableJWTProcessor;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import jakarta.json.Json;
import jakarta.json.JsonObject;

import java.io.IOException;
import java.io.StringReader;
import java.net.MalformedURLException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * One OpenID Connect provider (a Keycloak realm): its endpoints from discovery, fetched on first
 * use so Assay may start before the provider, and verification of the tokens it signs.
 *
 * <p>Only asymmetric signatures are accepted: {@code alg: none} and HMAC tokens (including an HS256
 * token "signed" with the provider's public key) never reach a key. Issuer, audience, expiry and
 * not-before are checked with the configured clock skew.
 */
public final class OidcProvider {

    private static final Set<JWSAlgorithm> ACCEPTED = Set.of(JWSAlgorithm.RS256, JWSAlgorithm.RS384,
            JWSAlgorithm.RS512, JWSAlgorithm.PS256, JWSAlgorithm.ES256, JWSAlgorithm.ES384, JWSAlgorithm.EdDSA);

    private final IdentitySettings settings;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private volatile Endpoints endpoints;
    private volatile JWKSource<SecurityContext> keys;

    /** The provider could not be reached (discovery or its keys); callers answer 503, not 500. */
    public static final class Unavailable extends RuntimeException {
        Unavailable(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** What discovery says, as far as Assay needs it. */
    public record Endpoints(URI authorization, URI token, URI endSession, URI jwks) {
    }

    public OidcProvider(IdentitySettings settings) {
        this.settings = settings;
    }

    /** @throws Unavailable when discovery fails; a failure is remembered for 5 s so requests do not queue on it. */
    public Endpoints endpoints() {
        Endpoints e = endpoints;
        if (e == null) {
            synchronized (this) {
                if (endpoints == null) {
                    if (failedAt != null && Instant.now().isBefore(failedAt.plusSeconds(5))) {
                        throw new Unavailable("the identity provider at " + settings.issuer() + " is unreachable", null);
                    }
                    try {
                        endpoints = discover();
                        failedAt = null;
                    } catch (IllegalStateException ex) {
                        failedAt = Instant.now();
                        throw new Unavailable(ex.getMessage(), ex);
                    }
                }
                e = endpoints;
            }
        }
        return e;
    }

    private Instant failedAt;

    private Endpoints discover() {
        URI uri = URI.create(settings.issuer() + "/.well-known/openid-configuration");
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                throw new IllegalStateException("OIDC discovery at " + uri + " answered " + r.statusCode());
            }
            JsonObject doc = Json.createReader(new StringReader(r.body())).readObject();
            if (!settings.issuer().toString().equals(doc.getString("issuer", ""))) {
                throw new IllegalStateException("OIDC discovery at " + uri + " names issuer " + doc.getString("issuer", "?")
                        + ", not the configured " + settings.issuer());
            }
            String endSession = doc.getString("end_session_endpoint", null);
            return new Endpoints(URI.create(doc.getString("authorization_endpoint")), URI.create(doc.getString("token_endpoint")),
                    endSession == null ? null : URI.create(endSession), URI.create(doc.getString("jwks_uri")));
        } catch (IOException e) {
            throw new IllegalStateException("OIDC discovery at " + uri + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted during OIDC discovery", e);
        }
    }

    private JWKSource<SecurityContext> keys() {
        JWKSource<SecurityContext> k = keys;
        if (k == null) {
            synchronized (this) {
                if (keys == null) {
                    try {
                        keys = JWKSourceBuilder.create(endpoints().jwks().toURL()).retrying(true).build();
                    } catch (MalformedURLException e) {
                        throw new IllegalStateException("bad jwks_uri " + endpoints().jwks(), e);
                    }
                }
                k = keys;
            }
        }
        return k;
    }

    /** An access token presented to the API: audience = the configured API audience. */
    public Optional<Caller> verifyAccessToken(String token) {
        return verify(token, settings.audience(), null).map(OidcProvider::caller);
    }

    /** The ID token of a portal sign-in: audience = the portal client, and the nonce it was sent. */
    public Optional<Caller> verifyIdToken(String token, String nonce) {
        return verify(token, settings.clientId(), nonce).map(OidcProvider::caller);
    }

    private Optional<JWTClaimsSet> verify(String token, String audience, String nonce) {
        ConfigurableJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(ACCEPTED, keys()));
        JWTClaimsSet.Builder exact = new JWTClaimsSet.Builder().issuer(settings.issuer().toString());
        if (nonce != null) {
            exact.claim("nonce", nonce);
        }
        DefaultJWTClaimsVerifier<SecurityContext> claims = new DefaultJWTClaimsVerifier<>(audience, exact.build(),
                Set.of("sub", "exp", "iat"));
        claims.setMaxClockSkew((int) settings.clockSkew().toSeconds());
        processor.setJWTClaimsSetVerifier(claims);
        try {
            return Optional.of(processor.process(token, null));
        } catch (ParseException | BadJOSEException e) {
            return Optional.empty();
        } catch (JOSEException e) {
            // Nimbus reports an unreachable JWKS endpoint as a key-source failure.
            if (e.getCause() instanceof IOException || e instanceof KeySourceException) {
                throw new Unavailable("the identity provider's keys could not be fetched: " + e.getMessage(), e);
            }
            return Optional.empty();
        }
    }

    /** Roles come from the {@code groups} claim (Keycloak realm roles, by a protocol mapper). */
    static Caller caller(JWTClaimsSet claims) {
        EnumSet<Role> roles = EnumSet.noneOf(Role.class);
        Object groups = claims.getClaim("groups");
        if (groups instanceof List<?> list) {
            list.forEach(g -> Role.byId(String.valueOf(g)).ifPresent(roles::add));
        }
        String name = claims.getClaim("preferred_username") instanceof String s && !s.isBlank() ? s : claims.getSubject();
        return new Caller(name, roles);
    }
}
