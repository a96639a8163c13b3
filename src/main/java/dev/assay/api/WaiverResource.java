package dev.assay.api;

import dev.assay.infrastructure.FaultPoints;
import dev.assay.audit.GateChanges;
import dev.assay.failure.NotFound;
import dev.assay.failure.FieldError;
import dev.assay.infrastructure.SchemaCheck;
import dev.assay.audit.GateService;
import dev.assay.registry.ModelRegistry;
import dev.assay.registry.ModelVersion;
import dev.assay.security.Caller;
import dev.assay.security.Permission;
import dev.assay.security.Requires;
import dev.assay.waiver.WaiverDecision;
import dev.assay.waiver.WaiverService;
import jakarta.inject.Inject;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.ws.rs.Consumes;
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
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/** Waivers, four eyes: a model owner requests, someone else with the auditor role decides. */
@Path("api/v1")
@Produces(MediaType.APPLICATION_JSON)
public class WaiverResource {

    @Inject
    ModelRegistry registry;

    @Inject
    GateService gates;

    @Inject
    WaiverService waivers;

    @Inject
    GateChanges gateChanges;

    /** The bodies: unknown keys and wrong types are errors, never ignored. */
    private static final SchemaCheck REQUEST = SchemaCheck.load("policies/schema/waiver-request.schema.json");
    private static final SchemaCheck DECISION = SchemaCheck.load("policies/schema/waiver-decision.schema.json");

    /** Body: {"rule", "justification", "expiresAt" (ISO instant) or "expiresInDays"}. */
    @POST
    @Path("models/{model}/versions/{version}/waivers")
    @Consumes(MediaType.WILDCARD)
    @Requires(Permission.REQUEST_WAIVER)
    public Response request(@PathParam("model") String model, @PathParam("version") String version, String body,
                            @Context SecurityContext security) {
        ModelVersion v = registry.get(model, version, (Caller) security.getUserPrincipal());
        JsonBodies.Body checked = JsonBodies.object(body, REQUEST);
        JsonObject json = checked.json();
        List<FieldError> errors = new ArrayList<>();
        String rule = JsonBodies.optionalString(json, "rule", errors);
        String justification = JsonBodies.optionalString(json, "justification", errors);
        Instant expiresAt = null;
        String at = JsonBodies.optionalString(json, "expiresAt", errors);
        if (at != null) {
            try {
                expiresAt = Instant.parse(at);
            } catch (DateTimeParseException e) {
                errors.add(FieldError.at("/expiresAt", "must be an ISO-8601 instant such as 2026-12-31T00:00:00Z"));
            }
        } else if (json.get("expiresInDays") instanceof JsonNumber days && days.isIntegral() && days.longValue() > 0
                && days.longValue() <= 90) {
            expiresAt = Instant.now().plus(Duration.ofDays(days.longValue()));
        }
        var failing = gates.of(v).failingRules();
        // What the service would refuse (a rule that does not fail, a short justification), in the same answer.
        boolean daysRefused = expiresAt == null && json.containsKey("expiresInDays");
        WaiverService.problems(rule, justification, expiresAt, failing, Instant.now()).stream()
                .filter(e -> !(daysRefused && "/expiresAt".equals(e.pointer()))).forEach(errors::add);
        checked.check("The waiver request", errors);
        WaiverService.View w = gateChanges.requestWaiver(v, rule, justification, expiresAt, failing, (Caller) security.getUserPrincipal());
        FaultPoints.at("waiver.requested");
        return Response.created(URI.create("/api/v1/waivers/" + w.waiver().id())).entity(WaiverView.of(w)).build();
    }

    @GET
    @Path("models/{model}/versions/{version}/waivers")
    @Requires(Permission.READ_WAIVERS)
    public WaiversView list(@PathParam("model") String model, @PathParam("version") String version,
                            @Context SecurityContext security) {
        return new WaiversView(waivers.ofVersion(registry.get(model, version, (Caller) security.getUserPrincipal()).id()).stream().map(WaiverView::of).toList());
    }

    @GET
    @Path("waivers/{id}")
    @Requires(Permission.READ_WAIVERS)
    public WaiverView get(@PathParam("id") String id, @Context SecurityContext security) {
        WaiverService.View w = waivers.get(id);
        if (!registry.reaches((Caller) security.getUserPrincipal(), registry.byId(w.waiver().modelVersionId()).modelName())) {
            throw new NotFound("No waiver " + id);
        }
        return WaiverView.of(w);
    }

    /** Body: {"comment"}. Refused (403) to the requester. */
    @POST
    @Path("waivers/{id}/approve")
    @Consumes(MediaType.WILDCARD)
    @Requires(Permission.DECIDE_WAIVER)
    public WaiverView approve(@PathParam("id") String id, String body, @Context SecurityContext security) {
        return decide(id, WaiverDecision.Ruling.APPROVED, body, security);
    }

    @POST
    @Path("waivers/{id}/reject")
    @Consumes(MediaType.WILDCARD)
    @Requires(Permission.DECIDE_WAIVER)
    public WaiverView reject(@PathParam("id") String id, String body, @Context SecurityContext security) {
        return decide(id, WaiverDecision.Ruling.REJECTED, body, security);
    }

    private WaiverView decide(String id, WaiverDecision.Ruling outcome, String body, SecurityContext security) {
        JsonBodies.Body checked = JsonBodies.object(body, DECISION);
        List<FieldError> errors = new ArrayList<>();
        String comment = JsonBodies.optionalString(checked.json(), "comment", errors);
        checked.check("The decision", errors);
        WaiverService.View decided = gateChanges.decideWaiver(id, outcome, comment, (Caller) security.getUserPrincipal());
        FaultPoints.at("waiver.decided");
        return WaiverView.of(decided);
    }
}
