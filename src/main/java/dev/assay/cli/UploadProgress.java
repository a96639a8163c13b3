package dev.assay.cli;

import java.io.Console;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * The progress of an upload on stderr. On a terminal, one bar redrawn in place at most five times a second:
 * {@code [=========>          ]  45%  118.2 MiB of 262.6 MiB  31.4 MiB/s}. In a CI log, where a redrawn line
 * would be hundreds of lines, one line at every tenth of the file: {@code upload: 40% (105.0 MiB of 262.6 MiB)}.
 * Once the last byte is out it says that the server is now checking the file, which for a large file takes a
 * while before the answer comes. Bytes are counted as the HTTP client takes them from the file.
 */
final class UploadProgress {

    /** From this size on a file's upload shows its progress unless told otherwise (smaller ones take a moment). */
    static final long LARGE_BYTES = 8L << 20;

    private static final long REDRAW_NANOS = 200_000_000L;
    private static final int BAR_WIDTH = 30;

    private final PrintWriter err;
    private final long total;
    private final boolean terminal;
    private final LongSupplier nanoTime;
    private long sent;
    private long startedAt;
    private long drawnAt;
    private int tenthsShown;

    /**
     * {@code total} bytes to send; {@code terminal} redraws one line, otherwise one line per tenth;
     * {@code nanoTime} is the clock (System::nanoTime), given so the rendering is tested without waiting.
     */
    UploadProgress(PrintWriter err, long total, boolean terminal, LongSupplier nanoTime) {
        this.err = err;
        this.total = total;
        this.terminal = terminal;
        this.nanoTime = nanoTime;
    }

    /** The body is (re)started: the HTTP client may send it again, from the first byte. */
    synchronized void start() {
        sent = 0;
        tenthsShown = 0;
        startedAt = nanoTime.getAsLong();
        drawnAt = startedAt - REDRAW_NANOS;
    }

    synchronized void advance(long bytes) {
        sent += bytes;
        long now = nanoTime.getAsLong();
        if (terminal) {
            if (now - drawnAt >= REDRAW_NANOS) {
                drawnAt = now;
                err.print("\r" + bar(now));
                err.flush();
            }
        } else {
            int tenths = total <= 0 ? 10 : (int) Math.min(10, sent * 10 / total);
            if (tenths > tenthsShown && tenths < 10) {
                tenthsShown = tenths;
                err.println("upload: " + tenths * 10 + "% (" + size(sent) + " of " + size(total) + ")");
            }
        }
    }

    /** The last byte is out. */
    synchronized void finish() {
        long now = nanoTime.getAsLong();
        if (terminal) {
            err.println("\r" + bar(now));
        } else {
            err.println("upload: 100% (" + size(sent) + " of " + size(total) + ")");
        }
        err.println("sent " + size(sent) + " in " + seconds(now - startedAt) + "; the server is checking the file");
        err.flush();
    }

    private String bar(long now) {
        double done = total <= 0 ? 1 : Math.min(1, (double) sent / total);
        int filled = (int) Math.round(done * BAR_WIDTH);
        StringBuilder b = new StringBuilder("[");
        for (int i = 0; i < BAR_WIDTH; i++) {
            b.append(i < filled ? '=' : ' ');
        }
        if (filled > 0 && filled < BAR_WIDTH) {
            b.setCharAt(filled, '>');
        }
        b.append("] ").append(String.format(Locale.ROOT, "%3d%%", (int) Math.floor(done * 100)))
                .append("  ").append(size(sent)).append(" of ").append(size(total));
        double elapsed = (now - startedAt) / 1e9;
        if (elapsed > 0) {
            b.append("  ").append(size((long) (sent / elapsed))).append("/s");
        }
        return b.toString();
    }

    /** Bytes in binary units with one decimal: {@code 512 B}, {@code 1.5 KiB}, {@code 262.6 MiB}, {@code 16.0 GiB}. */
    static String size(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB"};
        double v = bytes;
        int u = -1;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return String.format(Locale.ROOT, "%.1f %s", v, units[u]);
    }

    private static String seconds(long nanos) {
        return String.format(Locale.ROOT, "%.1f s", nanos / 1e9);
    }

    /**
     * Whether the client runs on a terminal: {@link System#console()} and, from Java 22 on (which answers a
     * console also when output is redirected), {@code Console.isTerminal()}.
     */
    static boolean onTerminal() {
        Console console = System.console();
        if (console == null) {
            return false;
        }
        try {
            return (Boolean) Console.class.getMethod("isTerminal").invoke(console);
        } catch (NoSuchMethodException e) {
            return true;
        } catch (ReflectiveOperationException | ClassCastException e) {
            return false;
        }
    }
}
