package dev.assay.registry;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

import java.util.List;
import java.util.Optional;

/**
 * The parsed model card of one version. {@code document} is the card exactly as submitted (in
 * canonical JSON form when stored); the typed fields are what Assay computes with.
 *
 * <p>{@code positivePrediction} lists the prediction values counted as a positive prediction in
 * confusion rates. It defaults to the positive label; it differs when the model predicts in other
 * terms than the label, as COMPAS's score_text (Low, Medium, High) against two_year_recid (0, 1).
 */
public record ModelCard(
        String model,
        String version,
        String owner,
        Task task,
        Optional<String> riskTier,
        Optional<JsonValue> positiveLabel,
        Optional<JsonValue> favorableOutcome,
        List<JsonValue> positivePrediction,
        ColumnRoles columns,
        JsonObject document) {

    /** Immutable: a version's parsed card is shared by the audits that read it. */
    public ModelCard {
        positivePrediction = java.util.List.copyOf(positivePrediction);
    }

    /** The artifact's digest the card names ({@code sha256:<hex>}), which the gate certifies; empty without one. */
    public Optional<String> artifactDigest() {
        return document.get("artifact") instanceof JsonObject a && a.get("digest") instanceof jakarta.json.JsonString d
                ? Optional.of(d.getString()) : Optional.empty();
    }

    /** Where the artifact lives, as the card says (informative); empty without one. */
    public Optional<String> artifactUri() {
        return document.get("artifact") instanceof JsonObject a && a.get("uri") instanceof jakarta.json.JsonString u
                ? Optional.of(u.getString()) : Optional.empty();
    }

    public enum Task {
        BINARY_CLASSIFICATION("binary-classification"),
        SCORE("score"),
        REGRESSION("regression");

        private final String id;

        Task(String id) {
            this.id = id;
        }

        public String id() {
            return id;
        }
    }
}
