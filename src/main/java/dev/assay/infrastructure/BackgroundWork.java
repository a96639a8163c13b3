package dev.assay.infrastructure;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The server's threads for bulk work, at background priority ({@link Background}). Two kinds:
 * <ul>
 *   <li>{@link #call}: file and DuckDB work that needs nothing of the container (an upload's spooling, Parquet
 *       writing, profiling), on plain threads. Plain, because a managed thread does not run tasks before the
 *       application has started, and the demo's data is ingested while it starts.</li>
 *   <li>{@link #submit}: work with transactions and CDI (an audit, a PDF, the demo's deployment), on threads of
 *       the container's managed thread factory, so tasks see the application as a request does.</li>
 * </ul>
 * Threads are made as work comes and end after a minute idle; how much runs at once is bounded by the callers
 * (the audit workers, the request threads that wait for an upload's ingest), not here, so no queue is added.
 */
@ApplicationScoped
public class BackgroundWork {

    @Resource(lookup = "java:comp/DefaultManagedThreadFactory")
    ManagedThreadFactory threads;

    private ExecutorService plain;
    private ExecutorService managed;

    @PostConstruct
    void start() {
        plain = pool("assay-files", Executors.defaultThreadFactory());
        managed = pool("assay-background", threads);
    }

    private static ExecutorService pool(String name, ThreadFactory base) {
        return new ThreadPoolExecutor(0, Integer.MAX_VALUE, 60, TimeUnit.SECONDS, new SynchronousQueue<>(),
                Background.threads(name, base));
    }

    @PreDestroy
    void stop() {
        plain.shutdownNow();
        managed.shutdownNow();
    }

    /** Work that may throw what its caller handles (an upload's IOException, a scan's SQLException). */
    @FunctionalInterface
    public interface Work<T, E extends Exception> {
        T run() throws E;
    }

    /**
     * Runs {@code work} on a plain background thread and waits for it: the caller's thread (a request thread) only
     * waits, so the CPU the work takes yields to requests. The work must need nothing of the container
     * (no transaction, no request scope, no JNDI): files and DuckDB. What it throws is thrown here unchanged.
     *
     * @throws E what the work throws
     */
    @SuppressWarnings("unchecked")
    public <T, E extends Exception> T call(Work<T, E> work) throws E {
        Future<T> done = plain.submit((Callable<T>) work::run);
        try {
            return done.get();
        } catch (InterruptedException e) {
            done.cancel(true);
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for background work", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException r) {
                throw r;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw (E) cause;
        }
    }

    /** Runs {@code task} on a managed background thread (with the application's context), not waiting for it. */
    public Future<?> submit(Runnable task) {
        return managed.submit(task);
    }
}
