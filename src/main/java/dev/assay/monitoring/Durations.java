package dev.assay.monitoring;

import dev.assay.infrastructure.AssayConfig;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.logging.Logger;

/** Durations from the environment (ISO-8601), with their default when unset or unreadable (said once in the log). */
final class Durations {

    private static final Logger LOG = Logger.getLogger(Durations.class.getName());
    private static final java.util.Set<String> WARNED = java.util.concurrent.ConcurrentHashMap.newKeySet();

    private Durations() {
    }

    static Duration of(AssayConfig config, String variable, Duration fallback) {
        return config.env(variable).map(v -> {
            try {
                Duration d = Duration.parse(v.strip());
                if (d.isNegative()) {
                    throw new DateTimeParseException("negative", v, 0);
                }
                return d;
            } catch (DateTimeParseException e) {
                if (WARNED.add(variable + "=" + v)) {
                    LOG.warning(variable + "=" + v + " is not an ISO-8601 duration such as PT5M; using " + fallback);
                }
                return fallback;
            }
        }).orElse(fallback);
    }
}
