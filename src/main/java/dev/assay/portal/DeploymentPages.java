package dev.assay.portal;

import dev.assay.infrastructure.Figures;
import dev.assay.alert.AlertDelivery;
import dev.assay.alert.Alerts;
import dev.assay.audit.AuditService;
import dev.assay.failure.NotFound;
import dev.assay.infrastructure.JsonValues;
import dev.assay.monitoring.Deployment;
import dev.assay.monitoring.DeploymentService;
import dev.assay.monitoring.FalseAlarms;
import dev.assay.monitoring.Health;
import dev.assay.monitoring.MonitoringSettings;
import dev.assay.monitoring.Series;
import dev.assay.monitoring.WindowService;
import dev.assay.registry.ModelRegistry;
import dev.assay.registry.ModelVersion;
import dev.assay.security.Caller;
import dev.assay.security.Permission;
import dev.assay.security.Requires;
import dev.assay.security.SessionAuthenticated;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;

import java.io.StringReader;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One deployment: what serves where since when and how healthy it is, its windows as a timeline (each
 * window's decision, rows, label coverage and signed reports), a chart per monitored value over the
 * windows, and, for those who read alerts, the alerts told about it. Everything comes from the windows'
 * signed reports, as on the version page.
 */
@Path("portal/deployments/{id}")
@SessionAuthenticated
public class DeploymentPages {

    /** Windows shown: the latest this many (the API lists them all); enough for two months of daily windows. */
    static final int WINDOWS = 60;
    /** Charts drawn at most; a pack judging many columns would otherwise make a page nobody reads. */
    static final int CHARTS = 40;
    /** Alert deliveries shown at most. */
    static final int DELIVERIES = 50;

    @Inject
    DeploymentService deployments;

    @Inject
    WindowService windows;

    @Inject
    AuditService audits;

    @Inject
    ModelRegistry registry;

    @Inject
    Alerts alerts;

    @Inject
    Templates templates;

    @Context
    HttpServletRequest request;

    public record WindowRow(String start, String end, long rows, long labeledRows, String coverage, boolean belowMinimum,
                            String decision, String badge, String audit, String status, boolean done, int earlierAudits) {
    }

    public record ChartView(String caption, String svg) {
    }

    public record RuleCharts(String policy, String rule, String description, List<ChartView> charts) {
    }

    public record DeliveryRow(String receiver, String event, String status, int attempts, Instant createdAt,
                              Instant lastAttemptAt, String lastError) {
    }

    /** A window's signed report, with the label it has on a chart's time axis; oldest first. */
    record WindowReport(String label, JsonObject report) {
    }

    /** The charts of one rule, before drawing. */
    record RuleSeries(String policy, String rule, String description, List<SeriesChart> charts) {
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    @Requires(Permission.READ_DEPLOYMENTS)
    public String page(@PathParam("id") String id, @Context SecurityContext security) {
        Caller caller = (Caller) security.getUserPrincipal();
        Deployment d = reach(id, caller);
        ModelVersion version = deployments.version(d);
        MonitoringSettings settings = d.monitoring();
        Map<String, Object> m = Page.model(d.modelName() + " " + version.version() + " in " + d.environment(), request);
        m.put("d", d);
        m.put("version", version);
        m.put("versionLink", VersionPages.link(version));
        m.put("modelLink", ModelPages.link(version.modelName()));
        m.put("settings", settings);
        m.put("windowLength", MonitoringSettings.text(settings.window()));
        m.put("minimumCoverage", percent(settings.minimumLabelCoverage()));
        Health health = windows.health(d.id());
        m.put("health", health.id());
        m.put("healthBadge", healthBadge(health));
        m.put("gateBadge", Page.badge(d.gateDecision()));

        List<WindowService.Window> latest = new ArrayList<>(windows.latest(d.id(), WINDOWS));
        Collections.reverse(latest);
        List<WindowRow> rows = new ArrayList<>();
        List<WindowReport> reports = new ArrayList<>();
        for (WindowService.Window w : latest) {
            rows.add(new WindowRow(w.start().toString(), w.end().toString(), w.rows(), w.labeledRows(), percent(w.labelCoverage()),
                    w.labelCoverage() < settings.minimumLabelCoverage(), w.decision(), Page.badge(w.decision()), w.audit(),
                    w.status(), "DONE".equals(w.status()), w.earlierAudits().size()));
            audits.result(w.audit()).ifPresent(r -> reports.add(new WindowReport(label(w.start(), settings.window()),
                    parse(r.reportJson()))));
        }
        m.put("windows", rows);
        m.put("shownWindows", latest.size());

        // The reference value of a series: the same value in the audit the deployment's gate rested on.
        JsonObject release = d.gateAuditId() == null ? null
                : audits.result(d.gateAuditId()).map(r -> parse(r.reportJson())).orElse(null);
        List<RuleSeries> series = charts(reports, release, CHARTS);
        int chartId = 0;
        List<RuleCharts> drawn = new ArrayList<>();
        int total = 0;
        for (RuleSeries rule : series) {
            List<ChartView> views = new ArrayList<>();
            for (SeriesChart c : rule.charts()) {
                views.add(new ChartView(caption(c), Svg.series(c, "series-" + (++chartId))));
            }
            total += views.size();
            drawn.add(new RuleCharts(rule.policy(), rule.rule(), rule.description(), views));
        }
        m.put("rules", drawn);
        m.put("chartsCut", total >= CHARTS);
        SeriesChart coverage = coverage(latest, settings);
        m.put("coverageChart", latest.isEmpty() ? null : new ChartView(caption(coverage), Svg.series(coverage, "coverage")));

        // Deliveries belong to receivers, not deployments; the events of monitoring name the deployment as their
        // subject, so the ones about this deployment are found by it. Only those who may read alerts see them.
        boolean readsAlerts = Permission.READ_ALERTS.grantedToAny(caller.roles());
        m.put("readsAlerts", readsAlerts);
        m.put("deliveries", readsAlerts ? alerts.deliveriesAbout(d.id(), DELIVERIES).stream().map(DeploymentPages::delivery).toList()
                : List.of());
        return templates.render("deployment", m);
    }

    /** A deployment for this caller: 404 when its model is out of their reach, as for one that does not exist. */
    private Deployment reach(String id, Caller caller) {
        Deployment d = deployments.get(id);
        if (!registry.reaches(caller, d.modelName())) {
            throw new NotFound("No deployment " + id);
        }
        return d;
    }

    /**
     * A chart per value the windows' rules judged (metric, scope, group), grouped by rule in the order of the
     * newest report, at most {@code max} in all. Each point is a window whose report has the value; the CUSUM
     * marks come from {@link FalseAlarms}, over the windows shown.
     *
     * @param reports oldest first
     * @param release the report of the release audit (the reference values), or null
     */
    static List<RuleSeries> charts(List<WindowReport> reports, JsonObject release, int max) {
        record Key(String policy, String rule, String metric, String scope, String group) {
        }
        Map<String, String> descriptions = new LinkedHashMap<>();
        Map<Key, Boolean> keys = new LinkedHashMap<>();
        for (int i = reports.size() - 1; i >= 0; i--) {
            JsonObject report = reports.get(i).report();
            for (JsonObject p : report.getJsonArray("policies").getValuesAs(JsonObject.class)) {
                for (JsonObject r : p.getJsonArray("rules").getValuesAs(JsonObject.class)) {
                    descriptions.putIfAbsent(p.getString("id") + "/" + r.getString("id"), r.getString("description", ""));
                }
            }
            for (JsonObject f : report.getJsonArray("findings").getValuesAs(JsonObject.class)) {
                String scope = JsonValues.text(f.get("scope"), null);
                keys.putIfAbsent(new Key(f.getString("policy", ""), f.getString("rule", ""), f.getString("metric", ""),
                        "overall".equals(scope) ? null : scope, JsonValues.text(f.get("group"), null)), true);
            }
        }
        Map<String, RuleSeries> byRule = new LinkedHashMap<>();
        int drawn = 0;
        for (Key k : keys.keySet()) {
            if (drawn >= max) {
                break;
            }
            List<Series.Point> values = new ArrayList<>();
            List<String> labels = new ArrayList<>();
            for (WindowReport w : reports) {
                Optional<Series.Point> p = Series.of(w.report(), k.metric(), k.scope(), k.group());
                if (p.isPresent()) {
                    values.add(p.get());
                    labels.add(w.label());
                }
            }
            if (values.isEmpty()) {
                continue;
            }
            List<FalseAlarms.Mark> marks = FalseAlarms.marks(values);
            List<SeriesChart.Point> points = new ArrayList<>();
            for (int i = 0; i < values.size(); i++) {
                Series.Point v = values.get(i);
                points.add(new SeriesChart.Point(labels.get(i), v.value(), v.ci() == null ? null : v.ci().get(0),
                        v.ci() == null ? null : v.ci().get(1), v.outcome(), marks.get(i).alarm(), v.undefined()));
            }
            // The bound of the newest window that has one: a pack changed since draws today's threshold.
            Series.Point bound = values.stream().filter(v -> v.threshold() != null).reduce((a, b) -> b).orElse(null);
            Double reference = release == null ? null
                    : Series.of(release, k.metric(), k.scope(), k.group()).map(Series.Point::value).orElse(null);
            SeriesChart chart = new SeriesChart(title(k.metric(), k.scope(), k.group()), bound == null ? null : bound.comparator(),
                    bound == null ? null : bound.threshold(), reference, points);
            String ruleKey = k.policy() + "/" + k.rule();
            byRule.computeIfAbsent(ruleKey, x -> new RuleSeries(k.policy(), k.rule(), descriptions.getOrDefault(ruleKey, ""),
                    new ArrayList<>())).charts().add(chart);
            drawn++;
        }
        return byRule.values().stream().map(r -> new RuleSeries(r.policy(), r.rule(), r.description(), List.copyOf(r.charts())))
                .toList();
    }

    /** Label coverage over the windows, with the deployment's minimum as the line it must reach. */
    static SeriesChart coverage(List<WindowService.Window> oldestFirst, MonitoringSettings settings) {
        List<SeriesChart.Point> points = oldestFirst.stream().map(w -> new SeriesChart.Point(label(w.start(), settings.window()),
                w.labelCoverage(), null, null, null, false, null)).toList();
        return new SeriesChart("label coverage", ">=", settings.minimumLabelCoverage(), null, points);
    }

    static String title(String metric, String scope, String group) {
        return metric + (scope == null ? " (overall)" : group == null ? " by " + scope : ", " + scope + " = " + group);
    }

    private static String caption(SeriesChart c) {
        return c.title() + ": each window's value and 95% interval"
                + (c.threshold() == null ? "" : ", the threshold (dashed)")
                + (c.reference() == null ? "; the release audit did not compute this value" : ", the release audit's value (dotted)")
                + (c.alarms() == 0 ? "" : "; " + c.alarms() + " CUSUM alarm(s) marked");
    }

    /** A window's start on a time axis: the day for daily and longer windows, else day and time (UTC). */
    static String label(Instant start, Duration window) {
        String pattern = window.compareTo(Duration.ofDays(1)) >= 0 ? "yyyy-MM-dd" : "MM-dd HH:mm";
        return DateTimeFormatter.ofPattern(pattern, Locale.ROOT).withZone(ZoneOffset.UTC).format(start);
    }

    /** Health in a word with an icon: colour is never the only carrier of meaning. */
    static String healthBadge(Health h) {
        return switch (h) {
            case HEALTHY -> "\u2714 healthy";
            case DEGRADED -> "\u26a0 degraded";
            case FAILING -> "\u2716 failing";
            case UNKNOWN -> "? unknown";
        };
    }

    private static String percent(double share) {
        return Figures.percent(share);
    }

    private static JsonObject parse(String json) {
        try (JsonReader r = Json.createReader(new StringReader(json))) {
            return r.readObject();
        }
    }

    private static DeliveryRow delivery(AlertDelivery d) {
        // The state in a word with an icon, as everywhere on the portal.
        String status = switch (d.status()) {
            case DELIVERED -> "\u2714 delivered";
            case FAILED -> "\u2716 failed";
            case RETRYING -> "\u21bb retrying";
        };
        return new DeliveryRow(d.receiver(), d.eventType(), status, d.attempts(), d.createdAt(), d.lastAttemptAt(),
                Objects.requireNonNullElse(d.lastError(), ""));
    }
}
