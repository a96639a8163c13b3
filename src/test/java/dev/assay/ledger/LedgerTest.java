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

    @Test
    void appendsChainAndAdvanceTheHead() {
        MemoryLedger store = new MemoryLedger();
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
