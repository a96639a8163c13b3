package dev.assay.policy;

import java.util.List;

/**
 * A policy pack, one immutable version of it: addressed by {@code sha256}, the SHA-256 of the
 * canonical JSON (RFC 8785) of its parsed YAML, so formatting and comments do not change it.
 *
 * @param validFor how long an audit against this pack stays valid (each rule may state its own); null when the
 *                 pack states none: its audits never expire
 */
public record Policy(String id, String version, String title, String description, List<Rule> rules,
                     String sha256, String yaml, Validity validFor) {

    public Policy {
        rules = List.copyOf(rules);
    }
}
