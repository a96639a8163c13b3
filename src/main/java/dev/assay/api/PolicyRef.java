package dev.assay.api;

import jakarta.json.bind.annotation.JsonbPropertyOrder;

/**
 * A policy pack version by its hash, as audits pin it and backtests name it. An audit that has not
 * finished knows only the hashes it pinned: {@code id} and {@code version} are then left out.
 */
@JsonbPropertyOrder({"id", "version", "sha256"})
public record PolicyRef(String id, String version, String sha256) {
}
