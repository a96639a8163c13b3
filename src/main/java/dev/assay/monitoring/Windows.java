package dev.assay.monitoring;

import java.time.Duration;
import java.time.Instant;

/**
 * Tumbling windows: consecutive, non-overlapping intervals [start, start + length) aligned on the Unix
 * epoch (UTC), so a day's window is a UTC calendar day and the same instant falls in the same window
 * whichever batch brings it. A week's window (P7D) starts on Thursdays, as 1970-01-01 did.
 */
public final class Windows {

    private Windows() {
    }

    /** The start of the window holding {@code t}. */
    public static Instant startOf(Instant t, Duration length) {
        return Instant.ofEpochMilli(startMillis(t.toEpochMilli(), length.toMillis()));
    }

    /** The start (epoch ms) of the window of length {@code lengthMillis} holding {@code epochMillis}; before 1970 too. */
    public static long startMillis(long epochMillis, long lengthMillis) {
        if (lengthMillis <= 0) {
            throw new IllegalArgumentException("a window has a positive length");
        }
        return Math.floorDiv(epochMillis, lengthMillis) * lengthMillis;
    }

    public static Instant endOf(Instant start, Duration length) {
        return start.plus(length);
    }

    /** Whether the window starting at {@code start} has ended by {@code until} (its end at or before it). */
    public static boolean endedBy(Instant start, Duration length, Instant until) {
        return !endOf(start, length).isAfter(until);
    }

    /**
     * The same start as SQL over an expression of epoch milliseconds (a BIGINT): DuckDB's integer division
     * truncates toward zero, so negative times are floored by hand.
     */
    public static String startMillisSql(String epochMillis, long lengthMillis) {
        return "(CASE WHEN " + epochMillis + " >= 0 THEN (" + epochMillis + " // " + lengthMillis + ") * " + lengthMillis
                + " ELSE -((-(" + epochMillis + ") + " + (lengthMillis - 1) + ") // " + lengthMillis + ") * " + lengthMillis + " END)";
    }
}
