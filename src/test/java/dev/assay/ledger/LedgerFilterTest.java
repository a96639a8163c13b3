package dev.assay.ledger;

import dev.assay.failure.Malformed;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LedgerFilterTest {

    @Test
    void blankParametersAreAbsent() {
        assertEquals(LedgerFilter.NONE, LedgerFilter.parse(null, "", "  ", null, ""));
        assertEquals("", LedgerFilter.NONE.query());
    }

    @Test
    void aDayIsTheWholeDayInUtcAndAnInstantIsIncluded() {
        LedgerFilter days = LedgerFilter.parse(null, null, null, "2026-12-01", "2026-12-02");
        assertEquals(Instant.parse("2026-12-01T00:00:00Z"), days.from());
        assertEquals(Instant.parse("2026-12-03T00:00:00Z"), days.before(), "the 2nd is included to its last microsecond");
        LedgerFilter instants = LedgerFilter.parse(null, null, null, "2026-12-01T09:30:00Z", "2026-12-01T10:00:00Z");
        assertEquals(Instant.parse("2026-12-01T09:30:00Z"), instants.from());
        assertEquals(Instant.parse("2026-12-01T10:00:00.000001Z"), instants.before());
        LedgerFilter oneDay = LedgerFilter.parse(null, null, null, "2026-12-01", "2026-12-01");
        assertEquals(Instant.parse("2026-12-02T00:00:00Z"), oneDay.before(), "from and to on the same day: that day");
    }

    @Test
    void theParametersComeBackAsTheReaderWroteThem() {
        LedgerFilter f = LedgerFilter.parse("waiver", "credit-risk@1.4.0", "ada lovelace", "2026-12-01", "2026-12-01T10:00:00Z");
        assertEquals(Map.of("kind", "waiver", "subject", "credit-risk@1.4.0", "actor", "ada lovelace", "from", "2026-12-01",
                "to", "2026-12-01T10:00:00Z"), f.parameters());
        assertEquals("kind=waiver&subject=credit-risk%401.4.0&actor=ada+lovelace&from=2026-12-01&to=2026-12-01T10%3A00%3A00Z", f.query());
        assertEquals(f, LedgerFilter.parse(f.parameters().get("kind"), f.parameters().get("subject"), f.parameters().get("actor"),
                f.parameters().get("from"), f.parameters().get("to")), "a link repeats the same filter");
        assertEquals("2026-12-31", LedgerFilter.parse(null, null, null, null, "2026-12-31").parameters().get("to"));
    }

    @Test
    void aFamilyIsAKindWithoutADot() {
        assertTrue(LedgerFilter.parse("waiver", null, null, null, null).kindIsFamily());
        assertFalse(LedgerFilter.parse("waiver.approved", null, null, null, null).kindIsFamily());
        assertFalse(LedgerFilter.NONE.kindIsFamily());
        assertEquals("deployment.created", LedgerFilter.parse(" deployment.created ", null, null, null, null).kind());
    }

    @Test
    void everyBadParameterIsNamedAtOnce() {
        Malformed m = assertThrows(Malformed.class, () -> LedgerFilter.parse("Audit%", "s".repeat(201), "a".repeat(321),
                "yesterday", "2026-13-01"));
        String detail = m.detail();
        for (String name : new String[] {"'kind'", "'subject'", "'actor'", "'from'", "'to'"}) {
            assertTrue(detail.contains(name), name + " in: " + detail);
        }
        assertTrue(detail.contains("not 'yesterday'"), detail);
    }

    @Test
    void wildcardsAndOutOfRangeDatesAreRefused() {
        assertThrows(Malformed.class, () -> LedgerFilter.parse("audit._", null, null, null, null));
        assertThrows(Malformed.class, () -> LedgerFilter.parse("audit.%", null, null, null, null));
        Malformed early = assertThrows(Malformed.class, () -> LedgerFilter.parse(null, null, null, "1969-12-31", null));
        assertTrue(early.detail().contains("'from' must be between 1970 and 9999"), early.detail());
    }

    @Test
    void toBeforeFromIsRefusedNamingTo() {
        Malformed m = assertThrows(Malformed.class, () -> LedgerFilter.parse(null, null, null, "2026-12-02", "2026-12-01"));
        assertEquals("'to' must not be before 'from'.", m.detail());
        assertNull(LedgerFilter.parse(null, null, null, "2026-12-02", null).before());
    }
}
