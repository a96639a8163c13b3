package dev.assay.portal;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class SignInResourceTest {

    @Test
    void afterSignInOnlyPortalPathsAreFollowed() {
        assertEquals("/portal/models/x", SignInResource.safeNext("/portal/models/x"));
        for (String outside : new String[]{null, "", "https://evil.example/portal/", "//evil.example/portal/",
                "/api/v1/models", "/portal/\\\\evil", "/portal/x?u=http://evil"}) {
            assertEquals("/portal/", SignInResource.safeNext(outside), String.valueOf(outside));
        }
    }

    @Test
    void pkceChallengeIsRfc7636AppendixB() {
        // RFC 7636, Appendix B: the verifier and its S256 challenge.
        assertEquals("E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM",
                SignInResource.s256("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"));
    }
}
