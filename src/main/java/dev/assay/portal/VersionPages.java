package dev.assay.portal;

import dev.assay.audit.AuditProgress;
import dev.assay.dataset.ColumnProfile;
import dev.assay.report.SmallCells;
import dev.assay.infrastructure.Figures;
import dev.assay.infrastructure.JsonValues;
import dev.assay.failure.FieldError;
import dev.assay.api.Problem;
import dev.assay.failure.Failure;
import dev.assay.audit.AuditResult;
import dev.assay.audit.AuditReviews;
import dev.assay.audit.AuditRun;
import dev.assay.audit.AuditService;
import dev.assay.audit.GateChanges;
import dev.assay.audit.GateService;
import dev.assay.dataset.Dataset;
import dev.assay.dataset.DatasetService;
import dev.assay.ledger.Ledger;
import dev.assay.monitoring.Deployment;
import dev.assay.monitoring.DeploymentService;
import dev.assay.monitoring.WindowService;
import dev.assay.registry.ModelRegistry;
import dev.assay.registry.ModelVersion;
import dev.assay.report.ReportDocument;
import dev.assay.report.AuditorView;
import dev.assay.report.DecisionView;
import dev.assay.report.RateTable;
import dev.assay.report.FindingChart;
import dev.assay.security.Caller;
import dev.assay.security.Permission;
import dev.assay.security.Requires;
import dev.assay.security.SessionAuthenticated;
import dev.assay.waiver.WaiverService;
import dev.assay.waiver.WaiverStatus;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.json.JsonWriterFactory;
import jakarta.json.stream.JsonGenerator;
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

import java.io.StringWriter;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One model version: its card, datasets, audits (with live progress), the decision, the findings of
 * its latest audit grouped by policy and rule with their citations and charts, its waivers, and the
 * waiver request form. Everything shown comes from the latest signed report, so the page and the
 * report never disagree.
 */
@Path("portal/models/{model}/versions/{version}")
@SessionAuthenticated
public class VersionPages {

    /** Groups with fewer rows than this have their count and value suppressed on pages (see {@link SmallCells}). */
    static final int SMALL_CELL = SmallCells.K;

    @Inject
    ModelRegistry registry;

    @Inject
    GateService gates;

    @Inject
    AuditService audits;

    @Inject
    DatasetService datasets;

    @Inject
    WaiverService waivers;

    @Inject
    GateChanges gateChanges;

    @Inject
    AuditProgress progress;

    @Inject
    DeploymentService deployments;

    @Inject
    WindowService windows;

    @Inject
    AuditReviews reviews;

    @Inject
    Ledger ledger;

    @Inject
    Templates templates;

    @Context
    HttpServletRequest request;

