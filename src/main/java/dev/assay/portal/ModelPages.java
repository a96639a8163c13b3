package dev.assay.portal;

import dev.assay.api.Problem;
import dev.assay.audit.AuditService;
import dev.assay.audit.GateService;
import dev.assay.monitoring.DeploymentService;
import dev.assay.monitoring.WindowService;
import dev.assay.registry.ModelRegistry;
import dev.assay.registry.ModelVersion;
import dev.assay.security.Caller;
import dev.assay.security.Permission;
import dev.assay.security.Requires;
import dev.assay.security.SessionAuthenticated;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;

import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A model's page: its owners, every version with its gate (newest first), and what is deployed where, with
 * the history of deployments (which version served where, from when until when) and each one's health.
 * The same 404 as the API for a model out of the caller's reach.
 */
@Path("portal/models/{model}")
@SessionAuthenticated
public class ModelPages {

    @Inject
    ModelRegistry registry;

    @Inject
    GateService gates;

    @Inject
    AuditService audits;

    @Inject
    DeploymentService deployments;

    @Inject
    WindowService windows;

    @Inject
    Templates templates;

    @Context
    HttpServletRequest request;

    public record VersionRow(String version, String link, Instant registeredAt, String registeredBy, String gate, String badge,
                             List<String> reasons, int audits, String artifact) {
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    @Requires(Permission.READ_RESULTS)
    public String page(@PathParam("model") String model, @Context SecurityContext security) {
        Caller caller = (Caller) security.getUserPrincipal();
        if (!registry.reaches(caller, model)) {
            throw Problem.notFound("No model " + model);
        }
        List<ModelVersion> versions = registry.versionsOf(model).stream()
                .sorted(Comparator.comparing(ModelVersion::createdAt).reversed()).toList();
        if (versions.isEmpty()) {
            throw Problem.notFound("No model " + model);
        }
        Map<String, ModelVersion> byId = new HashMap<>();
        versions.forEach(v -> byId.put(v.id(), v));
        List<VersionRow> rows = versions.stream().map(v -> {
            GateService.Gate gate = gates.of(v);
            return new VersionRow(v.version(), VersionPages.link(v), v.createdAt(), v.createdBy(), gate.decision(),
                    Page.badge(gate.decision()), gate.reasons(), audits.ofVersion(v.id()).size(), v.artifactDigest());
        }).toList();
        List<DeploymentRow> deployed = deployments.of(model).stream()
                .map(d -> DeploymentRow.of(d, byId.get(d.modelVersionId()), windows)).toList();
        Map<String, Object> m = Page.model(model, request);
        m.put("model", model);
        m.put("owners", registry.owners(model));
        m.put("versions", rows);
        m.put("serving", deployed.stream().filter(d -> d.until() == null).toList());
        m.put("history", deployed);
        m.put("compare", link(model) + "/compare");
        return templates.render("model", m);
    }

    /** The portal link of a model's page. */
    static String link(String model) {
        return "/portal/models/" + VersionPages.enc(model);
    }
}
