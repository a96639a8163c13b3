package dev.assay.ledger;

import java.util.Collection;
import java.util.List;
import java.util.stream.Stream;

/**
 * Where the chain is stored: entries are only ever added, never changed or removed, and the head (the
 * last entry's number and hash) moves only under its lock.
 */
public interface LedgerRepository {

    /**
     * The head, locked for writing until the caller's transaction ends: concurrent appends (two audits
     * finishing at once, two servers) line up behind the lock instead of forking the chain.
     */
    LedgerHead lockHead();

    /** Writes the entry, and the head it advanced, now: a clash shows in the caller's transaction, not at commit. */
    void add(LedgerEntry entry);

    /** Up to {@code limit} entries after {@code after}, in chain order. */
    List<LedgerEntry> page(long after, int limit);

    /** Every entry in chain order, streamed from the store; consume it inside the caller's transaction. */
    Stream<LedgerEntry> inOrder();

    /**
     * The entries {@code filter} matches with a number after {@code after} and before {@code before} (0: no upper
     * bound), newest or oldest first, at most {@code limit} (0: all, streamed; consume inside the caller's transaction).
     */
    Stream<LedgerEntry> matching(LedgerFilter filter, long after, long before, boolean newestFirst, int limit);

    /** Every kind some entry has, sorted. */
    List<String> kinds();

    /** The entries about any of {@code subjects}, newest first. */
    List<LedgerEntry> about(Collection<String> subjects);
}
