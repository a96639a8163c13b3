package dev.assay.api;

import jakarta.json.bind.annotation.JsonbPropertyOrder;

import java.util.List;

/** {@code POST /api/v1/keys/rotate}: the new signing key and every published key id. */
@JsonbPropertyOrder({"keyId", "keys"})
public record KeyRotationView(String keyId, List<String> keys) {

    public KeyRotationView {
        keys = List.copyOf(keys);
    }
}
