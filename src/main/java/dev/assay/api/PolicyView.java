package dev.assay.api;

import dev.assay.policy.StoredPolicy;
import jakarta.json.bind.annotation.JsonbPropertyOrder;

import java.time.Instant;

/** A stored version of a policy pack (its YAML is served on its own, as application/yaml). */
@JsonbPropertyOrder({"id", "version", "sha256", "title", "builtIn", "createdAt"})
public record PolicyView(String id, String version, String sha256, String title, boolean builtIn, Instant createdAt) {

    static PolicyView of(StoredPolicy p) {
        return new PolicyView(p.policyId(), p.version(), p.sha256(), p.title(), p.builtIn(), p.createdAt());
    }
}
