package dev.assay.portal;

import dev.assay.api.AuditArtifact;
import dev.assay.api.Problem;
import dev.assay.audit.AuditResult;
import dev.assay.audit.AuditReviews;
import dev.assay.audit.AuditRun;
import dev.assay.audit.AuditService;
import dev.assay.failure.Failure;
import dev.assay.failure.FieldError;
import dev.assay.registry.ModelRegistry;
import dev.assay.registry.ModelVersion;
import dev.assay.report.AuditorView;
import dev.assay.report.ReportDocument;
import dev.assay.report.ReportService;
import dev.assay.review.ReviewComment;
import dev.assay.review.ReviewService;
import dev.assay.review.SignOff;
import dev.assay.security.Caller;
import dev.assay.security.Permission;
import dev.assay.security.Requires;
import dev.assay.security.SessionAuthenticated;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;

import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One audit, for a signed-in browser: its page (the decision as signed, its findings, and their review: threaded
 * comments and auditors' sign-offs, with the forms to add them), and its signed artefacts, the same bytes the API
 * serves to bearer tokens. Any audit of a version is reachable here, not only the latest.
 */
@Path("portal/audits/{id}")
@SessionAuthenticated
public class AuditPages {

    @Inject
    AuditService audits;

    @Inject
    ReportService reports;

    @Inject
    AuditReviews reviews;

    @Inject
    ModelRegistry registry;

    @Inject
    Templates templates;

    @Context
    HttpServletRequest request;

    /** A comment as the page shows it. */
    public record CommentRow(String id, String author, String writtenBy, String body, Instant createdAt) {
        static CommentRow of(ReviewComment c) {
            return new CommentRow(c.id(), c.author(), c.writtenBy(), c.body(), c.createdAt());
        }
    }

    /** A thread as the page shows it: its first comment, the replies, and where it is (a rule's id, or null). */
    public record ThreadRow(String finding, CommentRow first, List<CommentRow> replies) {
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    @Requires(Permission.READ_RESULTS)
    public String page(@PathParam("id") String id, @Context SecurityContext security) {
        return templates.render("audit", model(id, (Caller) security.getUserPrincipal(), List.of(), null));
    }

    /** Form: body, finding (a rule id, or empty for the audit as a whole), replyTo (a comment id, or empty). */
    @POST
    @Path("comments")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    @Requires(Permission.COMMENT_ON_AUDITS)
    public Response comment(@PathParam("id") String id, @FormParam("body") String body, @FormParam("finding") String finding,
                            @FormParam("replyTo") String replyTo, @Context SecurityContext security) {
        Caller caller = (Caller) security.getUserPrincipal();
        try {
            ReviewComment c = reviews.comment(id, blankToNull(finding), blankToNull(replyTo), body, caller);
            return Response.seeOther(URI.create("/portal/audits/" + VersionPages.enc(id) + "#comment-" + c.id())).build();
        } catch (Failure failure) {
            return refused(id, caller, failure, body);
        }
    }

    /**
     * Form: statement, and the confirmation box, which the server requires as the waiver decisions' forms do: a
     * sign-off in one's own name is not made by a stray click.
     */
    @POST
    @Path("sign-offs")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    @Requires(Permission.SIGN_OFF_AUDITS)
    public Response signOff(@PathParam("id") String id, @FormParam("statement") String statement,
                            @FormParam("confirm") String confirm, @Context SecurityContext security) {
        Caller caller = (Caller) security.getUserPrincipal();
        if (confirm == null || confirm.isBlank()) {
            return Page.html(422, templates.render("audit", model(id, caller,
                    List.of(FieldError.at("/confirm", "tick the box to sign this audit off in your own name")), null)));
        }
        try {
            SignOff s = reviews.signOff(id, statement, caller);
            return Response.seeOther(URI.create("/portal/audits/" + VersionPages.enc(id) + "#sign-off-" + s.id())).build();
        } catch (Failure failure) {
            return refused(id, caller, failure, null);
        }
    }

    private Response refused(String id, Caller caller, Failure failure, String draft) {
        Problem p = Problem.of(failure);
        if (p.status() == 404) {
            throw failure;
        }
        List<FieldError> errors = p.errors().isEmpty() ? List.of(FieldError.at("/", p.getMessage())) : p.errors();
        return Page.html(p.status(), templates.render("audit", model(id, caller, errors, draft)));
    }

    private Map<String, Object> model(String id, Caller caller, List<FieldError> errors, String draft) {
        AuditReviews.Review review = reviews.of(id, caller);
        AuditRun run = review.audit();
        ModelVersion v = registry.byId(run.modelVersionId());
        Map<String, Object> m = Page.model("Audit " + run.id().substring(0, Math.min(8, run.id().length())) + " of "
                + v.modelName() + " " + v.version(), request);
        m.put("run", run);
        m.put("v", v);
        m.put("versionLink", VersionPages.link(v));
        m.put("modelLink", ModelPages.link(v.modelName()));
        Optional<ReportDocument> report = audits.result(run.id()).map(r -> ReportDocument.parse(r.reportJson()));
        m.put("decision", report.map(r -> r.decision().name()).orElse(null));
        m.put("badge", report.map(r -> Page.badge(r.decision().name())).orElse(null));
        m.put("reasons", report.map(ReportDocument::reasons).orElse(List.of()));
        // The decision as signed: the waivers of today move the version's gate, not what this audit found.
        m.put("policies", report.map(r -> VersionPages.policies(r, AuditorView.of(r, List.of()))).orElse(List.of()));
        Map<String, List<ThreadRow>> byFinding = new LinkedHashMap<>();
        for (ReviewService.Thread t : review.threads()) {
            byFinding.computeIfAbsent(t.findingRule() == null ? "" : t.findingRule(), k -> new ArrayList<>())
                    .add(new ThreadRow(t.findingRule(), CommentRow.of(t.first()), t.replies().stream().map(CommentRow::of).toList()));
        }
        m.put("threads", byFinding);
        m.put("commentCount", review.threads().stream().mapToInt(t -> 1 + t.replies().size()).sum());
        m.put("signOffs", review.signOffs());
        boolean owner = registry.owners(v.modelName()).contains(caller.name());
        boolean signed = review.signOffs().stream().anyMatch(s -> s.auditor().equals(caller.name()));
        boolean ended = run.ended();
        m.put("ended", ended);
        m.put("mayComment", ended && Permission.COMMENT_ON_AUDITS.grantedToAny(caller.roles()));
        m.put("maySignOff", ended && !owner && !signed && Permission.SIGN_OFF_AUDITS.grantedToAny(caller.roles()));
        m.put("signOffNote", !Permission.SIGN_OFF_AUDITS.grantedToAny(caller.roles()) ? null
                : owner ? "You own this model: an auditor who does not signs off its audits (four eyes)."
                : signed ? "You have signed this audit off." : null);
        m.put("errors", errors);
        m.put("draft", draft == null ? "" : draft);
        m.put("reviewing", true);
        return m;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

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
