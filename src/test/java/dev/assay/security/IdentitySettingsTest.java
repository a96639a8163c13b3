package dev.assay.security;

import com.nimbusds.jwt.JWTClaimsSet;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class IdentitySettingsTest {

    @Test
    void localByDefaultAndOidcFromTheEnvironment() {
        assertEquals(IdentitySettings.Mode.LOCAL, IdentitySettings.fromMap(Map.of()).mode());
        IdentitySettings oidc = IdentitySettings.fromMap(Map.of("ASSAY_AUTH_MODE", "oidc",
                "ASSAY_OIDC_ISSUER", "http://127.0.0.1:8180/realms/assay/", "ASSAY_OIDC_CLIENT_ID", "assay-portal",
                "ASSAY_OIDC_CLIENT_SECRET", "s3cret"));
        assertTrue(oidc.oidc());
        assertEquals("http://127.0.0.1:8180/realms/assay", oidc.issuer().toString(), "a trailing slash is not part of the issuer");
        assertEquals("assay", oidc.audience());
        assertEquals(Duration.ofSeconds(30), oidc.clockSkew());
    }

    @Test
    void oidcWithoutIssuerOrClientOrWithAnUnknownModeIsAStartupError() {
        assertThrows(IllegalStateException.class, () -> IdentitySettings.fromMap(Map.of("ASSAY_AUTH_MODE", "oidc")));
        assertThrows(IllegalStateException.class, () -> IdentitySettings.fromMap(Map.of("ASSAY_AUTH_MODE", "oidc",
                "ASSAY_OIDC_ISSUER", "http://x/realms/a")));
        assertThrows(IllegalStateException.class, () -> IdentitySettings.fromMap(Map.of("ASSAY_AUTH_MODE", "oidc",
                "ASSAY_OIDC_ISSUER", "http://x/realms/a", "ASSAY_OIDC_CLIENT_ID", "portal")), "no client secret");
        assertThrows(IllegalStateException.class, () -> IdentitySettings.fromMap(Map.of("ASSAY_AUTH_MODE", "ldap")));
    }

    @Test
    void rolesComeFromTheGroupsClaimAndUnknownGroupsAreIgnored() {
        Caller caller = OidcProvider.caller(new JWTClaimsSet.Builder().subject("f00").claim("preferred_username", "ada")
                .claim("groups", List.of("auditor", "offline_access", "admin")).build());
        assertEquals("ada", caller.name());
        assertEquals(EnumSet.of(Role.AUDITOR, Role.ADMIN), caller.roles());
        Caller service = OidcProvider.caller(new JWTClaimsSet.Builder().subject("f01").build());
        assertEquals("f01", service.name());
        assertTrue(service.roles().isEmpty());
    }
}
