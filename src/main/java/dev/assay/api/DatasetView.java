package dev.assay.api;

import dev.assay.dataset.Dataset;
import dev.assay.dataset.Reference;
import jakarta.json.JsonObject;
import dev.assay.registry.ModelVersion;
import jakarta.json.bind.annotation.JsonbPropertyOrder;

import java.time.Instant;
import java.util.List;

/**
 * A stored dataset: {@code POST .../datasets}, {@code GET /api/v1/datasets/{id}}, and in a version. A dataset by
 * reference adds {@code reference}: {@code {"location"|"table", "engine", "pin": {...}}}; left out for an upload.
 */
@JsonbPropertyOrder({"id", "sha256", "rows", "role", "format", "bytes", "model", "version", "createdAt", "createdBy",
        "columns", "reference"})
public record DatasetView(String id, String sha256, long rows, String role, String format, long bytes, String model,
                          String version, Instant createdAt, String createdBy, List<ColumnView> columns, JsonObject reference) {

    public DatasetView {
        columns = List.copyOf(columns);
    }

    static DatasetView of(Dataset d, ModelVersion v) {
        return new DatasetView(d.id(), d.sha256(), d.rowCount(), d.role(), d.format(), d.sizeBytes(), v.modelName(),
                v.version(), d.createdAt(), d.createdBy(), d.columns().stream().map(ColumnView::of).toList(),
                d.reference().map(Reference::toJson).orElse(null));
    }
}
