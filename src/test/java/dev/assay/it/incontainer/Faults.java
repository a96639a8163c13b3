package dev.assay.it.incontainer;

import jakarta.enterprise.context.ApplicationScoped;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * The failures the in-container tests inject into the server's real writes. A test arms a point; the next write
 * there that matches is done for real (its row is in the transaction) and then fails, once, with
 * {@link InjectedFailure}, as a database or the code after it could fail at that moment. The decorators of this
 * package ({@link FailingLedgerRepository}, {@link FailingAuditRepository}, {@link FailingWaiverRepository}) put
 * the points around the real repositories; unarmed, they only delegate.
 */
@ApplicationScoped
public class Faults {

    /** Where a write can be made to fail. */
    public enum Point {
        /** A ledger entry (and the chain head it moved) was written: the key is the entry's kind. */
        LEDGER_APPEND,
        /** An audit's result row was written: the key is the audit id. */
        AUDIT_RESULT,
        /** A waiver's decision row was written: the key is the waiver id. */
        WAIVER_DECISION
    }

    /** Thrown at an armed point: unchecked, as the failures a transaction rolls back for are. */
    public static final class InjectedFailure extends RuntimeException {
        InjectedFailure(Point point, String key) {
            super("injected failure at " + point + " (" + key + ")");
        }
    }

    private final Map<Point, Predicate<String>> armed = new ConcurrentHashMap<>();

    /** The next write at {@code point} whose key {@code matches} fails (once). */
    public void arm(Point point, Predicate<String> matches) {
        armed.put(point, matches);
    }

    /** Whether an armed point has not fired yet (a test that expected it to fire checks this). */
    public boolean armed(Point point) {
        return armed.containsKey(point);
    }

    public void disarmAll() {
        armed.clear();
    }

    /** Called by the decorators right after the real write. */
    void after(Point point, String key) {
        Predicate<String> matches = armed.get(point);
        if (matches != null && matches.test(key) && armed.remove(point, matches)) {
            throw new InjectedFailure(point, key);
        }
    }
}
