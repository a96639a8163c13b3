package dev.assay.infrastructure;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Background threads as the kernel sees them (Linux: /proc and getpriority(2)), not as Java says: their nice
 * value, that of the threads they start, and that of DuckDB's native workers for a database opened ahead.
 */
class BackgroundTest {

    private static void assumeLinux() {
        assumeTrue(Files.isDirectory(Path.of("/proc/thread-self")), "thread priorities are set on Linux only");
    }

    @Test
    void aBackgroundThreadRunsAtNice19AndTheCallerKeepsItsPriority() throws Exception {
        assumeLinux();
        int mine = Background.niceOfCurrentThread().orElseThrow();
        ThreadFactory factory = Background.threads("test-background", Executors.defaultThreadFactory());
        CompletableFuture<int[]> seen = new CompletableFuture<>();
        Thread t = factory.newThread(() -> {
            int own = Background.niceOfCurrentThread().orElse(Integer.MIN_VALUE);
            // A thread it starts (the spool's CSV check) inherits it, as Linux threads do.
            int[] child = new int[1];
            Thread inner = new Thread(() -> child[0] = Background.niceOfCurrentThread().orElse(Integer.MIN_VALUE));
            inner.start();
            try {
                inner.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            seen.complete(new int[] {own, child[0]});
        });
        assertTrue(t.getName().startsWith("test-background-"), t.getName());
        assertTrue(t.isDaemon());
        t.start();
        int[] nice = seen.get();
        assertEquals(Background.NICE, nice[0], "the background thread");
        assertEquals(Background.NICE, nice[1], "a thread the background thread started");
        assertEquals(mine, Background.niceOfCurrentThread().orElseThrow(), "the caller's own priority is untouched");
    }

    @Test
    void duckDbWorkersOfADatabaseOpenedAheadRunAtBackgroundPriority(@TempDir Path dir) throws Exception {
        assumeLinux();
        DuckDb duckDb = new DuckDb("256MB", 2, dir);
        // The first open starts a spare on the opener thread; the second takes it.
        try (Connection first = duckDb.open(); Connection c = duckDb.open(); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT sum(i) FROM range(2000000) t(i)")) {
            assertTrue(r.next());
            List<int[]> workers = niceOfThreadsNamed("assay-duckdb");
            // The opener itself and at least one native worker DuckDB started from it (threads = 2).
            assertTrue(workers.size() >= 2, "threads named after the opener: " + workers.size());
            for (int[] w : workers) {
                assertEquals(Background.NICE, w[1], "thread " + w[0] + " of the opener's name");
            }
        }
    }

    @Test
    void theNiceValueIsReadFromTheKernel() {
        OptionalInt nice = Background.niceOfCurrentThread();
        if (Files.isDirectory(Path.of("/proc/thread-self"))) {
            assertTrue(nice.isPresent());
            assertFalse(nice.getAsInt() < -20 || nice.getAsInt() > 19, "nice " + nice.getAsInt());
        } else {
            assertTrue(nice.isEmpty());
        }
    }

    /**
     * (tid, nice) of this process's threads whose kernel name starts with {@code prefix}: a native thread takes its
     * creator's name, so DuckDB's workers carry the name of the Java thread that opened their database.
     */
    private static List<int[]> niceOfThreadsNamed(String prefix) throws IOException {
        List<int[]> out = new ArrayList<>();
        try (var tasks = Files.list(Path.of("/proc/self/task"))) {
            for (Path task : tasks.toList()) {
                String stat;
                try {
                    stat = Files.readString(task.resolve("stat"));
                } catch (IOException gone) {
                    continue;
                }
                // pid (comm) state ...: the name may hold spaces, so fields are counted after its closing parenthesis.
                String comm = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                if (comm.startsWith(prefix)) {
                    // Field 19 of stat(5) is the nice value; fields[0] here is field 3 (state).
                    out.add(new int[] {Integer.parseInt(task.getFileName().toString()), Integer.parseInt(fields[16])});
                }
            }
        }
        return out;
    }
}
