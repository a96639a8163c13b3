package dev.assay.monitoring;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Page's CUSUM over a deployment's window reports, by hand: a rule {@code impact_ratio >= 0.8} and values whose 95%
 * interval says a standard error of 0.05, so a value of 0.7 is evidence z = (0.8 - 0.7) / 0.05 = 2 and the CUSUM
 * S = max(0, S + z - 0.5) climbs 1.5, 3.0, 4.5, 6.0: past h = 5 at the fourth window, then restarts at 0.
 */
class SeriesAlarmsTest {

    private static final double Z95 = 1.959963984540054;
    private static final double SE = 0.05;

    private static SeriesAlarms.Report report(String audit, double value) {
        JsonObject metric = Json.createObjectBuilder().add("metric", "impact_ratio").add("scope", "race").add("group", "Black")
                .add("value", value).add("ci", Json.createArrayBuilder().add(value - Z95 * SE).add(value + Z95 * SE)).add("n", 400)
                .build();
        JsonObject finding = Json.createObjectBuilder().add("rule", "four-fifths").add("policy", "post-market-monitoring")
                .add("metric", "impact_ratio").add("scope", "race").add("group", "Black").add("value", value)
                .add("threshold", 0.8).add("comparator", ">=").add("outcome", value >= 0.8 ? "pass" : "fail").build();
        return new SeriesAlarms.Report(audit, Json.createObjectBuilder().add("metrics", Json.createArrayBuilder().add(metric))
                .add("findings", Json.createArrayBuilder().add(finding)).build());
    }

    private static List<SeriesAlarms.Report> windows(double... values) {
        List<SeriesAlarms.Report> out = new ArrayList<>();
        for (int i = 0; i < values.length; i++) {
            out.add(report("a" + i, values[i]));
        }
        return out;
    }

    @Test
    void aPersistentShiftAlarmsAtTheWindowTheCusumCrossesH() {
        assertEquals(List.of(), SeriesAlarms.of(windows(0.7, 0.7, 0.7), 3), "S = 4.5 after three windows: not yet");
        List<SeriesAlarms.Alarm> alarms = SeriesAlarms.of(windows(0.7, 0.7, 0.7, 0.7), 3);
        assertEquals(1, alarms.size());
        SeriesAlarms.Alarm a = alarms.get(0);
        assertEquals("a3", a.audit());
        assertEquals(0, a.windowsAgo());
        assertEquals(6.0, a.cusum(), 1e-9);
        assertEquals("impact_ratio|race|Black", a.key());
        assertEquals("post-market-monitoring", a.policy());
        assertEquals("four-fifths", a.rule());
    }

    @Test
    void anAlarmKeepsTheValueInAlarmForTheLatestWindowsOnly() {
        // The CUSUM restarts after its alarm at a3; values well inside the bound add no evidence against the rule.
        assertEquals(2, SeriesAlarms.of(windows(0.7, 0.7, 0.7, 0.7, 0.9, 0.9), 3).get(0).windowsAgo());
        assertEquals(List.of(), SeriesAlarms.of(windows(0.7, 0.7, 0.7, 0.7, 0.9, 0.9, 0.9), 3), "three windows later");
        assertEquals(List.of(), SeriesAlarms.of(windows(0.7, 0.7, 0.7, 0.7, 0.9), 1), "within one window: the newest only");
    }

    @Test
    void windowsEachFailingAloneAtTheThresholdDoNotAlarm() {
        // A value sitting just under the threshold fails every window alone; its evidence (z = 0.2) never outgrows k = 0.5.
        assertEquals(List.of(), SeriesAlarms.of(windows(0.79, 0.79, 0.79, 0.79, 0.79, 0.79, 0.79, 0.79), 3));
    }

    @Test
    void valuesWithoutABoundOrReportsAtAllGiveNoAlarm() {
        assertEquals(List.of(), SeriesAlarms.of(List.of(), 3));
        JsonObject noFindings = Json.createObjectBuilder().add("metrics", Json.createArrayBuilder())
                .add("findings", Json.createArrayBuilder()).build();
        List<SeriesAlarms.Report> reports = new ArrayList<>(windows(0.7, 0.7, 0.7, 0.7));
        reports.add(new SeriesAlarms.Report("unjudged", noFindings));
        assertTrue(SeriesAlarms.of(reports, 3).isEmpty(), "the newest report judges nothing: nothing is followed");
    }
}
