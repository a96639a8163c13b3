package dev.assay.api;

import dev.assay.report.ReportService;
import dev.assay.security.Permission;
import dev.assay.security.Requires;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;

/** The public report-signing keys (RFC 7517 JWK set), for offline verification. */
@Path(".well-known")
public class JwksResource {

    @Inject
    ReportService reports;

    @GET
    @Path("jwks.json")
    @Produces("application/jwk-set+json")
    @Requires(Permission.ANYONE)
    public String jwks() {
        return reports.jwks().toString(true);
    }

    /** The revoked keys, for offline verifiers (Assay's own: --revoked). */
    @GET
    @Path("assay-revoked-keys.json")
    @Produces("application/json")
    @Requires(Permission.ANYONE)
    public String revoked() {
        return reports.revocations().toJson().toString();
    }
}
