package dev.assay.monitoring;

import jakarta.json.Json;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;

import java.io.StringReader;
import java.time.Duration;
import java.util.List;

/**
 * How a deployment is monitored.
 *
 * @param policies             the packs every window is audited against, by id
 * @param window               the length of the tumbling windows (ISO-8601 duration, at least a minute)
 * @param minimumLabelCoverage the share of a window's rows that must have a label (0 to 1) before metrics
 *                             that need labels are computed; below it they are undefined, with the reason
 */
public record MonitoringSettings(List<String> policies, Duration window, double minimumLabelCoverage) {

    /** The built-in pack for production windows. */
    public static final List<String> DEFAULT_POLICIES = List.of("post-market-monitoring");
    public static final Duration DEFAULT_WINDOW = Duration.ofDays(1);
    public static final double DEFAULT_MINIMUM_LABEL_COVERAGE = 0.5;
    /** Shorter windows would make an audit a minute: more audits than anyone reads. */
    public static final Duration MINIMUM_WINDOW = Duration.ofMinutes(1);

    public MonitoringSettings {
        policies = List.copyOf(policies);
    }

    public JsonObject toJson() {
        return Json.createObjectBuilder()
                .add("policies", Json.createArrayBuilder(policies))
                .add("window", text(window))
                .add("minimumLabelCoverage", minimumLabelCoverage)
                .build();
    }

    /** A window length as ISO-8601, whole days as days ({@code P1D}, not {@code PT24H}). */
    public static String text(Duration d) {
        return d.toSeconds() % 86_400 == 0 && d.getNano() == 0 ? "P" + d.toDays() + "D" : d.toString();
    }

    static MonitoringSettings parse(String json) {
        JsonObject o = Json.createReader(new StringReader(json)).readObject();
        return new MonitoringSettings(o.getJsonArray("policies").getValuesAs(JsonString.class).stream()
                .map(JsonString::getString).toList(), Duration.parse(o.getString("window")),
                ((JsonNumber) o.get("minimumLabelCoverage")).doubleValue());
    }
}
