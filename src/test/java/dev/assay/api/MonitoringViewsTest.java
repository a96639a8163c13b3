package dev.assay.api;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The monitoring answers as the server writes them (ViewJson): API.md's names, nulls where it shows null. */
class MonitoringViewsTest {

    static final Instant T = Instant.parse("2026-01-10T10:00:00Z");

    @Test
    void aServingDeploymentShowsUntilNull() {
        DeploymentView d = new DeploymentView("id", "m", "1.0.0", "production", T, null, "failing",
                List.of(new DeploymentView.Alarm("post-market-monitoring", "four-fifths", "impact_ratio", "race", null, "a3", 0, 6.0)),
                new DeploymentView.Gate("PASS", "a"), new DeploymentView.Monitoring(List.of("post-market-monitoring"), "P1D", "ds", 0.5),
                null);
        assertEquals("{\"deployments\":[{\"id\":\"id\",\"model\":\"m\",\"version\":\"1.0.0\",\"environment\":\"production\","
                + "\"since\":\"2026-01-10T10:00:00Z\",\"until\":null,\"health\":\"failing\","
                + "\"alarms\":[{\"policy\":\"post-market-monitoring\",\"rule\":\"four-fifths\",\"metric\":\"impact_ratio\","
                + "\"scope\":\"race\",\"group\":null,\"audit\":\"a3\",\"windowsAgo\":0,\"cusum\":6.0}],\"gate\":{\"decision\":\"PASS\",\"audit\":\"a\"},"
                + "\"monitoring\":{\"policies\":[\"post-market-monitoring\"],\"window\":\"P1D\",\"reference\":\"ds\","
                + "\"minimumLabelCoverage\":0.5}}]}", ViewJson.JSONB.toJson(new MonitoringViews.Deployments(List.of(d))));
    }

    @Test
    void batchesWindowsAndPoints() {
        assertEquals("{\"batch\":\"b1\",\"rows\":60,\"duplicate\":true}",
                ViewJson.JSONB.toJson(new MonitoringViews.PredictionBatch("b1", 60L, true)));
        assertEquals("{\"batch\":\"l1\",\"rows\":20,\"matched\":5,\"unmatched\":15,\"duplicate\":false}",
                ViewJson.JSONB.toJson(new MonitoringViews.LabelBatch("l1", 20L, 5L, 15L, false)));
        assertEquals("{\"windows\":[{\"start\":\"2026-01-10T10:00:00Z\",\"end\":\"2026-01-10T11:00:00Z\",\"rows\":60,"
                        + "\"labeledRows\":20,\"labelCoverage\":0.25,\"decision\":\"NONE\",\"audit\":\"a\",\"status\":\"RUNNING\","
                        + "\"earlierAudits\":[]}]}",
                ViewJson.JSONB.toJson(new MonitoringViews.Windows(List.of(new WindowView(T, T.plusSeconds(3600), 60L, 20L, 0.25,
                        "NONE", "a", "RUNNING", List.of())))));
        assertEquals("{\"points\":[{\"start\":\"2026-01-10T10:00:00Z\",\"end\":\"2026-01-10T11:00:00Z\",\"value\":null,"
                        + "\"ci\":null,\"n\":60,\"outcome\":null,\"undefined\":\"why\",\"cusum\":0.0,\"alarm\":false,\"audit\":\"a\"}],"
                        + "\"falseAlarms\":{\"method\":\"cusum\",\"k\":0.5,\"h\":5.0,\"inControlRunLength\":938.0,"
                        + "\"delayOneStandardError\":10.3}}",
                ViewJson.JSONB.toJson(new MonitoringViews.Points(List.of(new MonitoringViews.Point(T, T.plusSeconds(3600), null, null,
                        60L, null, "why", null, null, null, 0, false, "a")), MonitoringViews.FalseAlarmRate.STATED)));
    }
}
