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

/** An uploaded, immutable table of one model version, in one role. */
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
