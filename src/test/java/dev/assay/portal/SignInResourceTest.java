package dev.assay.portal;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

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
    void aLineBreakInNextIsMalformedAndOtherBadTextTheDashboard() {
        for (String injected : new String[]{"/portal/\r\nSet-Cookie: x=1", "/portal/\n", "/portal/\u0000", "/portal/\u007f"}) {
            assertThrows(dev.assay.failure.Malformed.class, () -> SignInResource.safeNext(injected), injected);
        }
        assertEquals("/portal/", SignInResource.safeNext("/portal/a b"));
        assertEquals("/portal/", SignInResource.safeNext("/portal/<x>"));
    }

    @Test
    void pkceChallengeIsRfc7636AppendixB() {
        // RFC 7636, Appendix B: the verifier and its S256 challenge.
        assertEquals("E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM",
                SignInResource.s256("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"));
    }
}
