package dev.assay.api;

import dev.assay.monitoring.FalseAlarms;
import dev.assay.monitoring.BatchService;
import dev.assay.monitoring.WindowService;
import jakarta.json.bind.annotation.JsonbNillable;
import jakarta.json.bind.annotation.JsonbPropertyOrder;

import java.time.Instant;
import java.util.List;

/** The small answers of the monitoring endpoints (API.md, "v1 additions (round 2)"). */
public final class MonitoringViews {

    private MonitoringViews() {
    }

    /** {@code {"deployments": [...]}}, newest first. */
    public record Deployments(List<DeploymentView> deployments) {
    }

    /** A prediction batch stored (201) or found stored before (200, {@code duplicate: true}). */
    @JsonbPropertyOrder({"batch", "rows", "duplicate"})
    public record PredictionBatch(String batch, Long rows, Boolean duplicate) {

        static PredictionBatch of(BatchService.Stored s) {
            return new PredictionBatch(s.batch(), s.rows(), s.duplicate());
        }
    }

    /** A label batch: how many labels had their prediction when they came; the others wait for theirs. */
    @JsonbPropertyOrder({"batch", "rows", "matched", "unmatched", "duplicate"})
    public record LabelBatch(String batch, Long rows, Long matched, Long unmatched, Boolean duplicate) {

        static LabelBatch of(BatchService.Stored s) {
            return new LabelBatch(s.batch(), s.rows(), s.matched(), s.unmatched(), s.duplicate());
        }
    }

    /** {@code {"windows": [...]}}, oldest first. */
    public record Windows(List<WindowView> windows) {
    }

    /** The windows a close started audits of. */
    @JsonbPropertyOrder({"until", "audited"})
    public record Closed(Instant until, List<ClosedWindow> audited) {
    }

    @JsonbPropertyOrder({"start", "end", "rows", "labelCoverage", "audit"})
    public record ClosedWindow(Instant start, Instant end, Long rows, Double labelCoverage, String audit) {
    }

    /** {@code {"points": [...]}}, oldest first. */
    @JsonbPropertyOrder({"points", "falseAlarms"})
    public record Points(List<Point> points, FalseAlarmRate falseAlarms) {

        static Points of(List<WindowService.Point> points) {
            List<FalseAlarms.Mark> marks = FalseAlarms.marks(points.stream().map(WindowService.Point::value).toList());
            List<Point> out = new java.util.ArrayList<>();
            for (int i = 0; i < points.size(); i++) {
                out.add(Point.of(points.get(i), marks.get(i)));
            }
            return new Points(out, FalseAlarmRate.STATED);
        }
    }

    /**
     * What a point's {@code alarm} is built for (monitoring.FalseAlarms): Page's CUSUM with k and h, about one
     * false alarm per {@code inControlRunLength} windows for a value at the threshold, a shift of one standard
     * error past it found after about {@code delayOneStandardError} windows.
     */
    @JsonbPropertyOrder({"method", "k", "h", "inControlRunLength", "delayOneStandardError"})
    public record FalseAlarmRate(String method, double k, double h, double inControlRunLength, double delayOneStandardError) {

        static final FalseAlarmRate STATED = new FalseAlarmRate("cusum", 0.5, 5, Math.round(FalseAlarms.IN_CONTROL_RUN_LENGTH),
                Math.round(FalseAlarms.DELAY_ONE_SE * 10) / 10.0);
    }

    /**
     * One window's value of the metric: {@code value} null when undefined (then {@code undefined} says why);
     * {@code threshold} and {@code comparator} of the rule judging it; {@code evidence} its distance past the
     * threshold in standard errors, {@code cusum} the statistic it reached, {@code alarm} whether that crossed h.
     */
    @JsonbPropertyOrder({"start", "end", "value", "ci", "n", "outcome", "undefined", "threshold", "comparator", "evidence",
            "cusum", "alarm", "audit"})
    public record Point(Instant start, Instant end, @JsonbNillable Double value, @JsonbNillable List<Double> ci, Long n,
                 @JsonbNillable String outcome, String undefined, Double threshold, String comparator, Double evidence,
                 double cusum, boolean alarm, String audit) {

        static Point of(WindowService.Point p, FalseAlarms.Mark mark) {
            return new Point(p.start(), p.end(), p.value().value(), p.value().ci(), p.value().n(), p.value().outcome(),
                    p.value().undefined(), p.value().threshold(), p.value().comparator(), mark.evidence(), mark.cusum(),
                    mark.alarm(), p.audit());
        }
    }
}
