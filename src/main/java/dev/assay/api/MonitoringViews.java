package dev.assay.api;

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
    public record Points(List<Point> points) {
    }

    /** One window's value of the metric: {@code value} null when undefined (then {@code undefined} says why). */
    @JsonbPropertyOrder({"start", "end", "value", "ci", "n", "outcome", "undefined", "audit"})
    public record Point(Instant start, Instant end, @JsonbNillable Double value, @JsonbNillable List<Double> ci, Long n,
                 @JsonbNillable String outcome, String undefined, String audit) {

        static Point of(WindowService.Point p) {
            return new Point(p.start(), p.end(), p.value().value(), p.value().ci(), p.value().n(), p.value().outcome(),
                    p.value().undefined(), p.audit());
        }
    }
}
