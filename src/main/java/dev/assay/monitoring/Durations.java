package dev.assay.monitoring;

import dev.assay.infrastructure.AssayConfig;

import java.time.Duration;

/** Durations from the environment (ISO-8601), with their default when unset or unreadable ({@link AssayConfig#duration}). */
final class Durations {

    private Durations() {
    }

    static Duration of(AssayConfig config, String variable, Duration fallback) {
        return config.duration(variable, fallback);
    }
}
