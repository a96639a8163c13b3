package dev.assay.api;

import jakarta.json.JsonObject;
import dev.assay.registry.formats.CardImport;
import dev.assay.registry.formats.Unmapped;
import jakarta.json.bind.annotation.JsonbNillable;
import jakarta.json.bind.annotation.JsonbProperty;
import jakarta.json.bind.annotation.JsonbPropertyOrder;

import java.time.Instant;
import java.util.List;

/**
 * A model version (API.md): its card as registered (the stored document, embedded as it is), datasets,
 * audits and gate; when the card was just imported from another format, {@code import} says from which and what of
 * that document the card does not hold (left out otherwise).
 */
@JsonbPropertyOrder({"model", "version", "card", "cardSha256", "createdAt", "createdBy", "datasets", "audits", "gate", "import"})
public record VersionView(String model, String version, JsonObject card, String cardSha256, Instant createdAt,
                          String createdBy, List<DatasetView> datasets, List<Audit> audits, GateView gate,
                          @JsonbProperty("import") Import imported) {

    public VersionView {
        datasets = List.copyOf(datasets);
        audits = List.copyOf(audits);
    }

    /** A version as read or registered natively. */
    public VersionView(String model, String version, JsonObject card, String cardSha256, Instant createdAt,
                       String createdBy, List<DatasetView> datasets, List<Audit> audits, GateView gate) {
        this(model, version, card, cardSha256, createdAt, createdBy, datasets, audits, gate, null);
    }

    /** {@code format}: huggingface or cyclonedx; {@code unmapped}: each part of the document the card does not hold. */
    @JsonbPropertyOrder({"format", "unmapped"})
    public record Import(String format, List<Unmapped> unmapped) {

        public Import {
            unmapped = List.copyOf(unmapped);
        }

        static Import of(CardImport imported) {
            return new Import(imported.format(), imported.unmapped());
        }
    }

    /** One audit of the version; {@code decision} is {@code null} until it has finished. */
    @JsonbPropertyOrder({"id", "status", "decision", "createdAt"})
    public record Audit(String id, String status, @JsonbNillable String decision, Instant createdAt) {
    }
}
