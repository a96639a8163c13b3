package dev.assay.portal;

import dev.assay.api.AuditArtifact;
import dev.assay.audit.AuditResult;
import dev.assay.audit.AuditService;
import dev.assay.report.ReportService;
import dev.assay.security.Caller;
import dev.assay.security.Permission;
import dev.assay.security.Requires;
import dev.assay.security.SessionAuthenticated;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;

/** The signed artefacts of an audit, for a signed-in browser: the same bytes the API serves to bearer tokens. */
@Path("portal/audits/{id}")
@SessionAuthenticated
public class ReportDownloads {

    @Inject
    AuditService audits;

    @Inject
    ReportService reports;

    @GET
    @Path("report.json")
    @Requires(Permission.READ_RESULTS)
    public Response json(@PathParam("id") String id, @Context SecurityContext security) {
        return AuditArtifact.REPORT_JSON.download(audits.finished(id, (Caller) security.getUserPrincipal()));
    }

    @GET
    @Path("report.jws")
    @Requires(Permission.READ_RESULTS)
    public Response jws(@PathParam("id") String id, @Context SecurityContext security) {
        return AuditArtifact.REPORT_JWS.download(audits.finished(id, (Caller) security.getUserPrincipal()));
    }

    @GET
    @Path("report.pdf")
    @Requires(Permission.READ_RESULTS)
    public Response pdf(@PathParam("id") String id, @Context SecurityContext security) {
        AuditResult result = audits.finished(id, (Caller) security.getUserPrincipal());
        return AuditArtifact.REPORT_PDF.download(result, audits.pdf(result));
    }

    @GET
    @Path("findings.csv")
    @Requires(Permission.READ_RESULTS)
    public Response findingsCsv(@PathParam("id") String id, @Context SecurityContext security) {
        return AuditArtifact.FINDINGS_CSV.download(audits.finished(id, (Caller) security.getUserPrincipal()));
    }

    @GET
    @Path("metrics.csv")
    @Requires(Permission.READ_RESULTS)
    public Response metricsCsv(@PathParam("id") String id, @Context SecurityContext security) {
        return AuditArtifact.METRICS_CSV.download(audits.finished(id, (Caller) security.getUserPrincipal()));
    }

    /** The NYC LL144 bias-audit summary of an audit that applied the nyc-ll144 pack, as a page to publish. */
    @GET
    @Path("summary.html")
    @Produces("text/html; charset=utf-8")
    @Requires(Permission.READ_RESULTS)
    public Response summaryHtml(@PathParam("id") String id, @Context SecurityContext security) {
        return AuditArtifact.LL144_SUMMARY_HTML.download(audits.finished(id, (Caller) security.getUserPrincipal()));
    }

    /** The same summary as a PAdES-signed PDF/A with the signed report attached. */
    @GET
    @Path("summary.pdf")
    @Requires(Permission.READ_RESULTS)
    public Response summaryPdf(@PathParam("id") String id, @Context SecurityContext security) {
        AuditResult result = audits.finished(id, (Caller) security.getUserPrincipal());
        return AuditArtifact.LL144_SUMMARY_PDF.download(result, reports.ll144SummaryPdf(result.reportJson(), result.reportSha256(),
                result.reportJws()));
    }

    @GET
    @Path("attestation.json")
    @Requires(Permission.READ_RESULTS)
    public Response attestation(@PathParam("id") String id, @Context SecurityContext security) {
        return AuditArtifact.ATTESTATION.download(audits.finished(id, (Caller) security.getUserPrincipal()));
    }
}
