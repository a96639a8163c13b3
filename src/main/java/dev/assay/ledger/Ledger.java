package dev.assay.ledger;

import dev.assay.infrastructure.FaultPoints;
import dev.assay.infrastructure.CanonicalJson;
import dev.assay.infrastructure.Clocks;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.function.Consumer;

/**
 * Appends entries to the chain, in the caller's transaction, so an event and its entry commit
 * together or not at all. Each append locks the chain's head row until its transaction ends, so
 * concurrent appends (two audits finishing at once, two servers) line up instead of colliding.
 */
@ApplicationScoped
public class Ledger {

    @Inject
    LedgerRepository entries;

    Clock clock = Clocks.UTC_MICROS;

    @Transactional(Transactional.TxType.MANDATORY)
    public LedgerEntry append(String kind, String subject, String actor, JsonObject payload) {
        FaultPoints.at("ledger.appending");
        LedgerHead head = entries.lockHead();
        long seq = head.seq() + 1;
        String prev = head.hash();
        Instant at = clock.instant();
        String body = CanonicalJson.string(payload);
        LedgerEntry entry = new LedgerEntry(seq, kind, subject, actor, at, body, prev,
                LedgerChain.hash(seq, kind, subject, actor, at, body, prev));
        // The head moves with the entry: both are written by the same flush, under the lock taken above.
        head.advance(seq, entry.hash());
        entries.add(entry);
        FaultPoints.at("ledger.appended");
        return entry;
    }

    @Transactional
    public List<LedgerEntry> page(long after, int limit) {
        return entries.page(after, limit);
    }

    /** Recomputes the whole chain, a page at a time so memory stays flat however long it is. */
    @Transactional
    public LedgerChain.Verification verify() {
        return LedgerChain.verify(entries.inOrder().iterator());
    }

    /** Every entry in chain order, streamed from the database in one transaction. */
    @Transactional
    public void forEach(Consumer<LedgerEntry> action) {
        entries.inOrder().forEach(action);
    }

    /**
     * A page of the entries {@code filter} matches, newest first: those numbered below {@code before} (0: from the
     * newest), at most {@code limit}.
     */
    @Transactional
    public List<LedgerEntry> newest(LedgerFilter filter, long before, int limit) {
        try (var s = entries.matching(filter, 0, before, true, limit)) {
            return s.toList();
        }
    }

    /** A page of the entries {@code filter} matches, in chain order: those numbered after {@code after}, at most {@code limit}. */
    @Transactional
    public List<LedgerEntry> page(LedgerFilter filter, long after, int limit) {
        try (var s = entries.matching(filter, after, 0, false, limit)) {
            return s.toList();
        }
    }

    /** Every entry {@code filter} matches after {@code after}, streamed in one transaction, newest or oldest first. */
    @Transactional
    public void forEach(LedgerFilter filter, long after, boolean newestFirst, Consumer<LedgerEntry> action) {
        try (var s = entries.matching(filter, after, 0, newestFirst, 0)) {
            s.forEach(action);
        }
    }

    /** Every kind the ledger holds, sorted: what a reader may filter by. */
    @Transactional
    public List<String> kinds() {
        return entries.kinds();
    }

    /** The entries about any of {@code subjects} (ids, {@code model@version}), newest first. */
    @Transactional
    public List<LedgerEntry> about(Collection<String> subjects) {
        return entries.about(subjects);
    }
}
