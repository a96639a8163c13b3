package dev.assay.policy;

import java.util.List;

/**
 * A policy pack, one immutable version of it: addressed by {@code sha256}, the SHA-256 of the
 * canonical JSON (RFC 8785) of its parsed YAML, so formatting and comments do not change it.
 */
public record Policy(String id, String version, String title, String description, List<Rule> rules,
                     String sha256, String yaml) {

    public Policy {
        rules = List.copyOf(rules);
    }
}
