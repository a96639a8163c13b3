package dev.assay.infrastructure;

import java.time.Clock;
import java.time.Duration;

/** Time as the databases store it: UTC, whole microseconds (H2 and PostgreSQL keep no nanoseconds). */
public final class Clocks {

    /** So a value read back equals the value written, and a report's times equal the database's. */
    public static final Clock UTC_MICROS = Clock.tick(Clock.systemUTC(), Duration.ofNanos(1000));

    private Clocks() {
    }
}
