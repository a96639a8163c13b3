package dev.assay.ledger;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The ledger's store in memory, for unit tests of services that append (the head as the first migration seeds
 * it: no entry yet, the genesis hash). {@link #ledger} gives a {@link Ledger} on it.
 */
public final class MemoryLedger implements LedgerRepository {
    final LedgerHead head = new LedgerHead() { };
    final List<LedgerEntry> entries = new ArrayList<>();
    int locks;

    public MemoryLedger() {
        head.advance(0, LedgerChain.GENESIS);
    }

    /** A ledger appending here with {@code clock}. */
    public Ledger ledger(Clock clock) {
        Ledger ledger = new Ledger();
        ledger.entries = this;
        ledger.clock = clock;
        return ledger;
    }

    /** What was appended, in chain order. */
    public List<LedgerEntry> entries() {
        return List.copyOf(entries);
    }

    @Override
    public LedgerHead lockHead() {
        locks++;
        return head;
    }

    @Override
    public void add(LedgerEntry entry) {
        entries.add(entry);
    }

    @Override
    public List<LedgerEntry> page(long after, int limit) {
        return entries.stream().filter(e -> e.seq() > after).limit(limit).toList();
    }

    @Override
    public Stream<LedgerEntry> inOrder() {
        return entries.stream();
    }

    /** Filtering is the database's query (JpaLedgerRepository), tested over HTTP (PortalPagesIT); not repeated here. */
    @Override
    public Stream<LedgerEntry> matching(LedgerFilter filter, long after, long before, boolean newestFirst, int limit) {
        throw new UnsupportedOperationException("the ledger's filters are the database's");
    }

    @Override
    public List<String> kinds() {
        return entries.stream().map(LedgerEntry::kind).distinct().sorted().toList();
    }

    @Override
    public List<LedgerEntry> about(java.util.Collection<String> subjects) {
        return entries.stream().filter(e -> subjects.contains(e.subject()))
                .sorted(java.util.Comparator.comparingLong(LedgerEntry::seq).reversed()).toList();
    }
}
