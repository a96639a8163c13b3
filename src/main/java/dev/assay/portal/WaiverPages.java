package dev.assay.portal;

import dev.assay.audit.AuditService;
import dev.assay.audit.GateChanges;
import dev.assay.audit.GateService;
import dev.assay.report.ReportDocument;
import jakarta.json.JsonObject;
import dev.assay.api.Problem;
import dev.assay.failure.Failure;
import dev.assay.registry.ModelRegistry;
import dev.assay.registry.ModelVersion;
import dev.assay.security.Caller;
import dev.assay.security.Permission;
import dev.assay.security.Requires;
import dev.assay.security.SessionAuthenticated;
import dev.assay.waiver.WaiverDecision;
import dev.assay.waiver.WaiverService;
import dev.assay.waiver.WaiverStatus;
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
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/** Every waiver: the pending ones with approve and reject (never one's own), then the history. */
@Path("portal/waivers")
@SessionAuthenticated
public class WaiverPages {

    @Inject
    ModelRegistry registry;

    @Inject
    WaiverService waivers;

    @Inject
    GateChanges gateChanges;

    @Inject
    GateService gates;

    @Inject
    AuditService audits;

    @Inject
    Templates templates;

    @Context
    HttpServletRequest request;

    /**
     * A waiver as the page lists it; {@code evidence} is what the rule found failing in the audit the version's gate
     * rests on (the rows of its findings table that fail), so the decision is taken with the evidence in view.
     */
    public record Row(String id, String model, String version, String link, String rule, String status, String justification,
                      String requestedBy, Instant requestedAt, Instant expiresAt, String decidedBy, String comment,
                      boolean decidable, String audit, List<VersionPages.FindingRow> evidence) {
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    @Requires(Permission.READ_WAIVERS)
    public String list(@Context SecurityContext security) {
        return templates.render("waivers", model((Caller) security.getUserPrincipal(), null));
    }

    @POST
    @Path("{id}/approve")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    @Requires(Permission.DECIDE_WAIVER)
    public Response approve(@PathParam("id") String id, @FormParam("comment") String comment, @FormParam("confirm") String confirm,
                            @Context SecurityContext security) {
        return decide(id, WaiverDecision.Ruling.APPROVED, comment, confirm, (Caller) security.getUserPrincipal());
    }

    @POST
    @Path("{id}/reject")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    @Requires(Permission.DECIDE_WAIVER)
    public Response reject(@PathParam("id") String id, @FormParam("comment") String comment, @FormParam("confirm") String confirm,
                           @Context SecurityContext security) {
        return decide(id, WaiverDecision.Ruling.REJECTED, comment, confirm, (Caller) security.getUserPrincipal());
    }

    /**
     * Approve and reject are separate forms, each with its confirmation box: a decision taken by a stray click on the
     * wrong button is not one. The browser requires the box; the server does too, for any other client of the form.
     */
    private Response decide(String id, WaiverDecision.Ruling outcome, String comment, String confirm, Caller caller) {
        if (confirm == null || confirm.isBlank()) {
            return Page.html(422, templates.render("waivers", model(caller, "Not recorded: tick the confirmation box to "
                    + (outcome == WaiverDecision.Ruling.APPROVED ? "approve" : "reject") + " the waiver")));
        }
        try {
            gateChanges.decideWaiver(id, outcome, comment, caller);
        } catch (Failure failure) {
            Problem p = Problem.of(failure);
            return Page.html(p.status(), templates.render("waivers", model(caller, p.getMessage())));
        }
        return Response.seeOther(URI.create("/portal/waivers#waiver-" + id)).build();
    }

    private Map<String, Object> model(Caller caller, String error) {
        boolean decides = Permission.DECIDE_WAIVER.grantedToAny(caller.roles());
        List<Row> rows = new ArrayList<>();
        for (ModelVersion v : registry.all(caller)) {
            List<WaiverService.View> ofVersion = waivers.ofVersion(v.id());
            if (ofVersion.isEmpty()) {
                continue;
            }
            // The evidence is read only for versions with a pending waiver: the history needs none.
            boolean pending = ofVersion.stream().anyMatch(w -> w.status() == WaiverStatus.PENDING);
            String audit = pending ? gates.of(v).auditId() : null;
            List<JsonObject> findings = audit == null ? List.of() : audits.result(audit)
                    .map(r -> ReportDocument.parse(r.reportJson()).findings()).orElse(List.of());
            ofVersion.forEach(w -> rows.add(new Row(w.waiver().id(), v.modelName(), v.version(), VersionPages.link(v),
                    w.waiver().rule(), w.status().id(), w.waiver().justification(), w.waiver().requestedBy(), w.waiver().requestedAt(),
                    w.waiver().expiresAt(), w.decision() == null ? null : w.decision().decidedBy(),
                    w.decision() == null ? null : w.decision().comment(),
                    decides && w.status() == WaiverStatus.PENDING && !w.waiver().requester().equals(caller.name()), audit,
                    w.status() != WaiverStatus.PENDING ? List.of() : findings.stream()
                            .filter(f -> w.waiver().rule().equals(f.getString("rule", null)) && "fail".equals(f.getString("outcome", "")))
                            .map(VersionPages::row).toList())));
        }
        rows.sort(Comparator.comparing(Row::requestedAt).reversed());
        Map<String, Object> m = Page.model("Waivers", request);
        m.put("pending", rows.stream().filter(r -> r.status().equals("pending")).toList());
        m.put("history", rows.stream().filter(r -> !r.status().equals("pending")).toList());
        m.put("error", error);
        return m;
    }
}
