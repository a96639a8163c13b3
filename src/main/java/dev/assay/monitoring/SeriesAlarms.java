package dev.assay.monitoring;

import dev.assay.infrastructure.JsonValues;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Which monitored values are in alarm: those whose CUSUM ({@link FalseAlarms}) alarmed at one of a deployment's
 * latest windows. This is the signal monitoring acts on besides each window's own decision (health and the
 * {@code monitoring.alarm} event), because its false-alarm rate is known and low (about one per
 * {@link FalseAlarms#IN_CONTROL_RUN_LENGTH} windows for a value at its threshold) where a window tested alone at 5%
 * raises one about every twenty. The values followed are those the newest report's rules judge against one bound
 * (the others give no evidence); each one's CUSUM runs over every window whose report has it, oldest first, as the
 * series API gives it. After an alarm the CUSUM restarts, so a value stays in alarm for {@code within} windows and
 * a change that persists alarms again (after about {@link FalseAlarms#DELAY_ONE_SE} windows at one standard error
 * past the threshold, sooner further).
 */
public final class SeriesAlarms {

    private SeriesAlarms() {
    }

    /** A window's finished audit and its report. */
    public record Report(String audit, JsonObject report) {
    }

    /**
     * A value in alarm.
     *
     * @param audit      the audit of the window whose evidence raised the alarm
     * @param windowsAgo how many windows before the newest one that was (0: the newest)
     * @param cusum      the statistic the CUSUM reached there (above {@code h})
     */
    public record Alarm(String policy, String rule, String metric, String scope, String group, String audit, int windowsAgo,
                        double cusum) {

        /** The value as one key: metric, scope and group. */
        public String key() {
            return metric + "|" + (scope == null ? "overall" : scope) + "|" + (group == null ? "" : group);
        }
    }

    /**
     * @param reports the windows' reports, oldest first (each window once, by its latest finished audit)
     * @param within  how many of the latest windows an alarm keeps a value in alarm (at least 1)
     * @return the values in alarm, in the order of the newest report's findings; empty when there are no reports
     */
    public static List<Alarm> of(List<Report> reports, int within) {
        if (reports.isEmpty()) {
            return List.of();
        }
        record Key(String policy, String rule, String metric, String scope, String group) {
        }
        Set<Key> keys = new LinkedHashSet<>();
        for (JsonObject f : reports.get(reports.size() - 1).report().getJsonArray("findings").getValuesAs(JsonObject.class)) {
            if (f.get("threshold") instanceof JsonNumber && !f.containsKey("upper")) {
                String scope = JsonValues.text(f.get("scope"), null);
                keys.add(new Key(f.getString("policy", ""), f.getString("rule", ""), f.getString("metric", ""),
                        "overall".equals(scope) ? null : scope, JsonValues.text(f.get("group"), null)));
            }
        }
        List<Alarm> out = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        for (Key k : keys) {
            List<Series.Point> points = new ArrayList<>();
            List<Integer> at = new ArrayList<>();
            for (int i = 0; i < reports.size(); i++) {
                int index = i;
                Series.of(reports.get(i).report(), k.metric(), k.scope(), k.group()).ifPresent(p -> {
                    points.add(p);
                    at.add(index);
                });
            }
            List<FalseAlarms.Mark> marks = FalseAlarms.marks(points);
            for (int j = marks.size() - 1; j >= 0; j--) {
                int ago = reports.size() - 1 - at.get(j);
                if (ago >= Math.max(1, within)) {
                    break;
                }
                if (marks.get(j).alarm()) {
                    Alarm a = new Alarm(k.policy(), k.rule(), k.metric(), k.scope(), k.group(), reports.get(at.get(j)).audit(), ago,
                            marks.get(j).cusum());
                    // Two rules judging the same value share its series: one alarm for it.
                    if (seen.add(a.key())) {
                        out.add(a);
                    }
                    break;
                }
            }
        }
        return List.copyOf(out);
    }
}
