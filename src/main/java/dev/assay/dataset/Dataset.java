package dev.assay.dataset;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.io.StringReader;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * An immutable table of one model version, in one role: uploaded (in the dataset store, by the SHA-256 of its
 * bytes), or registered by reference where it lives ({@link #reference()}: by the SHA-256 of what pins it).
 */
@Entity
@Table(name = "dataset")
public class Dataset {

    /** WINDOW: the slice of a production window (predictions joined with their labels), made by monitoring. */
    public enum Role {
        EVALUATION, BASELINE, WINDOW;

        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    @Id
    private String id;

    @Column(name = "model_version_id", nullable = false)
    private String modelVersionId;

    @Column(nullable = false)
    private String role;

    @Column(nullable = false)
    private String sha256;

    @Column(nullable = false)
    private String format;

    @Column(name = "size_bytes", nullable = false)
    private long sizeBytes;

    @Column(name = "row_count", nullable = false)
    private long rowCount;

    @Column(name = "columns_json", nullable = false, columnDefinition = "text")
    private String columnsJson;

    @Column(name = "created_by", nullable = false)
    private String createdBy;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    /** What a dataset by reference names and what pins it ({@link Reference#toJson()}); null for an upload. */
    @Column(name = "reference_json", columnDefinition = "text")
    private String referenceJson;

    protected Dataset() {
    }

    public Dataset(String id, String modelVersionId, Role role, String sha256, DatasetFormat format, long sizeBytes,
                   long rowCount, List<ColumnProfile> columns, String createdBy, Instant createdAt) {
        this.id = id;
        this.modelVersionId = modelVersionId;
        this.role = role.id();
        this.sha256 = sha256;
        this.format = format.name();
        this.sizeBytes = sizeBytes;
        this.rowCount = rowCount;
        JsonArrayBuilder array = Json.createArrayBuilder();
        columns.forEach(c -> array.add(c.toJson()));
        this.columnsJson = array.build().toString();
        this.createdBy = createdBy;
        this.createdAt = createdAt;
    }

    /**
     * A dataset by reference: its SHA-256 is the reference's ({@link Reference#sha256()}), its format PARQUET for
     * a location and TABLE for a table, its size the pinned files' bytes.
     */
    public static Dataset byReference(String id, String modelVersionId, Role role, Reference reference, long rowCount,
                                      List<ColumnProfile> columns, String createdBy, Instant createdAt) {
        Dataset d = new Dataset(id, modelVersionId, role, reference.sha256(), DatasetFormat.PARQUET, reference.pin().bytes(),
                rowCount, columns, createdBy, createdAt);
        if (reference.kind() == Reference.Kind.TABLE) {
            d.format = "TABLE";
        }
        d.referenceJson = reference.toJson().toString();
        return d;
    }

    /** What this dataset names where it lives, and what pins it; empty for an uploaded dataset. */
    public java.util.Optional<Reference> reference() {
        return referenceJson == null ? java.util.Optional.empty()
                : java.util.Optional.of(Reference.fromJson(Json.createReader(new StringReader(referenceJson)).readObject()));
    }

    public String id() {
        return id;
    }

    public String modelVersionId() {
        return modelVersionId;
    }

    public String role() {
        return role;
    }

    public String sha256() {
        return sha256;
    }

    public String format() {
        return format;
    }

    public long sizeBytes() {
        return sizeBytes;
    }

    public long rowCount() {
        return rowCount;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public String createdBy() {
        return createdBy;
    }

    public List<ColumnProfile> columns() {
        JsonArray array = Json.createReader(new StringReader(columnsJson)).readArray();
        return array.getValuesAs(JsonObject.class).stream()
                .map(ColumnProfile::fromJson)
                .toList();
    }
}
