package dev.assay.api;

import java.util.List;

/** {@code GET /api/v1/policies}: the latest version of every pack. */
public record PoliciesView(List<PolicyView> policies) {

    public PoliciesView {
        policies = List.copyOf(policies);
    }
}
