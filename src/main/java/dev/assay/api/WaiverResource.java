package dev.assay.api;

import dev.assay.audit.GateService;
import dev.assay.registry.ModelRegistry;
import dev.assay.registry.ModelVersion;
import dev.assay.security.Caller;
import dev.assay.security.Permission;
import dev.assay.security.Requires;
import dev.assay.waiver.WaiverDecision;
import dev.assay.waiver.WaiverService;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
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

    /** Body: {"rule", "justification", "expiresAt" (ISO instant) or "expiresInDays"}. */
    @POST
    @Path("models/{model}/versions/{version}/waivers")
    @Consumes(MediaType.WILDCARD)
    @Requires(Permission.REQUEST_WAIVER)
    public Response request(@PathParam("model") String model, @PathParam("version") String version, String body,
                            @Context SecurityContext security) {
        ModelVersion v = registry.get(model, version);
        JsonObject json = JsonBodies.object(body);
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
        } else if (json.get("expiresInDays") instanceof JsonNumber days && days.isIntegral()) {
            expiresAt = Instant.now().plus(Duration.ofDays(days.longValue()));
        }
        if (!errors.isEmpty()) {
            throw Problem.invalid("The waiver request has " + errors.size() + " problem(s)", errors);
        }
        WaiverService.View w = waivers.request(v, rule, justification, expiresAt, gates.of(v).failingRules(),
                (Caller) security.getUserPrincipal());
        return Response.created(URI.create("/api/v1/waivers/" + w.waiver().id())).entity(Views.waiver(w)).build();
    }

    @GET
    @Path("models/{model}/versions/{version}/waivers")
    @Requires(Permission.READ_WAIVERS)
    public JsonObject list(@PathParam("model") String model, @PathParam("version") String version) {
        JsonArrayBuilder list = Json.createArrayBuilder();
        waivers.ofVersion(registry.get(model, version).id()).forEach(w -> list.add(Views.waiver(w)));
        return Json.createObjectBuilder().add("waivers", list).build();
    }

    @GET
    @Path("waivers/{id}")
    @Requires(Permission.READ_WAIVERS)
    public JsonObject get(@PathParam("id") String id) {
        return Views.waiver(waivers.get(id));
    }

    /** Body: {"comment"}. Refused (403) to the requester. */
    @POST
    @Path("waivers/{id}/approve")
    @Consumes(MediaType.WILDCARD)
    @Requires(Permission.DECIDE_WAIVER)
    public JsonObject approve(@PathParam("id") String id, String body, @Context SecurityContext security) {
        return decide(id, WaiverDecision.Outcome.APPROVED, body, security);
    }

    @POST
    @Path("waivers/{id}/reject")
    @Consumes(MediaType.WILDCARD)
    @Requires(Permission.DECIDE_WAIVER)
    public JsonObject reject(@PathParam("id") String id, String body, @Context SecurityContext security) {
        return decide(id, WaiverDecision.Outcome.REJECTED, body, security);
    }

    private JsonObject decide(String id, WaiverDecision.Outcome outcome, String body, SecurityContext security) {
        JsonObject json = JsonBodies.object(body);
        List<FieldError> errors = new ArrayList<>();
        String comment = JsonBodies.optionalString(json, "comment", errors);
        if (!errors.isEmpty()) {
            throw Problem.invalid("The decision has a problem", errors);
        }
        return Views.waiver(waivers.decide(id, outcome, comment, (Caller) security.getUserPrincipal()));
    }
}
