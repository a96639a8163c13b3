package dev.assay.infrastructure;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class KeptValuesTest {

    static final class ManualClock extends Clock {
        Instant now = Instant.parse("2026-12-01T12:00:00Z");

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    /** A stand-in for the database: what is committed, and how often it was read. */
    static final class Committed {
        final Map<String, String> rows = new HashMap<>();
        final AtomicInteger reads = new AtomicInteger();

        String read(String key) {
            reads.incrementAndGet();
            return rows.get(key);
        }
    }

    final ManualClock clock = new ManualClock();
    final Committed db = new Committed();
    final KeptValues<String, String> kept = new KeptValues<>(2, Duration.ofSeconds(1), clock, null);

    @Test
    void aValueIsReadOnceThenKeptForTheTtl() {
        db.rows.put("a", "PASS");
        assertEquals("PASS", kept.get("a", db::read));
        assertEquals("PASS", kept.get("a", db::read));
        assertEquals(1, db.reads.get());
        db.rows.put("a", "FAIL"); // another server's change: unheard here
        clock.now = clock.now.plusMillis(999);
        assertEquals("PASS", kept.get("a", db::read), "kept within the ttl");
        clock.now = clock.now.plusMillis(1);
        assertEquals("FAIL", kept.get("a", db::read), "read afresh once the ttl has passed");
        assertEquals(2, db.reads.get());
    }

    @Test
    void absentIsNeverKept() {
        assertNull(kept.get("a", db::read));
        db.rows.put("a", "PASS");
        assertEquals("PASS", kept.get("a", db::read));
        assertEquals(2, db.reads.get());
    }

    @Test
    void aChangeInFlightIsReadFromTheDatabaseAndNothingReadThenIsKept() {
        db.rows.put("a", "PASS");
        kept.get("a", db::read);
        kept.changing("a");
        // Until the change's transaction completes, every read goes to what is committed.
        assertEquals("PASS", kept.get("a", db::read));
        assertEquals("PASS", kept.get("a", db::read));
        assertEquals(3, db.reads.get());
        db.rows.put("a", "FAIL"); // the commit
        kept.changed("a");
        assertEquals("FAIL", kept.get("a", db::read));
        assertEquals("FAIL", kept.get("a", db::read));
        assertEquals(4, db.reads.get(), "kept again after the change");
    }

    @Test
    void aReadThatBeganBeforeAChangeDoesNotKeepWhatItRead() {
        db.rows.put("a", "PASS");
        // The read returns the old value, and the change commits and completes while it is under way.
        String read = kept.get("a", key -> {
            String old = db.read(key);
            kept.changing("a");
            db.rows.put("a", "FAIL");
            kept.changed("a");
            return old;
        });
        assertEquals("PASS", read, "the caller gets what was committed when it read");
        assertEquals("FAIL", kept.get("a", db::read), "but it was not kept");
    }

    @Test
    void aChangeOfEveryValueForgetsAllAndKeepsNoneInFlight() {
        db.rows.put("a", "1");
        db.rows.put("b", "2");
        kept.get("a", db::read);
        kept.get("b", db::read);
        kept.changingAll();
        assertEquals(0, kept.size());
        kept.get("a", db::read);
        assertEquals(0, kept.size(), "nothing kept while a change of all is in flight");
        kept.changedAll();
        kept.get("a", db::read);
        assertEquals(1, kept.size());
    }

    @Test
    void keptNoLongerThanTheValueItselfHolds() {
        KeptValues<String, Instant> expiring = new KeptValues<>(10, Duration.ofSeconds(60), clock, v -> v);
        Instant expiry = clock.now.plusSeconds(5);
        AtomicInteger reads = new AtomicInteger();
        expiring.get("t", k -> {
            reads.incrementAndGet();
            return expiry;
        });
        clock.now = clock.now.plusSeconds(4);
        expiring.get("t", k -> {
            reads.incrementAndGet();
            return expiry;
        });
        assertEquals(1, reads.get());
        clock.now = expiry;
        expiring.get("t", k -> {
            reads.incrementAndGet();
            return expiry;
        });
        assertEquals(2, reads.get(), "read again at the instant the value stops being true");
    }

    @Test
    void theLeastRecentlyReadGoesFirst() {
        db.rows.put("a", "1");
        db.rows.put("b", "2");
        db.rows.put("c", "3");
        kept.get("a", db::read);
        kept.get("b", db::read);
        kept.get("a", db::read);
        kept.get("c", db::read); // capacity 2: b goes
        assertEquals(2, kept.size());
        int before = db.reads.get();
        kept.get("a", db::read);
        assertEquals(before, db.reads.get(), "a was kept");
        kept.get("b", db::read);
        assertEquals(before + 1, db.reads.get(), "b was not");
    }
}
