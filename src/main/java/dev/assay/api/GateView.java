package dev.assay.api;

import dev.assay.audit.GateService;
import jakarta.json.bind.annotation.JsonbNillable;
import jakarta.json.bind.annotation.JsonbPropertyOrder;

import java.util.List;

/**
 * The gate of a version (API.md): {@code audit} and {@code report} are {@code null}, not left out, when no
 * audit has finished, so a CI script can test them without checking that they exist.
 */
@JsonbPropertyOrder({"decision", "audit", "reasons", "waivers", "report"})
public record GateView(String decision, @JsonbNillable String audit, List<String> reasons, List<WaiverView> waivers,
                       @JsonbNillable String report) {

    public GateView {
        reasons = List.copyOf(reasons);
        waivers = List.copyOf(waivers);
    }

    static GateView of(GateService.Gate gate) {
        return new GateView(gate.decision(), gate.auditId(), gate.reasons(),
                gate.waivers().stream().map(WaiverView::of).toList(),
                gate.auditId() == null ? null : "/api/v1/audits/" + gate.auditId() + "/report");
    }

    /**
     * {@code GET /api/v1/gate?artifact=}: the gate of the version whose card names the artifact, with which
     * model and version that is.
     */
    @JsonbPropertyOrder({"model", "version", "decision", "audit", "reasons", "waivers", "report"})
    public record OfArtifact(String model, String version, String decision, @JsonbNillable String audit, List<String> reasons,
                             List<WaiverView> waivers, @JsonbNillable String report) {

        static OfArtifact of(String model, String version, GateView gate) {
            return new OfArtifact(model, version, gate.decision(), gate.audit(), gate.reasons(), gate.waivers(), gate.report());
        }
    }
}
