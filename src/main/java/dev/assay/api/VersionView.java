package dev.assay.api;

import jakarta.json.JsonObject;
import jakarta.json.bind.annotation.JsonbNillable;
import jakarta.json.bind.annotation.JsonbPropertyOrder;

import java.time.Instant;
import java.util.List;

/**
 * A model version (API.md): its card as registered (the stored document, embedded as it is), datasets,
 * audits and gate.
 */
@JsonbPropertyOrder({"model", "version", "card", "cardSha256", "createdAt", "createdBy", "datasets", "audits", "gate"})
public record VersionView(String model, String version, JsonObject card, String cardSha256, Instant createdAt,
                          String createdBy, List<DatasetView> datasets, List<Audit> audits, GateView gate) {

    public VersionView {
        datasets = List.copyOf(datasets);
        audits = List.copyOf(audits);
    }

    /** One audit of the version; {@code decision} is {@code null} until it has finished. */
    @JsonbPropertyOrder({"id", "status", "decision", "createdAt"})
    public record Audit(String id, String status, @JsonbNillable String decision, Instant createdAt) {
    }
}
