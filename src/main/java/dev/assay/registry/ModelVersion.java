package dev.assay.registry;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.io.StringReader;
import java.time.Instant;

/** One immutable release candidate of a model, with its card in canonical JSON. */
@Entity
@Table(name = "model_version")
public class ModelVersion {

    @Id
    private String id;

    @Column(name = "model_name", nullable = false)
    private String modelName;

    @Column(nullable = false)
    private String version;

    @Column(name = "card_json", nullable = false, columnDefinition = "text")
    private String cardJson;

    @Column(name = "card_sha256", nullable = false)
    private String cardSha256;

    @Column(name = "created_by", nullable = false)
    private String createdBy;

    /** The card's artifact digest, kept apart so the gate can be asked by it; null when the card names none. */
    @Column(name = "artifact_digest")
    private String artifactDigest;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    protected ModelVersion() {
    }

    public ModelVersion(String id, String modelName, String version, String cardJson, String cardSha256,
                        String createdBy, Instant createdAt) {
        this.id = id;
        this.modelName = modelName;
        this.version = version;
        this.cardJson = cardJson;
        this.cardSha256 = cardSha256;
        this.createdBy = createdBy;
        this.createdAt = createdAt;
        this.artifactDigest = cardDocument().get("artifact") instanceof JsonObject a
                && a.get("digest") instanceof jakarta.json.JsonString d ? d.getString() : null;
    }

    public String id() {
        return id;
    }

    /** The artifact digest its card names; null when none. */
    public String artifactDigest() {
        return artifactDigest;
    }

    public String modelName() {
        return modelName;
    }

    public String version() {
        return version;
    }

    public String cardJson() {
        return cardJson;
    }

    public String cardSha256() {
        return cardSha256;
    }

    public String createdBy() {
        return createdBy;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public JsonObject cardDocument() {
        return Json.createReader(new StringReader(cardJson)).readObject();
    }

    /**
     * Cards parsed, by version id: a version's card never changes (registered once, immutable), and parsing
     * and checking it against the schema again cost every audit a few milliseconds. At most as many as
     * versions were audited since the start; dropped all at once past a bound.
     */
    private static final java.util.Map<String, ModelCard> PARSED = new java.util.concurrent.ConcurrentHashMap<>();

    public ModelCard card() {
        String key = id + "|" + cardSha256;
        ModelCard card = PARSED.get(key);
        if (card == null) {
            card = ModelCardParser.fromJson(cardDocument(), modelName, version);
            if (PARSED.size() >= 10_000) {
                PARSED.clear();
            }
            PARSED.put(key, card);
        }
        return card;
    }
}
