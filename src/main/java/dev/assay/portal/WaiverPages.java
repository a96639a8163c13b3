package dev.assay.portal;

import dev.assay.audit.GateChanges;
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
    Templates templates;

    @Context
    HttpServletRequest request;

    public record Row(String id, String model, String version, String link, String rule, String status, String justification,
                      String requestedBy, Instant requestedAt, Instant expiresAt, String decidedBy, String comment,
                      boolean decidable) {
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
    public Response approve(@PathParam("id") String id, @FormParam("comment") String comment, @Context SecurityContext security) {
        return decide(id, WaiverDecision.Ruling.APPROVED, comment, (Caller) security.getUserPrincipal());
    }

    @POST
    @Path("{id}/reject")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    @Requires(Permission.DECIDE_WAIVER)
    public Response reject(@PathParam("id") String id, @FormParam("comment") String comment, @Context SecurityContext security) {
        return decide(id, WaiverDecision.Ruling.REJECTED, comment, (Caller) security.getUserPrincipal());
    }

    private Response decide(String id, WaiverDecision.Ruling outcome, String comment, Caller caller) {
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
            waivers.ofVersion(v.id()).forEach(w -> rows.add(new Row(w.waiver().id(), v.modelName(), v.version(), VersionPages.link(v),
                    w.waiver().rule(), w.status().id(), w.waiver().justification(), w.waiver().requestedBy(), w.waiver().requestedAt(),
                    w.waiver().expiresAt(), w.decision() == null ? null : w.decision().decidedBy(),
                    w.decision() == null ? null : w.decision().comment(),
                    decides && w.status() == WaiverStatus.PENDING && !w.waiver().requester().equals(caller.name()))));
        }
        rows.sort(Comparator.comparing(Row::requestedAt).reversed());
        Map<String, Object> m = Page.model("Waivers", request);
        m.put("pending", rows.stream().filter(r -> r.status().equals("pending")).toList());
        m.put("history", rows.stream().filter(r -> !r.status().equals("pending")).toList());
        m.put("error", error);
        return m;
    }
}
