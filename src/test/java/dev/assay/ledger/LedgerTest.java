package dev.assay.ledger;

import jakarta.json.Json;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Appends through the repository interface: each entry links to the head it locked, and the head follows. */
class LedgerTest {

    /** The head row as the first migration seeds it: no entry yet, the genesis hash. */
    private static final class Store implements LedgerRepository {
        final LedgerHead head = new LedgerHead() { };
        final List<LedgerEntry> entries = new ArrayList<>();
        int locks;

        Store() {
            head.advance(0, LedgerChain.GENESIS);
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

        // Filtering is the database's (JPQL in JpaLedgerRepository), tested over HTTP in PortalPagesIT.
        @Override
        public Stream<LedgerEntry> matching(LedgerFilter filter, long after, long before, boolean newestFirst, int limit) {
            throw new UnsupportedOperationException("not used here");
        }

        @Override
        public List<String> kinds() {
            throw new UnsupportedOperationException("not used here");
        }

        @Override
        public List<LedgerEntry> about(java.util.Collection<String> subjects) {
            throw new UnsupportedOperationException("not used here");
        }
    }

    @Test
    void appendsChainAndAdvanceTheHead() {
        Store store = new Store();
        Ledger ledger = new Ledger();
        ledger.entries = store;
        ledger.clock = Clock.fixed(Instant.parse("2026-11-01T00:00:00Z"), ZoneOffset.UTC);
        LedgerEntry first = ledger.append("audit.requested", "a-1", "ci", Json.createObjectBuilder().add("k", 1).build());
        LedgerEntry second = ledger.append("audit.completed", "a-1", "assay-system", Json.createObjectBuilder().build());
        assertEquals(2, store.locks, "every append locks the head");
        assertEquals(LedgerChain.GENESIS, first.prevHash());
        assertEquals(first.hash(), second.prevHash());
        assertEquals(2, store.head.seq());
        assertEquals(second.hash(), store.head.hash());
        assertEquals("{\"k\":1}", first.payload());
        LedgerChain.Verification v = ledger.verify();
        assertTrue(v.valid(), v.reason());
        assertEquals(2, v.entries());
        assertEquals(List.of(second), ledger.page(1, 10));
    }
}
