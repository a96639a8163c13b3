package dev.assay.portal;

import dev.assay.monitoring.Deployment;
import dev.assay.monitoring.DeploymentService;
import dev.assay.monitoring.WindowService;
import dev.assay.audit.AuditService;
import dev.assay.audit.GateService;
import dev.assay.failure.FieldError;
import dev.assay.failure.InvalidInput;
import dev.assay.report.ReportDocument;
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
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Every model, its latest version and gate; waivers awaiting the caller; recent audits. Searched, filtered (owner, risk
 * tier, policy, gate) and sorted by query string ({@link DashboardQuery}), so a filtered view is a link to share.
 */
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
                           List<DeploymentRow> serving, DashboardQuery.Row facts) {

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

        public String modelLink() {
            return ModelPages.link(model);
        }
    }

    /**
     * Query string: {@code q} (search in names, owners, risk tiers), {@code owner}, {@code risk}, {@code policy},
     * {@code gate} (filters), {@code sort} ({@link DashboardQuery.Sort}). A bad parameter answers 400 with the page and
     * the parameter named.
     */
    @GET
    @Produces(MediaType.TEXT_HTML)
    @Requires(Permission.SIGNED_IN)
    public Response dashboard(@QueryParam("q") String q, @QueryParam("owner") String owner, @QueryParam("risk") String risk,
                              @QueryParam("policy") String policy, @QueryParam("gate") String gateFilter,
                              @QueryParam("sort") String sort, @Context SecurityContext security) {
        Caller caller = (Caller) security.getUserPrincipal();
        DashboardQuery query;
        List<FieldError> errors = List.of();
        try {
            query = DashboardQuery.parse(q, owner, risk, policy, gateFilter, sort);
        } catch (InvalidInput bad) {
            errors = bad.errors();
            query = DashboardQuery.parse(null, null, null, null, null, null);
        }
        List<ModelVersion> all = registry.all(caller);
        Map<String, List<ModelVersion>> byModel = all.stream().collect(Collectors.groupingBy(ModelVersion::modelName,
                TreeMap::new, Collectors.toList()));
        List<ModelRow> rows = new ArrayList<>();
        byModel.forEach((name, versions) -> {
            ModelVersion latest = versions.stream().max(Comparator.comparing(ModelVersion::createdAt)).orElseThrow();
            GateService.Gate gate = gates.of(latest);
            // The packs of the audit the gate rests on, from its signed report (the dashboard's "policy" filter).
            List<String> packs = gate.auditId() == null ? List.of() : audits.result(gate.auditId())
                    .map(r -> ReportDocument.parse(r.reportJson()).policyRefs().stream().map(ReportDocument.PolicyRef::id).toList())
                    .orElse(List.of());
            rows.add(new ModelRow(name, latest.version(), versions.size(), gate.decision(), Page.badge(gate.decision()),
                    gate.reasons(), VersionPages.link(latest), serving(name), new DashboardQuery.Row(name, registry.owners(name),
                    latest.card().riskTier().orElse(null), packs, gate.decision(), latest.createdAt(), versions.size())));
        });
        List<ModelRow> models = query.apply(rows, ModelRow::facts);
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
                    run.createdBy(), "/portal/audits/" + VersionPages.enc(run.id()))));
        }
        recent.sort(Comparator.comparing(RecentAudit::createdAt).reversed());
        Map<String, Object> m = Page.model("Dashboard", request);
        m.put("models", models);
        m.put("hidden", rows.size() - models.size());
        m.put("query", query);
        m.put("sorts", List.of(DashboardQuery.Sort.values()));
        // What the filters can choose from: the values the caller's models have.
        m.put("owners", rows.stream().flatMap(r -> r.facts().owners().stream()).distinct().sorted().toList());
        m.put("risks", rows.stream().map(r -> r.facts().risk()).filter(x -> x != null).distinct().sorted().toList());
        m.put("packs", rows.stream().flatMap(r -> r.facts().policies().stream()).distinct().sorted().toList());
        m.put("errors", errors);
        m.put("awaiting", awaiting);
        m.put("decides", decides);
        m.put("recent", recent.subList(0, Math.min(10, recent.size())));
        return Page.html(errors.isEmpty() ? 200 : 400, templates.render("dashboard", m));
    }
}
