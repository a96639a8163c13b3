package dev.assay.api;

import java.util.List;

/** {@code GET /api/v1/models}. */
public record ModelsView(List<ModelView> models) {

    public ModelsView {
        models = List.copyOf(models);
    }
}
