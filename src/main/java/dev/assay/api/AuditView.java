package dev.assay.api;

import dev.assay.audit.PinnedInputs;
import dev.assay.report.ReportDocument;
import dev.assay.report.ReportJson;
import jakarta.json.JsonArray;
import dev.assay.audit.AuditProgress;
import dev.assay.audit.AuditResult;
import dev.assay.audit.AuditRun;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.bind.annotation.JsonbNillable;
import jakarta.json.bind.annotation.JsonbPropertyOrder;

import java.time.Instant;
import java.util.List;

/**
 * An audit run (API.md, {@code GET /api/v1/audits/{id}}). The reasons, findings and metrics are those of
 * the signed report, embedded as they were signed rather than rebuilt; before the run ends they are
 * empty. {@code decision}, {@code startedAt} and {@code finishedAt} are {@code null} until known;
 * {@code error} is there only for a failed run, {@code report} only for a finished one, {@code expiresAt} only
 * for a finished run whose packs say how long it stays valid (its report's {@code validity.expiresAt}).
 */
@JsonbPropertyOrder({"id", "status", "progress", "decision", "createdAt", "createdBy", "startedAt", "finishedAt", "expiresAt",
        "error", "reasons", "findings", "metrics", "inputs", "report"})
public record AuditView(String id, String status, Progress progress, @JsonbNillable String decision, Instant createdAt,
                        String createdBy, @JsonbNillable Instant startedAt, @JsonbNillable Instant finishedAt,
                        Instant expiresAt, String error, JsonArray reasons, JsonArray findings, JsonArray metrics, Inputs inputs,
                        Report report) {

    /** Where a running audit is (not evidence: kept in memory only). */
    @JsonbPropertyOrder({"stage", "percent"})
    public record Progress(String stage, int percent) {
    }

    /**
     * What the run pinned. {@code approvedVersion} is the approved version compared with, {@code null}
     * when the run compares with none.
     */
    @JsonbPropertyOrder({"dataset", "policies", "modelCard", "approvedVersion"})
    public record Inputs(DatasetRef dataset, List<PolicyRef> policies, ModelCardRef modelCard,
                         @JsonbNillable JsonValue approvedVersion) {

        public Inputs {
            policies = List.copyOf(policies);
        }
    }

    @JsonbPropertyOrder({"id", "sha256"})
    public record DatasetRef(String id, String sha256) {
    }

    public record ModelCardRef(String sha256) {
    }

    /** Where the signed artefacts of a finished audit are, and what signed them. */
    @JsonbPropertyOrder({"json", "jws", "sha256", "attestation", "keyId"})
    public record Report(String json, String jws, String sha256, String attestation, String keyId) {
    }

    static AuditView of(AuditRun run, AuditResult result, AuditProgress.Stage stage) {
        PinnedInputs pinned = PinnedInputs.parse(run.requestJson());
        JsonValue approved = pinned.approved() == null ? JsonValue.NULL : pinned.approved().toJson();
        ModelCardRef card = new ModelCardRef(pinned.modelCard());
        Progress progress = new Progress(stage.id(), stage.percent());
        if (result == null) {
            List<PolicyRef> policies = pinned.policies().stream().map(sha -> new PolicyRef(null, null, sha)).toList();
            return new AuditView(run.id(), run.status().name(), progress, null, run.createdAt(), run.createdBy(),
                    run.startedAt(), run.finishedAt(), null, run.error(), JsonValue.EMPTY_JSON_ARRAY, JsonValue.EMPTY_JSON_ARRAY,
                    JsonValue.EMPTY_JSON_ARRAY,
                    new Inputs(new DatasetRef(run.datasetId(), pinned.dataset()), policies, card, approved), null);
        }
        ReportDocument report = ReportDocument.parse(result.reportJson());
        List<PolicyRef> policies = report.policyRefs().stream().map(p -> new PolicyRef(p.id(), p.version(), p.sha256())).toList();
        String at = "/api/v1/audits/" + run.id();
        return new AuditView(run.id(), run.status().name(), progress, result.verdict().name(), run.createdAt(),
                run.createdBy(), run.startedAt(), run.finishedAt(), report.expiry() == null ? null : report.expiry().at(), run.error(),
                Json.createArrayBuilder(report.reasons()).build(),
                (JsonArray) ReportJson.array(report.findings()), (JsonArray) ReportJson.array(report.metrics()),
                new Inputs(new DatasetRef(run.datasetId(), report.dataset().sha256()), policies, card, approved),
                new Report(at + "/report", at + "/report.jws", result.reportSha256(), at + "/attestation", result.keyId()));
    }
}
