package dev.assay.portal;

import dev.assay.monitoring.Deployment;
import dev.assay.monitoring.DeploymentService;
import dev.assay.monitoring.WindowService;
import dev.assay.audit.AuditService;
import dev.assay.audit.GateService;
import dev.assay.registry.ModelRegistry;
import dev.assay.registry.ModelVersion;
import dev.assay.security.Caller;
import dev.assay.security.Permission;
import dev.assay.security.Requires;
import dev.assay.security.SessionAuthenticated;
import dev.assay.waiver.WaiverService;
import dev.assay.waiver.WaiverStatus;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** Every model, its latest version and gate; waivers awaiting the caller; recent audits. Filter and search by query string. */
@Path("portal")
@SessionAuthenticated
public class DashboardResource {

    @Inject
    ModelRegistry registry;

    @Inject
    GateService gates;

    @Inject
    AuditService audits;

    @Inject
    WaiverService waivers;

    @Inject
    Templates templates;

    @Inject
    DeploymentService deployments;

    @Inject
    WindowService windows;

    /** What is deployed where: the model's deployments still serving, newest first. */
    private List<DeploymentRow> serving(String model) {
        return deployments.of(model).stream().filter(Deployment::active)
                .map(d -> DeploymentRow.of(d, deployments.version(d), windows)).toList();
    }

    @Context
    HttpServletRequest request;

    public record ModelRow(String model, String version, int versions, String gate, String badge, List<String> reasons, String link,
                           List<DeploymentRow> serving) {

        public String modelLink() {
            return ModelPages.link(model);
        }
    }

    public record PendingWaiver(String id, String model, String version, String rule, String requestedBy, Instant expiresAt, String link) {
    }

    public record RecentAudit(String id, String model, String version, String status, String decision, Instant createdAt,
                              String createdBy, String link) {

        public String badge() {
            return decision == null ? null : Page.badge(decision);
        }
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    @Requires(Permission.SIGNED_IN)
    public String dashboard(@QueryParam("q") String q, @QueryParam("gate") String gateFilter, @Context SecurityContext security) {
        Caller caller = (Caller) security.getUserPrincipal();
        String query = q == null ? "" : q.strip();
        String wanted = gateFilter == null || gateFilter.isBlank() ? "" : gateFilter.toUpperCase(Locale.ROOT);
        List<ModelVersion> all = registry.all(caller);
        Map<String, List<ModelVersion>> byModel = all.stream().collect(Collectors.groupingBy(ModelVersion::modelName,
                TreeMap::new, Collectors.toList()));
        List<ModelRow> models = new ArrayList<>();
        byModel.forEach((name, versions) -> {
            ModelVersion latest = versions.stream().max(Comparator.comparing(ModelVersion::createdAt)).orElseThrow();
            GateService.Gate gate = gates.of(latest);
            if ((query.isEmpty() || name.toLowerCase(Locale.ROOT).contains(query.toLowerCase(Locale.ROOT)))
                    && (wanted.isEmpty() || wanted.equals(gate.decision()))) {
                models.add(new ModelRow(name, latest.version(), versions.size(), gate.decision(), Page.badge(gate.decision()),
                        gate.reasons(), VersionPages.link(latest), serving(name)));
            }
        });
        List<PendingWaiver> awaiting = new ArrayList<>();
        List<RecentAudit> recent = new ArrayList<>();
        boolean decides = Permission.DECIDE_WAIVER.grantedToAny(caller.roles());
        for (ModelVersion v : all) {
            if (decides) {
                waivers.ofVersion(v.id()).stream()
                        .filter(w -> w.status() == WaiverStatus.PENDING && !w.waiver().requester().equals(caller.name()))
                        .forEach(w -> awaiting.add(new PendingWaiver(w.waiver().id(), v.modelName(), v.version(), w.waiver().rule(),
                                w.waiver().requestedBy(), w.waiver().expiresAt(), "/portal/waivers#waiver-" + w.waiver().id())));
            }
            audits.ofVersion(v.id()).forEach(run -> recent.add(new RecentAudit(run.id(), v.modelName(), v.version(),
                    run.status().name(), audits.verdict(run.id()).map(verdict -> verdict.name()).orElse(null), run.createdAt(),
                    run.createdBy(), VersionPages.link(v) + "#audit-" + run.id())));
        }
        recent.sort(Comparator.comparing(RecentAudit::createdAt).reversed());
        Map<String, Object> m = Page.model("Dashboard", request);
        m.put("models", models);
        m.put("q", query);
        m.put("gateFilter", wanted);
        m.put("awaiting", awaiting);
        m.put("decides", decides);
        m.put("recent", recent.subList(0, Math.min(10, recent.size())));
        return templates.render("dashboard", m);
    }
}
