package dev.assay.audit;

/**
 * Wakes whoever waits for an audit on this server when one ends, instead of letting them find out on
 * their next poll: a request with {@code wait} used to answer up to a poll interval (50 ms) after its
 * audit ended. The database stays the truth: a waiter re-reads the run when woken, and still polls at
 * the interval for audits another server (or a restart) finishes.
 */
public final class AuditEndings {

    private long generation;

    /** The count of endings so far: read it before reading a run's state, and wait on it after. */
    public synchronized long generation() {
        return generation;
    }

    /** An audit ended on this server (done or failed), its state committed. */
    public synchronized void ended() {
        generation++;
        notifyAll();
    }

    /** Waits until an audit ends after {@code seen} (returning at once when one did already), or {@code millis} pass. */
    public synchronized void awaitAfter(long seen, long millis) throws InterruptedException {
        long deadline = System.nanoTime() + millis * 1_000_000;
        while (generation == seen) {
            long left = (deadline - System.nanoTime()) / 1_000_000;
            if (left <= 0) {
                return;
            }
            wait(left);
        }
    }
}
