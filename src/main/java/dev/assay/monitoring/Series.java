package dev.assay.monitoring;

import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** One metric value of one window audit's report, for a series across windows. Plain Java over the report's JSON. */
public final class Series {

    private Series() {
    }

    /**
     * A point: the value (null when undefined, with {@code undefined} saying why), its interval, the rows it
     * rests on, and the worst outcome of the rules that judged it (fail, warn, undefined, pass; null when no
     * rule did).
     */
    public record Point(Double value, List<Double> ci, long n, String outcome, String undefined, Double threshold,
                        String comparator) {

        public Point(Double value, List<Double> ci, long n, String outcome, String undefined) {
            this(value, ci, n, outcome, undefined, null, null);
        }
    }

    /**
     * The value of {@code metric} over {@code scope} (null or "overall": the whole dataset) for {@code group}
     * (null: the scope's own value) in a report's {@code metrics} and {@code findings}.
     */
    public static Optional<Point> of(JsonObject report, String metric, String scope, String group) {
        String s = scope == null || scope.equals("overall") ? null : scope;
        JsonObject value = report.getJsonArray("metrics").getValuesAs(JsonObject.class).stream()
                // A value at a point of the score scale (a threshold, a calibration bin) is not the metric's own.
                .filter(m -> metric.equals(text(m, "metric")) && Objects.equals(s, text(m, "scope"))
                        && Objects.equals(group, text(m, "group")) && (m.get("at") == null || m.get("at") == JsonValue.NULL)
                        // Nor is a value within a stratum of a rule's control columns.
                        && !m.containsKey("stratum"))
                .findFirst().orElse(null);
        if (value == null) {
            return Optional.empty();
        }
        String outcome = null;
        for (String candidate : List.of("fail", "warn", "undefined", "pass")) {
            boolean judged = report.getJsonArray("findings").getValuesAs(JsonObject.class).stream()
                    .anyMatch(f -> metric.equals(text(f, "metric")) && Objects.equals(s, text(f, "scope"))
                            && Objects.equals(group, text(f, "group")) && !f.containsKey("stratum") && candidate.equals(text(f, "outcome")));
            if (judged) {
                outcome = candidate;
                break;
            }
        }
        // The bound the metric is judged against: that of the first rule judging it (a single-bound rule only).
        JsonObject judge = report.getJsonArray("findings").getValuesAs(JsonObject.class).stream()
                .filter(f -> metric.equals(text(f, "metric")) && Objects.equals(s, text(f, "scope"))
                        && Objects.equals(group, text(f, "group")) && !f.containsKey("stratum") && f.get("threshold") instanceof JsonNumber
                        && !f.containsKey("upper"))
                .findFirst().orElse(null);
        List<Double> ci = value.get("ci") instanceof JsonArray a && a.size() == 2
                && a.get(0) instanceof JsonNumber lo && a.get(1) instanceof JsonNumber hi
                ? List.of(lo.doubleValue(), hi.doubleValue()) : null;
        return Optional.of(new Point(value.get("value") instanceof JsonNumber v ? v.doubleValue() : null, ci,
                value.get("n") instanceof JsonNumber n ? n.longValue() : 0, outcome, text(value, "undefined"),
                judge == null ? null : judge.getJsonNumber("threshold").doubleValue(), judge == null ? null : text(judge, "comparator")));
    }

    private static String text(JsonObject o, String key) {
        return o.get(key) instanceof JsonString v ? v.getString() : null;
    }
}
