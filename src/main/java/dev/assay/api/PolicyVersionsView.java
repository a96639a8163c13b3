package dev.assay.api;

import java.util.List;

/** {@code GET /api/v1/policies/{id}/versions}: every stored version of a pack, newest first. */
public record PolicyVersionsView(List<PolicyView> versions) {

    public PolicyVersionsView {
        versions = List.copyOf(versions);
    }
}
