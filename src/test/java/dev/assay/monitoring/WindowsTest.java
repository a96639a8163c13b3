package dev.assay.monitoring;

import dev.assay.infrastructure.DuckDb;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WindowsTest {

    @TempDir
    Path dir;

    @Test
    void windowsAreAlignedOnTheEpochInUtc() {
        assertEquals(Instant.parse("2026-03-04T00:00:00Z"), Windows.startOf(Instant.parse("2026-03-04T17:59:59.999Z"), Duration.ofDays(1)));
        assertEquals(Instant.parse("2026-03-04T17:00:00Z"), Windows.startOf(Instant.parse("2026-03-04T17:59:59.999Z"), Duration.ofHours(1)));
        assertEquals(Instant.parse("2026-03-04T18:00:00Z"), Windows.startOf(Instant.parse("2026-03-04T18:00:00Z"), Duration.ofHours(1)),
                "a window's start belongs to it");
        // 1970-01-01 was a Thursday: weekly windows start on Thursdays.
        assertEquals(Instant.parse("2026-02-26T00:00:00Z"), Windows.startOf(Instant.parse("2026-03-04T12:00:00Z"), Duration.ofDays(7)));
        assertEquals(Instant.parse("1969-12-31T00:00:00Z"), Windows.startOf(Instant.parse("1969-12-31T23:00:00Z"), Duration.ofDays(1)),
                "before 1970, floored, not truncated toward zero");
        assertThrows(IllegalArgumentException.class, () -> Windows.startMillis(5, 0));
    }

    @Test
    void aWindowHasEndedWhenItsEndIsAtOrBeforeTheBound() {
        Instant start = Instant.parse("2026-03-04T00:00:00Z");
        assertTrue(Windows.endedBy(start, Duration.ofDays(1), Instant.parse("2026-03-05T00:00:00Z")));
        assertFalse(Windows.endedBy(start, Duration.ofDays(1), Instant.parse("2026-03-04T23:59:59.999Z")));
        assertEquals(Instant.parse("2026-03-05T00:00:00Z"), Windows.endOf(start, Duration.ofDays(1)));
    }

    /** The SQL the batches are partitioned with agrees with the Java the windows are read with, on both sides of 1970. */
    @Test
    void theSqlStartAgreesWithTheJavaStart() throws Exception {
        long hour = Duration.ofHours(1).toMillis();
        long[] times = {0, 1, hour - 1, hour, hour + 1, -1, -hour, -hour - 1, 1_772_640_000_123L, -86_400_001L};
        try (Connection c = DuckDb.withDefaults(dir).open(); Statement s = c.createStatement()) {
            for (long t : times) {
                try (ResultSet r = s.executeQuery("SELECT " + Windows.startMillisSql("CAST(" + t + " AS BIGINT)", hour))) {
                    r.next();
                    assertEquals(Windows.startMillis(t, hour), r.getLong(1), "at " + t);
                }
            }
        }
    }
}
