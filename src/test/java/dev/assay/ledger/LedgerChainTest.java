package dev.assay.ledger;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LedgerChainTest {

    private static List<LedgerEntry> chain(int n) {
        List<LedgerEntry> entries = new ArrayList<>();
        String prev = LedgerChain.GENESIS;
        for (int i = 1; i <= n; i++) {
            Instant at = Instant.parse("2026-11-27T10:00:00Z").plusSeconds(i);
            String payload = "{\"n\":" + i + "}";
            String hash = LedgerChain.hash(i, "audit.completed", "a" + i, "alice", at, payload, prev);
            entries.add(new LedgerEntry(i, "audit.completed", "a" + i, "alice", at, payload, prev, hash));
            prev = hash;
        }
        return entries;
    }

    private static LedgerEntry with(LedgerEntry e, String payload) {
        return new LedgerEntry(e.seq(), e.kind(), e.subject(), e.actor(), e.recordedAt(), payload, e.prevHash(), e.hash());
    }

    @Test
    void anIntactChainVerifies() {
        LedgerChain.Verification v = LedgerChain.verify(chain(5).iterator());
        assertTrue(v.valid());
        assertEquals(5, v.entries());
        assertTrue(LedgerChain.verify(List.<LedgerEntry>of().iterator()).valid());
    }

    @Test
    void aChangedEntryIsFoundAndNamed() {
        List<LedgerEntry> entries = chain(5);
        entries.set(2, with(entries.get(2), "{\"n\":99}"));
        LedgerChain.Verification v = LedgerChain.verify(entries.iterator());
        assertFalse(v.valid());
        assertEquals(3L, v.firstBadSeq());
        assertEquals("entry 3 was changed after it was written", v.reason());
    }

    @Test
    void aDeletedEntryIsFound() {
        List<LedgerEntry> entries = chain(5);
        entries.remove(1);
        LedgerChain.Verification v = LedgerChain.verify(entries.iterator());
        assertFalse(v.valid());
        assertEquals(3L, v.firstBadSeq());
        assertEquals("entry 2 is missing (found 3 next)", v.reason());
    }

    @Test
    void aRewrittenChainTailIsFoundAtItsFirstLink() {
        // Changing an entry and recomputing its own hash still breaks the next entry's link.
        List<LedgerEntry> entries = chain(4);
        LedgerEntry e = entries.get(1);
        String payload = "{\"n\":42}";
        String hash = LedgerChain.hash(e.seq(), e.kind(), e.subject(), e.actor(), e.recordedAt(), payload, e.prevHash());
        entries.set(1, new LedgerEntry(e.seq(), e.kind(), e.subject(), e.actor(), e.recordedAt(), payload, e.prevHash(), hash));
        LedgerChain.Verification v = LedgerChain.verify(entries.iterator());
        assertFalse(v.valid());
        assertEquals(3L, v.firstBadSeq());
        assertEquals("entry 3 does not link to the entry before it", v.reason());
    }
}
