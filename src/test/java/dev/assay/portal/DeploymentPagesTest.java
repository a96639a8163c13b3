package dev.assay.portal;

import dev.assay.monitoring.Deployment;
import dev.assay.monitoring.Health;
import dev.assay.monitoring.MonitoringSettings;
import dev.assay.monitoring.WindowService;
import dev.assay.registry.ModelVersion;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.io.StringReader;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The deployment page's charts from window reports (no server), its series chart, and its template. */
class DeploymentPagesTest {

    /** A window report: impact ratio of F (judged >= 0.8) with the given value and a 0.1-wide interval, and drift share. */
    static JsonObject report(double femaleRatio) {
        String outcome = femaleRatio >= 0.8 ? "pass" : "fail";
        return Json.createReader(new StringReader("""
                {"policies": [{"id": "pmm", "rules": [
                    {"id": "ratio", "description": "four fifths", "metric": "impact_ratio"},
                    {"id": "drift", "description": "inputs stay", "metric": "drift_share"}]}],
                 "metrics": [
                   {"metric": "impact_ratio", "scope": "sex", "group": "F", "value": %s, "ci": [%s, %s], "n": 60},
                   {"metric": "impact_ratio", "scope": "sex", "group": "M", "value": 1.0, "ci": null, "n": 60},
                   {"metric": "drift_share", "scope": null, "group": null, "value": 0.25, "ci": null, "n": 4}
                 ],
                 "findings": [
                   {"policy": "pmm", "rule": "ratio", "metric": "impact_ratio", "scope": "sex", "group": "F", "outcome": "%s",
                    "threshold": 0.8, "comparator": ">="},
                   {"policy": "pmm", "rule": "ratio", "metric": "impact_ratio", "scope": "sex", "group": "M", "outcome": "pass",
                    "threshold": 0.8, "comparator": ">="},
                   {"policy": "pmm", "rule": "drift", "metric": "drift_share", "scope": null, "group": null, "outcome": "pass",
                    "threshold": 0.5, "comparator": "<"}
                 ]}
                """.formatted(femaleRatio, femaleRatio - 0.05, femaleRatio + 0.05, outcome))).readObject();
    }

    @Test
    void aChartPerJudgedValueGroupedByRuleWithTheReleaseValueAndCusumAlarms() {
        List<DeploymentPages.WindowReport> windows = new ArrayList<>();
        // Two windows at the bound, then a persistent fall far below it: the CUSUM alarms in the first fallen window.
        for (double v : new double[] {0.95, 0.9, 0.5, 0.5}) {
            windows.add(new DeploymentPages.WindowReport("01-0" + (windows.size() + 1), report(v)));
        }
        JsonObject release = report(0.97);
        List<DeploymentPages.RuleSeries> rules = DeploymentPages.charts(windows, release, 40);
        assertEquals(List.of("ratio", "drift"), rules.stream().map(DeploymentPages.RuleSeries::rule).toList());
        assertEquals("four fifths", rules.get(0).description());
        SeriesChart female = rules.get(0).charts().get(0);
        assertEquals("impact_ratio, sex = F", female.title());
        assertEquals(0.8, female.threshold());
        assertEquals(">=", female.comparator());
        assertEquals(0.97, female.reference(), 1e-9, "the release audit's value");
        assertEquals(4, female.points().size());
        assertEquals("fail", female.points().get(2).outcome());
        assertFalse(female.points().get(0).alarm());
        assertTrue(female.points().get(2).alarm(), "6 standard errors below the bound alarm at once");
        assertEquals("drift_share (overall)", rules.get(1).charts().get(0).title());
        assertNull(DeploymentPages.charts(windows, null, 40).get(0).charts().get(0).reference(), "no release audit: no reference");
        assertEquals(1, DeploymentPages.charts(windows, release, 1).stream().mapToInt(r -> r.charts().size()).sum(), "capped");
    }

