package dev.assay.api;

import dev.assay.audit.GateService;
import jakarta.json.bind.annotation.JsonbNillable;
import jakarta.json.bind.annotation.JsonbPropertyOrder;

import java.time.Instant;
import java.util.List;

/**
 * The gate of a version (API.md): {@code audit} and {@code report} are {@code null}, not left out, when no
 * audit has finished, so a CI script can test them without checking that they exist; so is {@code expiresAt}
 * (when the audit stops being valid and the gate turns FAIL "audit expired") for an audit that never expires.
 */
@JsonbPropertyOrder({"decision", "audit", "reasons", "waivers", "report", "expiresAt", "deployment"})
public record GateView(String decision, @JsonbNillable String audit, List<String> reasons, List<WaiverView> waivers,
                       @JsonbNillable String report, @JsonbNillable Instant expiresAt, InEnvironment deployment) {

    /**
     * With {@code ?environment=}: the version's current deployment there and its health, so a retraining
     * pipeline or CI can act on it; {@code deployed} false (and the rest null) when the version does not
     * serve there now. Left out of the body when no environment was asked for.
     */
    @JsonbPropertyOrder({"environment", "deployed", "id", "since", "health"})
    public record InEnvironment(String environment, boolean deployed, @JsonbNillable String id,
                                @JsonbNillable Instant since, @JsonbNillable String health) {

        static InEnvironment none(String environment) {
            return new InEnvironment(environment, false, null, null, null);
        }
    }

    public GateView {
        reasons = List.copyOf(reasons);
        waivers = List.copyOf(waivers);
    }

    static GateView of(GateService.Gate gate) {
        return new GateView(gate.decision(), gate.auditId(), gate.reasons(),
                gate.waivers().stream().map(WaiverView::of).toList(),
                gate.auditId() == null ? null : "/api/v1/audits/" + gate.auditId() + "/report", gate.expiresAt(), null);
    }

    GateView in(InEnvironment deployment) {
        return new GateView(decision, audit, reasons, waivers, report, expiresAt, deployment);
    }

    /**
     * {@code GET /api/v1/gate?artifact=}: the gate of the version whose card names the artifact, with which
     * model and version that is.
     */
    @JsonbPropertyOrder({"model", "version", "decision", "audit", "reasons", "waivers", "report", "expiresAt", "deployment"})
    public record OfArtifact(String model, String version, String decision, @JsonbNillable String audit, List<String> reasons,
                             List<WaiverView> waivers, @JsonbNillable String report, @JsonbNillable Instant expiresAt,
                             InEnvironment deployment) {

        static OfArtifact of(String model, String version, GateView gate) {
            return new OfArtifact(model, version, gate.decision(), gate.audit(), gate.reasons(), gate.waivers(), gate.report(),
                    gate.expiresAt(), gate.deployment());
        }
    }
}
