package dev.assay.audit;

import dev.assay.dataset.Dataset;
import dev.assay.policy.Expiry;
import dev.assay.policy.Policy;
import dev.assay.registry.ModelVersion;
import dev.assay.report.ReportDocument;
import dev.assay.report.ReportJson;
import dev.assay.report.Rounding;
import dev.assay.report.SmallCells;
import dev.assay.review.SignOff;
import dev.assay.waiver.WaiverService;
import jakarta.json.Json;
import jakarta.json.JsonObject;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * The report document and attestation of a finished audit, made from the audit's objects: everything it
 * used (pinned by hash) and everything it concluded. The same inputs give the same document but for
 * {@code audit.id} and the times. The document's JSON shape is {@link ReportDocument}'s alone.
 */
public final class AuditReport {

    private AuditReport() {
    }

    /**
     * The in-toto Statement v1 of an audit: its subjects are the dataset and the model card by
     * SHA-256, and the model artifact by the digest its card names; its predicate the decision, the reasons, the pinned policies and the report's hash.
     */
    public static JsonObject statement(AuditRun run, ModelVersion version, Dataset dataset, List<Policy> policies,
                                       AuditEngine.Evaluation outcome, String reportSha256, Instant completedAt) {
        var pinned = Json.createArrayBuilder();
        policies.forEach(p -> pinned.add(Json.createObjectBuilder().add("id", p.id()).add("version", p.version())
                .add("sha256", p.sha256())));
        var subjects = Json.createArrayBuilder()
                .add(Json.createObjectBuilder().add("name", "dataset:" + dataset.id())
                        .add("digest", Json.createObjectBuilder().add("sha256", dataset.sha256())))
                .add(Json.createObjectBuilder().add("name", "model-card:" + version.modelName() + "@" + version.version())
                        .add("digest", Json.createObjectBuilder().add("sha256", version.cardSha256())));
        // The artifact the card names is what a deployment ships: attested by its own digest, so tools that
        // check an attestation against a file (cosign verify-blob-attestation) find it among the subjects.
        version.card().artifactDigest().ifPresent(d -> subjects.add(Json.createObjectBuilder()
                .add("name", version.card().artifactUri().orElse("model:" + version.modelName() + "@" + version.version()))
                .add("digest", Json.createObjectBuilder().add(d.substring(0, d.indexOf(':')), d.substring(d.indexOf(':') + 1)))));
        return Json.createObjectBuilder()
                .add("_type", "https://in-toto.io/Statement/v1")
                .add("subject", subjects)
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

    /**
     * The report document: the run's pinned inputs resolved (card, dataset, policies, parameters, rounding,
     * approved version) and what the engine concluded, findings and values as published.
     */
    public static ReportDocument document(AuditRun run, ModelVersion version, Dataset dataset, List<Policy> policies,
                                          AuditEngine.Evaluation outcome, PinnedInputs pinned, String keyId,
                                          Instant completedAt, List<WaiverService.View> waivers, List<SignOff> signOffs) {
        Rounding rounding = pinned.rounding();
        return new ReportDocument(ReportDocument.FORMAT, AssayVersion.VALUE,
                new ReportDocument.Audit(run.id(), run.createdBy(), run.createdAt(), completedAt),
                ReportDocument.Model.of(version),
                ReportDocument.Dataset.of(dataset),
                policies.stream().map(ReportJson::policy).toList(),
                AuditParameters.toJson(pinned.parameters()),
                rounding == null ? null : rounding.toJson(),
                outcome.decision().verdict(),
                outcome.decision().reasons(),
                // Published, so small cells suppressed (rules judged the exact values already).
                outcome.findings().stream().map(ReportJson::finding)
                        .map(f -> rounding == null ? f : rounding.annotate(f)).map(SmallCells::suppress).toList(),
                outcome.metrics().stream().map(ReportJson::metric)
                        .map(m -> rounding == null ? m : rounding.annotate(m)).map(SmallCells::suppress).toList(),
                waivers(waivers),
                new ReportDocument.Signing(keyId, "ES256"),
                // The version performance was compared with (the model's last approved one), when a rule did.
                pinned.approved() == null ? null : pinned.approved().inReport(),
                // The production window the dataset is the slice of, for window audits only.
                pinned.window() == null ? null : pinned.window().toJson(),
                // When the evidence grows too old for the gate (the judged rules' validFor), if any says.
                Expiry.of(policies, outcome.findings(), completedAt).orElse(null),
                signOffs(run, signOffs));
    }

    /**
     * The sign-offs of the version's earlier audits, as the report that follows them names them: a reader of a later
     * report sees which audits of this version auditors signed off, by whom, and what they stated.
     */
    private static List<JsonObject> signOffs(AuditRun run, List<SignOff> signOffs) {
        return signOffs.stream().filter(s -> !s.auditId().equals(run.id()))
                .sorted(Comparator.comparing(SignOff::signedAt).thenComparing(SignOff::id))
                .map(s -> Json.createObjectBuilder().add("audit", s.auditId()).add("auditor", s.auditor())
                        .add("signedBy", s.signedBy()).add("statement", s.statement()).add("signedAt", s.signedAt().toString())
                        .build()).toList();
    }

    /**
     * Every waiver of the version when the audit finished, with its status then: requests,
     * approvals, rejections and expiries reach the report that follows them.
     */
    private static List<JsonObject> waivers(List<WaiverService.View> waivers) {
        List<JsonObject> array = new ArrayList<>();
        waivers.stream().sorted(Comparator.comparing((WaiverService.View v) -> v.waiver().requestedAt())
                .thenComparing(v -> v.waiver().id())).forEach(v -> {
            var w = v.waiver();
            var b = Json.createObjectBuilder().add("id", w.id()).add("rule", w.rule()).add("status", v.status().id())
                    .add("requestedBy", w.requestedBy()).add("requestedAt", w.requestedAt().toString())
                    .add("justification", w.justification()).add("expiresAt", w.expiresAt().toString());
            if (v.decision() != null) {
                b.add("decision", Json.createObjectBuilder()
                        .add("outcome", v.decision().outcome().name().toLowerCase(Locale.ROOT))
                        .add("by", v.decision().decidedBy()).add("at", v.decision().decidedAt().toString())
                        .add("comment", v.decision().comment()));
            }
            array.add(b.build());
        });
        return array;
    }
}