    @Test
    void theSeriesChartHasATitleABandTheThresholdTheReferenceAndAlarmsInWords() {
        SeriesChart chart = new SeriesChart("impact_ratio, sex = <F>", ">=", 0.8, 0.97, List.of(
                new SeriesChart.Point("01-01", 0.95, 0.9, 1.0, "pass", false, null),
                new SeriesChart.Point("01-02", 0.5, 0.45, 0.55, "fail", true, null),
                new SeriesChart.Point("01-03", null, null, null, "undefined", false, "label coverage too low")));
        String svg = Svg.series(chart, "s1");
        assertTrue(svg.startsWith("<svg class=\"chart series\" role=\"img\""), svg);
        assertTrue(svg.contains("<title id=\"s1-t\">impact_ratio, sex = &lt;F&gt;</title>"), "escaped title: " + svg);
        assertTrue(svg.contains("aria-labelledby=\"s1-t s1-d\""), svg);
        assertTrue(svg.contains("class=\"band\"") && svg.contains("class=\"threshold\"") && svg.contains("class=\"reference\""), svg);
        assertTrue(svg.contains("\u25b2 alarm") && svg.contains("\u2716"), "alarm and failure in text, not colour alone");
        assertTrue(svg.contains(">?</text>"), "the undefined window is marked");
        assertTrue(svg.contains("01-02: 0.5000 [0.4500, 0.5500] fail, CUSUM alarm"), "the description reads every window");
        assertTrue(svg.contains("label coverage too low"), svg);
        // The range holds every value, interval end, threshold and reference, with a margin.
        double[] r = chart.range();
        assertTrue(r[0] < 0.45 && r[1] > 1.0, r[0] + " " + r[1]);
        assertEquals(0.5, new SeriesChart("flat", null, null, null, List.of(
                new SeriesChart.Point("a", 1.0, null, null, null, false, null))).fraction(1.0), 1e-9, "a flat series sits mid-height");
    }

    @Test
    void windowLabelsAndHealthInWords() {
        Instant t = Instant.parse("2026-01-10T09:00:00Z");
        assertEquals("01-10 09:00", DeploymentPages.label(t, Duration.ofHours(1)));
        assertEquals("2026-01-10", DeploymentPages.label(t, Duration.ofDays(1)));
        assertEquals("\u2716 failing", DeploymentPages.healthBadge(Health.FAILING));
        assertEquals("? unknown", DeploymentPages.healthBadge(Health.UNKNOWN));
        SeriesChart coverage = DeploymentPages.coverage(List.of(new WindowService.Window(t, t.plusSeconds(3600), 60, 20, 20.0 / 60,
                "PASS", "a", "DONE", List.of())), new MonitoringSettings(List.of("pmm"), Duration.ofHours(1), 0.5));
        assertEquals(0.5, coverage.threshold());
        assertEquals(20.0 / 60, coverage.points().get(0).value(), 1e-9);
    }

    @Test
    void theTemplateRendersTheTimelineChartsAndDeliveries() {
        Instant t = Instant.parse("2026-01-10T09:00:00Z");
        Deployment d = new Deployment("dep-1", "credit", "mv-1", "production", t, "PASS", "0123456789abcdef", "ref",
                new MonitoringSettings(List.of("post-market-monitoring"), Duration.ofHours(1), 0.5), "ci");
        Map<String, Object> m = new HashMap<>();
        m.put("title", "credit 1.0.0 in production");
        m.put("can", Set.of());
        m.put("d", d);
        m.put("version", new ModelVersion("mv-1", "credit", "1.0.0", "{}", "sha", "ci", t));
        m.put("versionLink", "/portal/models/credit/versions/1.0.0");
        m.put("settings", d.monitoring());
        m.put("windowLength", "PT1H");
        m.put("minimumCoverage", "50%");
        m.put("health", "failing");
        m.put("healthBadge", DeploymentPages.healthBadge(Health.FAILING));
        m.put("gateBadge", Page.badge("PASS"));
        m.put("windows", List.of(new DeploymentPages.WindowRow(t.toString(), t.plusSeconds(3600).toString(), 60, 20, "33%", true,
                "FAIL", Page.badge("FAIL"), "abcdef0123456789", "DONE", true, 1)));
        m.put("shownWindows", 1);
        m.put("rules", List.of(new DeploymentPages.RuleCharts("pmm", "ratio", "four fifths",
                List.of(new DeploymentPages.ChartView("impact_ratio", "<svg role=\"img\"></svg>")))));
        m.put("chartsCut", false);
        m.put("coverageChart", new DeploymentPages.ChartView("label coverage", "<svg role=\"img\"></svg>"));
        m.put("readsAlerts", true);
        m.put("deliveries", List.of(new DeploymentPages.DeliveryRow("hook", "window.failed", "\u2714 delivered", 1, t, t, "")));
        String html = new Templates().render("deployment", m);
        assertTrue(html.contains("Health: \u2716 failing"), html);
        assertTrue(html.contains("\u2716 FAIL") && html.contains("33% (20 of 60)") && html.contains("below the minimum"), html);
        assertTrue(html.contains("/portal/audits/abcdef0123456789/report.pdf"), html);
        assertTrue(html.contains("\u2714 delivered") && html.contains("window.failed"), html);
        assertTrue(html.contains("audited again after late labels"), html);
    }
}