    static String link(ModelVersion v) {
        return "/portal/models/" + enc(v.modelName()) + "/versions/" + enc(v.version());
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** Another version of the same model, for the switcher; {@code current} marks the page's own. */
    public record Sibling(String version, String link, boolean current) {
    }

    public record DatasetRow(String id, String role, long rows, String sha256, String format, String createdBy, Instant createdAt,
                             List<ColumnProfile> columns) {
    }

    public record AuditRow(String id, String status, String decision, String badge, Instant createdAt, String createdBy,
                           Instant finishedAt, String error, boolean done) {
    }

    public record FindingRow(String scope, String group, String n, String value, String interval, String threshold,
                             String outcome, String outcomeLabel, String pAdjusted, String note, String detectable,
                             String detectableNote) {
    }

    public record ChartView(String caption, String svg) {
    }

    /** One rule of a policy: its own parameters in words, the regulators' tables of an impact-ratio rule, its findings and charts. */
    public record RuleView(String id, String description, String metric, String severity, String parameters,
                           List<Map<String, String>> cites, List<RateTable> rateTables, List<FindingRow> findings,
                           List<ChartView> charts, boolean fails) {
    }

    public record PolicyView(String id, String version, String title, String sha256, List<RuleView> rules) {
    }

    public record WaiverRow(String id, String rule, String status, String justification, String requestedBy, Instant requestedAt,
                            Instant expiresAt, String decidedBy, String comment) {
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    @Requires(Permission.READ_RESULTS)
    public String page(@PathParam("model") String model, @PathParam("version") String version,
                       @Context SecurityContext security) {
        ModelVersion v = registry.get(model, version, (Caller) security.getUserPrincipal());
        Map<String, Object> m = model(v, List.of(), null);
        wholePage(m, v);
        return templates.render("version", m);
    }

    /** The audits table alone: htmx polls it while an audit runs (the page refreshes itself without JavaScript). */
    @GET
    @Path("audits")
    @Produces(MediaType.TEXT_HTML)
    @Requires(Permission.READ_RESULTS)
    public String auditsFragment(@PathParam("model") String model, @PathParam("version") String version,
                                 @Context SecurityContext security) {
        return templates.render("version-audits", model(registry.get(model, version, (Caller) security.getUserPrincipal()),
                List.of(), null));
    }

    @POST
    @Path("waivers")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    @Requires(Permission.REQUEST_WAIVER)
    public Response requestWaiver(@PathParam("model") String model, @PathParam("version") String version,
                                  @FormParam("rule") String rule, @FormParam("justification") String justification,
                                  @FormParam("expiresOn") String expiresOn, @Context SecurityContext security) {
        ModelVersion v = registry.get(model, version, (Caller) security.getUserPrincipal());
        Instant expiresAt = null;
        try {
            expiresAt = expiresOn == null || expiresOn.isBlank() ? null
                    : LocalDate.parse(expiresOn.strip()).atTime(23, 59, 59).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            Map<String, Object> m = model(v, List.of(FieldError.at("/expiresOn", "must be a date such as 2026-12-31")), justification);
            wholePage(m, v);
            return Page.html(422, templates.render("version", m));
        }
        try {
            gateChanges.requestWaiver(v, rule, justification, expiresAt, gates.of(v).failingRules(), (Caller) security.getUserPrincipal());
        } catch (Failure failure) {
            Problem p = Problem.of(failure);
            Map<String, Object> m = model(v, p.errors().isEmpty() ? List.of(FieldError.at("/", p.getMessage())) : p.errors(),
                    justification);
            wholePage(m, v);
            return Page.html(p.status(), templates.render("version", m));
        }
        return Response.seeOther(URI.create(link(v) + "#waivers")).build();
    }

    /**
     * What only the whole page shows: where the version is deployed and its timeline. The audits fragment, polled every
     * two seconds while an audit runs, shows neither (each health reads the deployment's windows; the timeline the ledger).
     */
    private void wholePage(Map<String, Object> m, ModelVersion v) {
        List<Deployment> ofVersion = deployments.of(v.modelName()).stream().filter(d -> d.modelVersionId().equals(v.id())).toList();
        m.put("deployed", ofVersion.stream().map(d -> DeploymentRow.of(d, v, windows)).toList());
        m.put("timeline", VersionTimeline.of(link(v), ledger.about(subjects(v, ofVersion))));
    }

    /**
     * The ledger subjects of a version's trail: the version ({@code model@version}, and its id, which a refused deployment
     * names), its datasets and their audits, its waivers and its deployments. A production window's dataset and audit are
     * left out: they belong to the deployment's page, and an hourly window would bury the release trail.
     */
    private Set<String> subjects(ModelVersion v, List<Deployment> ofVersion) {
        Set<String> subjects = new LinkedHashSet<>();
        subjects.add(v.modelName() + "@" + v.version());
        subjects.add(v.id());
        Set<String> windowData = new HashSet<>();
        for (Dataset d : datasets.ofVersion(v.id())) {
            if (Dataset.Role.WINDOW.id().equals(d.role())) {
                windowData.add(d.id());
            } else {
                subjects.add(d.id());
            }
        }
        audits.ofVersion(v.id()).stream().filter(a -> !windowData.contains(a.datasetId())).forEach(a -> subjects.add(a.id()));
        waivers.ofVersion(v.id()).forEach(w -> subjects.add(w.waiver().id()));
        ofVersion.forEach(d -> subjects.add(d.id()));
        return subjects;
    }

    private Map<String, Object> model(ModelVersion v, List<FieldError> errors, String justification) {
        Map<String, Object> m = Page.model(v.modelName() + " " + v.version(), request);
        GateService.Gate gate = gates.of(v);
        m.put("v", v);
        m.put("link", link(v));
        m.put("modelLink", ModelPages.link(v.modelName()));
        // The version switcher: every version of the model, newest first, this one marked.
        m.put("siblings", registry.versionsOf(v.modelName()).stream().sorted(Comparator.comparing(ModelVersion::createdAt).reversed())
                .map(x -> new Sibling(x.version(), link(x), x.id().equals(v.id()))).toList());
        m.put("gate", gate);
        m.put("badge", Page.badge(gate.decision()));
        m.put("card", pretty(v.cardDocument()));
        m.put("datasets", datasets.ofVersion(v.id()).stream().map(d -> new DatasetRow(d.id(), d.role(), d.rowCount(), d.sha256(),
                d.format(), d.createdBy(), d.createdAt(), d.columns())).toList());
        List<AuditRow> auditRows = new ArrayList<>();
        boolean running = false;
        for (AuditRun run : audits.ofVersion(v.id())) {
            String decision = audits.verdict(run.id()).map(verdict -> verdict.name()).orElse(null);
            running |= run.status() == AuditRun.Status.QUEUED || run.status() == AuditRun.Status.RUNNING;
            AuditProgress.Stage stage = progress.of(run);
            String status = run.status() == AuditRun.Status.RUNNING || run.status() == AuditRun.Status.QUEUED
                    ? run.status().name() + ": " + stage.id() + " (" + stage.percent() + "%)" : run.status().name();
            auditRows.add(new AuditRow(run.id(), status, decision, decision == null ? null : Page.badge(decision),
                    run.createdAt(), run.createdBy(), run.finishedAt(), run.error(), run.status() == AuditRun.Status.DONE));
        }
        auditRows.sort(Comparator.comparing(AuditRow::createdAt).reversed());
        m.put("audits", auditRows);
        m.put("running", running);
        Optional<AuditResult> latest = gate.auditId() == null ? Optional.empty() : audits.result(gate.auditId());
        Optional<ReportDocument> report = latest.map(r -> ReportDocument.parse(r.reportJson()));
        // The same view the PDF renders, with the version's waivers now: the gate's decision, explained.
        Optional<AuditorView> view = report.map(r -> AuditorView.of(r, waiversNow(gate)));
        m.put("policies", report.map(r -> policies(r, view.orElseThrow())).orElse(List.of()));
        m.put("decision", view.map(AuditorView::decision).orElse(null));
        m.put("latestAudit", latest.map(AuditResult::auditId).orElse(null));
        // Shown on the version: who signed off the audit its gate rests on (the review itself is on the audit's page).
        m.put("signOffs", latest.map(r -> reviews.signOffs(r.auditId())).orElse(List.of()));
        m.put("failingRules", List.copyOf(gate.failingRules()));
        m.put("waivers", waivers.ofVersion(v.id()).stream().map(w -> new WaiverRow(w.waiver().id(), w.waiver().rule(),
                w.status().id(), w.waiver().justification(), w.waiver().requestedBy(), w.waiver().requestedAt(), w.waiver().expiresAt(),
                w.decision() == null ? null : w.decision().decidedBy(), w.decision() == null ? null : w.decision().comment())).toList());
        m.put("errors", errors);
        m.put("justification", justification == null ? "" : justification);
        m.put("defaultExpiry", LocalDate.now(ZoneOffset.UTC).plusDays(30).toString());
        m.put("maxExpiry", LocalDate.now(ZoneOffset.UTC).plusDays(89).toString());
        return m;
    }

    /** The version's waivers as the decision view applies them: approved ones in force, with who approved them and until when. */
    static List<DecisionView.Waiver> waiversNow(GateService.Gate gate) {
        return gate.waivers().stream().map(w -> new DecisionView.Waiver(w.waiver().rule(), w.status().id(),
                w.status() == WaiverStatus.APPROVED && w.decision() != null ? w.decision().decidedBy() : null,
                w.waiver().expiresAt())).toList();
    }

    static List<PolicyView> policies(ReportDocument report, AuditorView view) {
        List<JsonObject> findings = report.findings();
        List<PolicyView> views = new ArrayList<>();
        int chartId = 0;
        for (JsonObject p : report.policies()) {
            List<RuleView> rules = new ArrayList<>();
            for (JsonObject r : p.getJsonArray("rules").getValuesAs(JsonObject.class)) {
                List<JsonObject> ofRule = findings.stream().filter(f -> p.getString("id").equals(f.getString("policy", null))
                        && r.getString("id").equals(f.getString("rule"))).toList();
                List<ChartView> charts = new ArrayList<>();
                for (FindingChart chart : FindingChart.of(suppressed(ofRule))) {
                    charts.add(new ChartView(chart.title() + ": each group's value, its 95% interval and the threshold",
                            Svg.chart(chart, "chart-" + (++chartId))));
                    if (chart.grid().isPresent()) {
                        charts.add(new ChartView(chart.title() + ": heat map of the intersection",
                                Svg.heatMap(chart, "heat-" + (++chartId))));
                    }
                }
                List<Map<String, String>> cites = r.getJsonArray("cites").getValuesAs(JsonObject.class).stream()
                        .map(c -> Map.of("regulation", c.getString("regulation", ""), "article", c.getString("article", ""),
                                "url", c.getString("url", ""))).toList();
                rules.add(new RuleView(r.getString("id"), r.getString("description", ""), r.getString("metric", ""),
                        r.getString("severity", ""), AuditorView.ruleParameters(r), cites, view.tablesOf(p.getString("id"), r.getString("id")),
                        ofRule.stream().map(VersionPages::row).toList(), charts,
                        ofRule.stream().anyMatch(f -> "fail".equals(f.getString("outcome", "")))));
            }
            views.add(new PolicyView(p.getString("id"), p.getString("version"), p.getString("title", p.getString("id")),
                    p.getString("sha256"), rules));
        }
        return views;
    }

    /** Findings with small groups' values removed, for charts. */
    private static List<JsonObject> suppressed(List<JsonObject> findings) {
        return SmallCells.suppress(findings);
    }

    private static boolean small(JsonObject f) {
        return SmallCells.small(f);
    }

    static FindingRow row(JsonObject f) {
        boolean small = small(f);
        String outcome = f.getString("outcome", "undefined");
        String label = switch (outcome) {
            case "pass" -> "\u2714 pass";
            case "fail" -> "\u2716 fail";
            case "warn" -> "\u26a0 warn";
            default -> "? " + outcome;
        };
        String interval = f.get("ci") instanceof JsonArray ci && ci.size() == 2 && !small
                ? Figures.interval(JsonValues.number(ci.get(0)), JsonValues.number(ci.get(1))) : "";
        // A finding within a stratum of the rule's control columns, or about one class, says which.
        return new FindingRow(JsonValues.text(f.get("scope"), "overall"), JsonValues.text(f.get("group"), "all")
                + (f.get("stratum") != null && f.get("stratum") != JsonValue.NULL ? " in " + JsonValues.text(f.get("stratum"), "") : "")
                + (f.get("class") instanceof jakarta.json.JsonString c ? ", class " + c.getString() : ""),
                f.get("n") instanceof JsonNumber n ? (small ? "fewer than " + SMALL_CELL : Figures.count(n.longValue())) : "",
                small ? "suppressed" : f.get("value") instanceof JsonNumber ? num(f.get("value")) : "undefined",
                interval, f.getString("comparator", "") + " " + Figures.plain(JsonValues.number(f.get("threshold"))), outcome, label,
                f.get("pAdjusted") instanceof JsonNumber ? Figures.pValue(JsonValues.number(f.get("pAdjusted"))) : "",
                f.getString("undefined", ""), detectable(f), f.get("minimumDetectable") instanceof JsonObject md
                        ? md.getString("note", md.getString("undefined", "")) : "");
    }

    /**
     * What the finding's comparison could have detected with 80% power, in a few words: "ratio ≤ 0.6000" or
     * "gap ≥ 0.0500"; "nothing" when no effect was detectable; empty when the metric has no such value.
     */
    private static String detectable(JsonObject f) {
        if (!(f.get("minimumDetectable") instanceof JsonObject md)) {
            return "";
        }
        if (!(md.get("value") instanceof JsonNumber)) {
            return "nothing";
        }
        String metric = md.getString("metric", "");
        boolean ratio = metric.endsWith("_ratio") || metric.endsWith("disparate_impact");
        return (ratio ? "ratio \u2264 " : "gap \u2265 ") + num(md.get("value"));
    }

    /** A finding's value through the one formatter the PDF uses too; "" when absent. */
    private static String num(JsonValue v) {
        return v instanceof JsonNumber n ? Figures.number(n.doubleValue()) : "";
    }

    private static String pretty(JsonObject json) {
        JsonWriterFactory f = Json.createWriterFactory(Map.of(JsonGenerator.PRETTY_PRINTING, true));
        StringWriter out = new StringWriter();
        f.createWriter(out).writeObject(json);
        return out.toString().strip();
    }
}
