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
 *
 * <p>A multiclass model ({@code task: multiclass-classification}) names its {@code classes} (at least two,
 * distinct by meaning: {@code 1}, {@code 1.0} and {@code "1"} are one class) and, optionally, the
 * {@code favorableClasses} among them (a proper, non-empty subset): the predictions that benefit the person.
 * Such a card has no positiveLabel, favorableOutcome nor positivePrediction; the binary metrics read the
 * favorable classes as the favorable outcome and the positive class (see the README's multiclass section).
 *
 * @param classes          the classes of a multiclass model, as the card writes them (strings or numbers); empty otherwise
 * @param favorableClasses the favorable ones among them; empty when the card names none (or for another task)
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
        JsonObject document,
        List<JsonValue> classes,
        List<JsonValue> favorableClasses) {

    /** Immutable: a version's parsed card is shared by the audits that read it. */
    public ModelCard {
        positivePrediction = java.util.List.copyOf(positivePrediction);
        classes = java.util.List.copyOf(classes);
        favorableClasses = java.util.List.copyOf(favorableClasses);
    }

    /** A card of a binary classifier, a score or a regression: no classes. */
    public ModelCard(String model, String version, String owner, Task task, Optional<String> riskTier,
                     Optional<JsonValue> positiveLabel, Optional<JsonValue> favorableOutcome, List<JsonValue> positivePrediction,
                     ColumnRoles columns, JsonObject document) {
        this(model, version, owner, task, riskTier, positiveLabel, favorableOutcome, positivePrediction, columns, document,
                List.of(), List.of());
    }

    /** Whether the model predicts one of several classes ({@code classes}), not a positive and a negative outcome. */
    public boolean multiclass() {
        return task == Task.MULTICLASS_CLASSIFICATION;
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
        REGRESSION("regression"),
        MULTICLASS_CLASSIFICATION("multiclass-classification");

        private final String id;

        Task(String id) {
            this.id = id;
        }

        public String id() {
            return id;
        }
    }
}
