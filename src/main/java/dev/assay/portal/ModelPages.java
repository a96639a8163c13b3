package dev.assay.portal;

import dev.assay.api.Problem;
import dev.assay.audit.AuditService;
import dev.assay.audit.GateService;
import dev.assay.monitoring.DeploymentService;
import dev.assay.monitoring.WindowService;
import dev.assay.registry.ModelRegistry;
import dev.assay.registry.ModelVersion;
import dev.assay.report.ReportDocument;
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
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A model's page: its owners, every version with its gate (newest first), and what is deployed where, with
 * the history of deployments (which version served where, from when until when) and each one's health; and for
 * each rule its worst group's value across the versions' latest audits ({@link RuleTrends}), a chart and a table.
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

    /** How many of the newest versions the rule trends draw: a model with a long history still gets a readable chart. */
    static final int TREND_VERSIONS = 20;

    /** At most this many rules get a trend chart (a pack of many rules stays a page, not a book). */
    static final int MAX_TRENDS = 40;

    /** One rule's trend as the page shows it: the chart, its caption, and its values per version as a table. */
    public record TrendView(String title, String caption, String svg, List<RuleTrends.Point> points) {
    }

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
        List<RuleTrends.VersionFindings> oldestFirst = new ArrayList<>(versions.stream().limit(TREND_VERSIONS).map(this::latestFindings)
                .toList());
        java.util.Collections.reverse(oldestFirst);
        List<RuleTrends.Trend> trends = RuleTrends.of(oldestFirst);
        List<TrendView> views = new ArrayList<>();
        for (RuleTrends.Trend t : trends.subList(0, Math.min(MAX_TRENDS, trends.size()))) {
            views.add(new TrendView(t.title(), caption(t), Svg.series(t.chart(), "trend-" + (views.size() + 1)), t.points()));
        }
        m.put("trends", views);
        m.put("trendsLeftOut", trends.size() - views.size());
        m.put("trendVersions", Math.min(TREND_VERSIONS, versions.size()));
        return templates.render("model", m);
    }

    /** The published findings of the audit the version's gate rests on (its latest release audit); null when none finished. */
    private RuleTrends.VersionFindings latestFindings(ModelVersion v) {
        String auditId = gates.of(v).auditId();
        return new RuleTrends.VersionFindings(v.version(), auditId == null ? null
                : audits.result(auditId).map(r -> ReportDocument.parse(r.reportJson()).findings()).orElse(null));
    }

    private static String caption(RuleTrends.Trend t) {
        long undefined = t.points().stream().filter(p -> p.value() == null).count();
        return t.title() + ": in each version's latest audit, the value of the group that fares worst against the rule"
                + (t.threshold() == null ? "" : ", and the threshold (dashed)")
                + (undefined == 0 ? "" : "; " + undefined + " version(s) without a value, marked ? and listed with the reason below");
    }

    /** The portal link of a model's page. */
    static String link(String model) {
        return "/portal/models/" + VersionPages.enc(model);
    }
}
