package dev.assay.api;

import jakarta.json.bind.annotation.JsonbPropertyOrder;

/** A model in the list of models: its latest version and that version's gate. */
@JsonbPropertyOrder({"model", "owner", "versions", "latestVersion", "gate"})
public record ModelView(String model, String owner, int versions, String latestVersion, GateView gate) {
}
