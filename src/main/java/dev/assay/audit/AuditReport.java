package dev.assay.audit;

import dev.assay.dataset.ColumnProfile;
import dev.assay.dataset.Dataset;
import dev.assay.metric.MetricParameters;
import dev.assay.policy.Policy;
import dev.assay.registry.ModelVersion;
import dev.assay.report.ReportJson;
import dev.assay.report.SmallCells;
import dev.assay.waiver.WaiverService;
import jakarta.json.Json;
import jakarta.json.JsonValue;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;

import java.time.Instant;
import java.util.List;

/**
 * The report document of a finished audit: everything it used (pinned by hash) and everything it
 * concluded. The same inputs give the same document but for {@code audit.id} and the times.
 */
public final class AuditReport {

    /** Bumped when the document's shape changes, so old reports stay readable. */
    public static final int FORMAT = 1;

    private AuditReport() {
    }

    /**
     * The in-toto Statement v1 of an audit: its subjects are the dataset and the model card by
     * SHA-256; its predicate the decision, the reasons, the pinned policies and the report's hash.
     */
    public static JsonObject statement(AuditRun run, ModelVersion version, Dataset dataset, List<Policy> policies,
                                       AuditEngine.Outcome outcome, String reportSha256, Instant completedAt) {
        var pinned = Json.createArrayBuilder();
        policies.forEach(p -> pinned.add(Json.createObjectBuilder().add("id", p.id()).add("version", p.version())
                .add("sha256", p.sha256())));
        return Json.createObjectBuilder()
                .add("_type", "https://in-toto.io/Statement/v1")
                .add("subject", Json.createArrayBuilder()
                        .add(Json.createObjectBuilder().add("name", "dataset:" + dataset.id())
                                .add("digest", Json.createObjectBuilder().add("sha256", dataset.sha256())))
                        .add(Json.createObjectBuilder().add("name", "model-card:" + version.modelName() + "@" + version.version())
                                .add("digest", Json.createObjectBuilder().add("sha256", version.cardSha256()))))
                .add("predicateType", "https://assay.dev/attestation/audit/v1")
                .add("predicate", Json.createObjectBuilder()
                        .add("audit", run.id())
                        .add("completedAt", completedAt.toString())
                        .add("decision", outcome.decision().verdict().name())
                        .add("reasons", Json.createArrayBuilder(outcome.decision().reasons()))
                        .add("policies", pinned)
                        .add("report", Json.createObjectBuilder().add("sha256", reportSha256))
                        .add("assay", AssayVersion.VALUE))
                .build();
    }

    public static JsonObject document(AuditRun run, ModelVersion version, Dataset dataset, List<Policy> policies,
                                      AuditEngine.Outcome outcome, MetricParameters parameters, String keyId,
                                      Instant completedAt, List<WaiverService.View> waivers,
                                      dev.assay.report.Rounding rounding) {
        JsonArrayBuilder columns = Json.createArrayBuilder();
        for (ColumnProfile c : dataset.columns()) {
            columns.add(c.toJson());
        }
        var document = Json.createObjectBuilder()
                .add("reportFormat", FORMAT)
                .add("assay", Json.createObjectBuilder().add("version", AssayVersion.VALUE))
                .add("audit", Json.createObjectBuilder()
                        .add("id", run.id())
                        .add("requestedBy", run.createdBy())
                        .add("requestedAt", run.createdAt().toString())
                        .add("completedAt", completedAt.toString()))
                .add("model", Json.createObjectBuilder()
                        .add("name", version.modelName())
                        .add("version", version.version())
                        .add("cardSha256", version.cardSha256())
                        .add("registeredBy", version.createdBy())
                        .add("registeredAt", version.createdAt().toString())
                        .add("card", version.cardDocument()))
                .add("dataset", Json.createObjectBuilder()
                        .add("id", dataset.id())
                        .add("sha256", dataset.sha256())
                        .add("role", dataset.role())
                        .add("format", dataset.format())
                        .add("bytes", dataset.sizeBytes())
                        .add("rows", dataset.rowCount())
                        .add("uploadedBy", dataset.createdBy())
                        .add("columns", columns))
                .add("policies", ReportJson.array(policies.stream().map(ReportJson::policy).toList()))
                .add("parameters", AuditParameters.toJson(parameters))
                .add("rounding", rounding == null ? JsonValue.NULL : rounding.toJson())
                .add("decision", outcome.decision().verdict().name())
                .add("reasons", Json.createArrayBuilder(outcome.decision().reasons()))
                // Published, so small cells suppressed (rules judged the exact values already).
                .add("findings", ReportJson.array(outcome.findings().stream().map(ReportJson::finding)
                        .map(f -> rounding == null ? f : rounding.annotate(f)).map(SmallCells::suppress).toList()))
                .add("metrics", ReportJson.array(outcome.metrics().stream().map(ReportJson::metric)
                        .map(m -> rounding == null ? m : rounding.annotate(m)).map(SmallCells::suppress).toList()))
                .add("waivers", waivers(waivers))
                .add("signing", Json.createObjectBuilder().add("keyId", keyId).add("algorithm", "ES256"));
        JsonObject pinned = Json.createReader(new java.io.StringReader(run.requestJson())).readObject();
        if (pinned.get("approved") instanceof JsonObject approved) {
            // The version performance was compared with (the model's last approved one), when a rule did.
            document.add("approvedVersion", approved);
        }
        return document.build();
    }

    /**
     * Every waiver of the version when the audit finished, with its status then: requests,
     * approvals, rejections and expiries reach the report that follows them.
     */
    private static JsonArrayBuilder waivers(List<WaiverService.View> waivers) {
        JsonArrayBuilder array = Json.createArrayBuilder();
        waivers.stream().sorted(java.util.Comparator.comparing((WaiverService.View v) -> v.waiver().requestedAt())
                .thenComparing(v -> v.waiver().id())).forEach(v -> {
            var w = v.waiver();
            var b = Json.createObjectBuilder().add("id", w.id()).add("rule", w.rule()).add("status", v.status().id())
                    .add("requestedBy", w.requestedBy()).add("requestedAt", w.requestedAt().toString())
                    .add("justification", w.justification()).add("expiresAt", w.expiresAt().toString());
            if (v.decision() != null) {
                b.add("decision", Json.createObjectBuilder()
                        .add("outcome", v.decision().outcome().name().toLowerCase(java.util.Locale.ROOT))
                        .add("by", v.decision().decidedBy()).add("at", v.decision().decidedAt().toString())
                        .add("comment", v.decision().comment()));
            }
            array.add(b);
        });
        return array;
    }
}
