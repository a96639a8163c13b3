package dev.assay.security;

import dev.assay.infrastructure.AssayConfig;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.Optional;

/** The identity mode this server runs in, and its OpenID Connect provider in {@code oidc} mode. */
@ApplicationScoped
public class Identity {

    @Inject
    AssayConfig config;

    private IdentitySettings settings;
    private OidcProvider provider;

    @PostConstruct
    void init() {
        settings = IdentitySettings.from(config::env);
        provider = settings.oidc() ? new OidcProvider(settings) : null;
    }

    public IdentitySettings settings() {
        return settings;
    }

    public boolean oidc() {
        return settings.oidc();
    }

    /** Present in {@code oidc} mode only. */
    public Optional<OidcProvider> provider() {
        return Optional.ofNullable(provider);
    }
}
