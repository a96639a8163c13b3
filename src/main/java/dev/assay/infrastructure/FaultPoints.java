package dev.assay.infrastructure;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Named places where a crash test kills the server: the boundaries of ingest, audit, signing, waivers, the ledger and
 * production batches (each call site is one line, {@code FaultPoints.at("dataset.published")}). Disabled unless the
 * server was started with {@value #VARIABLE}{@code =<name>:<n>}; then the n-th time that point is passed the server
 * prints {@value #MARKER}{@code <name>#<n>} to standard error and halts with status 137. {@link Runtime#halt} runs no
 * shutdown hook, no {@code finally} block and no transaction completion: for what is stored, the same as SIGKILL at
 * that line, but at a line chosen by the test instead of wherever the signal lands. FaultInjectionIT uses it.
 *
 * <p>Disabled, a point costs one read of a static final field that is null. No request can arm a point: only the
 * environment of the process, read once when this class loads.
 */
public final class FaultPoints {

    /** The environment variable that arms one point: {@code <name>:<n>}, the n-th pass (from 1) halts. */
    public static final String VARIABLE = "ASSAY_FAULT_POINT";

    /** What the halting point prints first, so a test can tell that death from another. */
    public static final String MARKER = "ASSAY-FAULT-POINT ";

    /** The exit status of a halt at a point: that of a process killed by SIGKILL (128 + 9). */
    public static final int STATUS = 137;

    private static final Armed ARMED = Armed.parse(System.getenv(VARIABLE));

    private FaultPoints() {
    }

    /** One armed point and how often it has been passed. */
    record Armed(String name, long nth, AtomicLong passes) {

        /** The armed point of {@code value} ({@code name:n}), or null for none or a value that is not one. */
        static Armed parse(String value) {
            if (value == null || value.isBlank()) {
                return null;
            }
            int colon = value.lastIndexOf(':');
            try {
                String name = colon < 0 ? value.strip() : value.substring(0, colon).strip();
                long nth = colon < 0 ? 1 : Long.parseLong(value.substring(colon + 1).strip());
                return name.isEmpty() || nth < 1 ? null : new Armed(name, nth, new AtomicLong());
            } catch (NumberFormatException e) {
                return null;
            }
        }

        /** Whether this pass of {@code point} is the one that halts. */
        boolean halts(String point) {
            return name.equals(point) && passes.incrementAndGet() == nth;
        }
    }

    /** A point passed: halts the process when it is the armed point's n-th pass; otherwise nothing. */
    public static void at(String point) {
        Armed armed = ARMED;
        if (armed != null && armed.halts(point)) {
            System.err.println(MARKER + point + "#" + armed.nth());
            System.err.flush();
            Runtime.getRuntime().halt(STATUS);
        }
    }

    /** The armed point as {@code name:n}, for the start-up log; null when none is. */
    public static String armed() {
        Armed armed = ARMED;
        return armed == null ? null : armed.name() + ":" + armed.nth();
    }
}
