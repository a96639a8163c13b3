package dev.assay.api;

import jakarta.json.bind.annotation.JsonbPropertyOrder;

import java.util.List;

/** {@code GET/PUT /api/v1/models/{model}/owners}: the people who own a model, by name. */
@JsonbPropertyOrder({"model", "owners"})
public record OwnersView(String model, List<String> owners) {

    public OwnersView {
        owners = List.copyOf(owners);
    }
}
