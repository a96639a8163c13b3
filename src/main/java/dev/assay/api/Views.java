package dev.assay.api;

import dev.assay.audit.AuditResult;
import dev.assay.audit.AuditRun;
import dev.assay.audit.GateService;
import dev.assay.audit.PinnedInputs;
import dev.assay.dataset.ColumnProfile;
import dev.assay.dataset.Dataset;
import dev.assay.registry.ModelVersion;
import dev.assay.report.ReportDocument;
import dev.assay.report.ReportJson;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;

import java.time.Instant;

/** The JSON the API answers with, per resource kind (field names fixed by API.md). */
final class Views {

    private Views() {
    }

    static JsonObject dataset(Dataset d, ModelVersion v) {
        JsonArrayBuilder columns = Json.createArrayBuilder();
        for (ColumnProfile c : d.columns()) {
            columns.add(c.toJson());
        }
        return Json.createObjectBuilder()
                .add("id", d.id())
                .add("sha256", d.sha256())
                .add("rows", d.rowCount())
                .add("role", d.role())
                .add("format", d.format())
                .add("bytes", d.sizeBytes())
                .add("model", v.modelName())
                .add("version", v.version())
                .add("createdAt", d.createdAt().toString())
                .add("createdBy", d.createdBy())
                .add("columns", columns)
                .build();
    }

    static JsonObject audit(AuditRun run, AuditResult result, dev.assay.audit.AuditProgress.Stage stage) {
        JsonObjectBuilder b = Json.createObjectBuilder()
                .add("id", run.id())
                .add("status", run.status().name())
                .add("progress", Json.createObjectBuilder().add("stage", stage.id()).add("percent", stage.percent()))
                .add("decision", result == null ? JsonValue.NULL : Json.createValue(result.verdict().name()))
                .add("createdAt", run.createdAt().toString())
                .add("createdBy", run.createdBy())
                .add("startedAt", time(run.startedAt()))
                .add("finishedAt", time(run.finishedAt()));
        if (run.error() != null) {
            b.add("error", run.error());
        }
        PinnedInputs pinned = PinnedInputs.parse(run.requestJson());
        JsonValue approved = pinned.approved() == null ? JsonValue.NULL : pinned.approved().toJson();
        if (result != null) {
            ReportDocument report = ReportDocument.parse(result.reportJson());
            JsonArrayBuilder policies = Json.createArrayBuilder();
            report.policyRefs().forEach(p -> policies.add(
                    Json.createObjectBuilder().add("id", p.id()).add("version", p.version()).add("sha256", p.sha256())));
            b.add("reasons", Json.createArrayBuilder(report.reasons()))
                    .add("findings", ReportJson.array(report.findings()))
                    .add("metrics", ReportJson.array(report.metrics()))
                    .add("inputs", Json.createObjectBuilder()
                            .add("dataset", Json.createObjectBuilder().add("id", run.datasetId())
                                    .add("sha256", report.dataset().sha256()))
                            .add("policies", policies)
                            .add("modelCard", Json.createObjectBuilder().add("sha256", pinned.modelCard()))
                            .add("approvedVersion", approved))
                    .add("report", Json.createObjectBuilder()
                            .add("json", "/api/v1/audits/" + run.id() + "/report")
                            .add("jws", "/api/v1/audits/" + run.id() + "/report.jws")
                            .add("sha256", result.reportSha256())
                            .add("attestation", "/api/v1/audits/" + run.id() + "/attestation")
                            .add("keyId", result.keyId()));
        } else {
            b.add("reasons", JsonValue.EMPTY_JSON_ARRAY)
                    .add("findings", JsonValue.EMPTY_JSON_ARRAY)
                    .add("metrics", JsonValue.EMPTY_JSON_ARRAY)
                    .add("inputs", Json.createObjectBuilder()
                            .add("dataset", Json.createObjectBuilder().add("id", run.datasetId())
                                    .add("sha256", pinned.dataset()))
                            .add("policies", pinnedPolicies(pinned.policies()))
                            .add("modelCard", Json.createObjectBuilder().add("sha256", pinned.modelCard()))
                            .add("approvedVersion", approved));
        }
        return b.build();
    }

    private static JsonArray pinnedPolicies(java.util.List<String> shas) {
        JsonArrayBuilder b = Json.createArrayBuilder();
        shas.forEach(s -> b.add(Json.createObjectBuilder().add("sha256", s)));
        return b.build();
    }

    static JsonObject waiver(dev.assay.waiver.WaiverService.View v) {
        var w = v.waiver();
        JsonObjectBuilder b = Json.createObjectBuilder()
                .add("id", w.id())
                .add("rule", w.rule())
                .add("status", v.status().id())
                .add("justification", w.justification())
                .add("requestedBy", w.requestedBy())
                .add("requestedAt", w.requestedAt().toString())
                .add("expiresAt", w.expiresAt().toString());
        if (v.decision() != null) {
            b.add("decision", Json.createObjectBuilder()
                    .add("outcome", v.decision().outcome().name().toLowerCase(java.util.Locale.ROOT))
                    .add("by", v.decision().decidedBy())
                    .add("comment", v.decision().comment())
                    .add("at", v.decision().decidedAt().toString()));
        }
        return b.build();
    }

    static JsonObject gate(GateService.Gate gate) {
        JsonArrayBuilder waivers = Json.createArrayBuilder();
        gate.waivers().forEach(w -> waivers.add(waiver(w)));
        return Json.createObjectBuilder()
                .add("decision", gate.decision())
                .add("audit", gate.auditId() == null ? JsonValue.NULL : Json.createValue(gate.auditId()))
                .add("reasons", Json.createArrayBuilder(gate.reasons()))
                .add("waivers", waivers)
                .add("report", gate.auditId() == null ? JsonValue.NULL
                        : Json.createValue("/api/v1/audits/" + gate.auditId() + "/report"))
                .build();
    }

    static JsonValue time(Instant t) {
        return t == null ? JsonValue.NULL : Json.createValue(t.toString());
    }
}
