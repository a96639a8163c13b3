package dev.assay.security;

import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * How Assay knows who is calling, from the environment (see the README's configuration table).
 * {@code local} (the default) keeps accounts and API tokens in Assay's database; {@code oidc}
 * trusts an OpenID Connect provider (Keycloak) for people and service accounts, and keeps API
 * tokens for CI jobs that prefer them.
 */
public record IdentitySettings(Mode mode, URI issuer, String clientId, String clientSecret, String audience,
                               Duration clockSkew) {

    public enum Mode { LOCAL, OIDC }

    public static final String DEFAULT_AUDIENCE = "assay";

    public static IdentitySettings from(Function<String, Optional<String>> env) {
        String mode = env.apply("ASSAY_AUTH_MODE").orElse("local").trim().toLowerCase(Locale.ROOT);
        if (mode.equals("local")) {
            return new IdentitySettings(Mode.LOCAL, null, null, null, null, Duration.ZERO);
        }
        if (!mode.equals("oidc")) {
            throw new IllegalStateException("ASSAY_AUTH_MODE must be 'local' or 'oidc', not '" + mode + "'");
        }
        String issuer = env.apply("ASSAY_OIDC_ISSUER").orElseThrow(() ->
                new IllegalStateException("ASSAY_AUTH_MODE=oidc needs ASSAY_OIDC_ISSUER (for example http://127.0.0.1:8180/realms/assay)"));
        String clientId = env.apply("ASSAY_OIDC_CLIENT_ID").orElseThrow(() ->
                new IllegalStateException("ASSAY_AUTH_MODE=oidc needs ASSAY_OIDC_CLIENT_ID (the portal's client)"));
        String secret = env.apply("ASSAY_OIDC_CLIENT_SECRET").orElseThrow(() ->
                new IllegalStateException("ASSAY_AUTH_MODE=oidc needs ASSAY_OIDC_CLIENT_SECRET (the portal's confidential client)"));
        long skew = env.apply("ASSAY_OIDC_CLOCK_SKEW_SECONDS").map(Long::parseLong).orElse(30L);
        return new IdentitySettings(Mode.OIDC, URI.create(issuer.replaceAll("/+$", "")), clientId, secret,
                env.apply("ASSAY_OIDC_AUDIENCE").orElse(DEFAULT_AUDIENCE), Duration.ofSeconds(skew));
    }

    public static IdentitySettings fromMap(Map<String, String> values) {
        return from(name -> Optional.ofNullable(values.get(name)).filter(v -> !v.isBlank()));
    }

    public boolean oidc() {
        return mode == Mode.OIDC;
    }
}
