package dev.assay.infrastructure;

import com.sun.jna.Library;
import com.sun.jna.Native;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalInt;
import java.util.concurrent.ThreadFactory;
import java.util.logging.Logger;

/**
 * Threads for bulk work (an upload's spooling, Parquet writing and profiling; an audit's scans, signatures and
 * PDF) that the operating system runs after interactive requests. On a server of two cores the bulk work would
 * otherwise take the cores from the gate that CI fleets ask a thousand times a second (issue 16 §4: p99 within
 * 20 ms while an upload and an audit run). At nice 19 (the default), Linux's scheduler weighs such a thread 15
 * against 1,024 for a request thread at nice 0: a request that arrives gets a core at once, and the bulk work
 * every cycle the requests leave, so on an idle server it runs exactly as fast as before.
 *
 * <p>DuckDB's worker threads are native threads created when a database opens; Linux threads inherit the nice
 * value of the thread that creates them, so databases opened on a background thread
 * ({@link DuckDb}'s opener) have background workers too.
 *
 * <p>Linux only: setpriority(2) on the thread's id (on Linux the nice value is a per-thread attribute), called
 * through JNA. Lowering needs no privilege; raising a thread back would (CAP_SYS_NICE), so bulk work runs on
 * threads of its own and never lowers a borrowed one (a request thread returns to the server's pool). Elsewhere,
 * or when the call fails, threads keep their priority and this is said once in the log.
 */
public final class Background {

    /**
     * The nice value of background threads: {@code ASSAY_BACKGROUND_NICE} (0 to 19; 0 leaves them as request
     * threads are, for comparing), by default 19, the lowest priority of ordinary scheduling.
     */
    public static final int NICE = niceFromEnvironment();

    private static int niceFromEnvironment() {
        String value = System.getenv("ASSAY_BACKGROUND_NICE");
        try {
            return value == null || value.isBlank() ? 19 : Math.max(0, Math.min(19, Integer.parseInt(value.strip())));
        } catch (NumberFormatException e) {
            Logger.getLogger(Background.class.getName()).warning("ASSAY_BACKGROUND_NICE=" + value + " is not a number from 0 to 19; using 19");
            return 19;
        }
    }

    private static final Logger LOG = Logger.getLogger(Background.class.getName());
    private static final int PRIO_PROCESS = 0;
    private static final boolean LINUX = System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT).startsWith("linux");
    private static volatile boolean warned;

    private Background() {
    }

    /** The C library's setpriority(2), bound once. */
    private interface LibC extends Library {
        int setpriority(int which, int who, int prio);

        int getpriority(int which, int who);
    }

    private static final class Bound {
        static final LibC C = bind();

        private static LibC bind() {
            if (!LINUX) {
                return null;
            }
            try {
                return Native.load("c", LibC.class);
            } catch (Exception | LinkageError e) {
                // JNA missing from the server's libraries, or its native part refused: bulk work keeps its priority.
                warn("the C library could not be bound (" + e + ")");
                return null;
            }
        }
    }

    /**
     * Lowers the calling thread to nice {@link #NICE}, for good: call it first thing on a thread made for bulk
     * work, never on a pooled request thread.
     *
     * @return whether the thread now runs at that nice value
     */
    public static boolean lowerCurrentThread() {
        if (NICE == 0) {
            return false;
        }
        OptionalInt tid = currentThreadId();
        LibC c = Bound.C;
        if (c == null || tid.isEmpty()) {
            if (!LINUX) {
                warn("thread priorities are set on Linux only");
            } else if (c != null) {
                warn("the thread id is unknown");
            }
            return false;
        }
        if (c.setpriority(PRIO_PROCESS, tid.getAsInt(), NICE) != 0) {
            warn("setpriority failed with errno " + Native.getLastError());
            return false;
        }
        return true;
    }

    /**
     * The calling thread's nice value, as the kernel has it; empty off Linux. (getpriority(2) returns -1 both for
     * nice -1 and for an error; errno tells them apart.)
     */
    public static OptionalInt niceOfCurrentThread() {
        OptionalInt tid = currentThreadId();
        LibC c = Bound.C;
        if (c == null || tid.isEmpty()) {
            return OptionalInt.empty();
        }
        Native.setLastError(0);
        int nice = c.getpriority(PRIO_PROCESS, tid.getAsInt());
        return nice == -1 && Native.getLastError() != 0 ? OptionalInt.empty() : OptionalInt.of(nice);
    }

    /**
     * Threads from {@code base} that lower themselves before their first task, named {@code name-N}.
     *
     * @param base the factory that makes the threads (the container's managed thread factory in the server, so
     *             tasks run with the application's context; {@link java.util.concurrent.Executors#defaultThreadFactory()}
     *             elsewhere)
     */
    public static ThreadFactory threads(String name, ThreadFactory base) {
        java.util.concurrent.atomic.AtomicInteger count = new java.util.concurrent.atomic.AtomicInteger();
        return task -> {
            Thread t = base.newThread(() -> {
                lowerCurrentThread();
                task.run();
            });
            t.setName(name + "-" + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    /** The kernel's id of the calling thread: the last element of the /proc/thread-self link (pid/task/tid). */
    private static OptionalInt currentThreadId() {
        try {
            Path link = Files.readSymbolicLink(Path.of("/proc/thread-self"));
            return OptionalInt.of(Integer.parseInt(link.getFileName().toString()));
        } catch (IOException | UnsupportedOperationException | NumberFormatException | SecurityException e) {
            return OptionalInt.empty();
        }
    }

    private static void warn(String why) {
        if (!warned) {
            warned = true;
            LOG.warning("Bulk work keeps the priority of request threads: " + why
                    + "; under load, requests such as the gate wait for uploads and audits");
        }
    }
}
