package dev.assay.portal;

import dev.assay.api.Problem;
import dev.assay.audit.AuditResult;
import dev.assay.audit.AuditService;
import dev.assay.security.Permission;
import dev.assay.security.Requires;
import dev.assay.security.SessionAuthenticated;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;

import java.nio.charset.StandardCharsets;

/** The signed artefacts of an audit, for a signed-in browser (the API serves the same bytes to bearer tokens). */
@Path("portal/audits/{id}")
@SessionAuthenticated
public class ReportDownloads {

    @Inject
    AuditService audits;

    @GET
    @Path("report.json")
    @Requires(Permission.READ_RESULTS)
    public Response json(@PathParam("id") String id) {
        return download(result(id).reportJson().getBytes(StandardCharsets.UTF_8), "application/json", "assay-report-" + id + ".json");
    }

    @GET
    @Path("report.jws")
    @Requires(Permission.READ_RESULTS)
    public Response jws(@PathParam("id") String id) {
        return download(result(id).reportJws().getBytes(StandardCharsets.US_ASCII), "application/jose", "assay-report-" + id + ".jws");
    }

    @GET
    @Path("report.pdf")
    @Requires(Permission.READ_RESULTS)
    public Response pdf(@PathParam("id") String id) {
        byte[] pdf = result(id).reportPdf();
        if (pdf == null) {
            throw Problem.conflict("Audit " + id + " finished before PDF reports existed");
        }
        return download(pdf, "application/pdf", "assay-report-" + id + ".pdf");
    }

    @GET
    @Path("attestation.json")
    @Requires(Permission.READ_RESULTS)
    public Response attestation(@PathParam("id") String id) {
        return download(result(id).attestation().getBytes(StandardCharsets.UTF_8), "application/vnd.dsse.envelope.v1+json",
                "assay-attestation-" + id + ".dsse.json");
    }

    private AuditResult result(String id) {
        return audits.result(id).orElseThrow(() -> Problem.notFound("No finished audit " + id));
    }

    private static Response download(byte[] body, String type, String filename) {
        return Response.ok(body, type).header("Content-Disposition", "attachment; filename=\"" + filename + "\"").build();
    }
}
