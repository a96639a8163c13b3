package dev.assay.portal;

import dev.assay.failure.Malformed;
import dev.assay.ledger.LedgerFilter;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The ledger page's query parameters: the filter's, and its own paging, bounded and named when wrong. */
class LedgerPagesTest {

    @Test
    void pagingDefaultsAndBounds() {
        Map.Entry<LedgerFilter, LedgerPages.Paging> none = LedgerPages.parse(null, null, null, null, null, null, null);
        assertEquals(LedgerFilter.NONE, none.getKey());
        assertEquals(new LedgerPages.Paging(0, LedgerPages.DEFAULT_LIMIT), none.getValue());
        assertEquals(new LedgerPages.Paging(17, LedgerPages.MAX_LIMIT),
                LedgerPages.parse(null, null, null, null, null, "17", String.valueOf(LedgerPages.MAX_LIMIT)).getValue());
        for (String limit : new String[] {"0", "-1", String.valueOf(LedgerPages.MAX_LIMIT + 1), "ten", "99999999999"}) {
            Malformed m = assertThrows(Malformed.class, () -> LedgerPages.parse(null, null, null, null, null, null, limit), limit);
            assertEquals("'limit' must be a whole number from 1 to " + LedgerPages.MAX_LIMIT + ".", m.detail());
        }
        for (String before : new String[] {"0", "-5", "x"}) {
            Malformed m = assertThrows(Malformed.class, () -> LedgerPages.parse(null, null, null, null, null, before, null), before);
            assertEquals("'before' must be an entry number, 1 or more.", m.detail());
        }
    }

    @Test
    void theFiltersAndThePagingProblemsAreNamedTogether() {
        Malformed m = assertThrows(Malformed.class, () -> LedgerPages.parse("AUDIT", null, null, "2026-02-30", null, "x", "0"));
        String d = m.detail();
        assertTrue(d.startsWith("'kind' must be"), d);
        for (String name : new String[] {"'from'", "'before'", "'limit'"}) {
            assertTrue(d.contains(name), name + " in " + d);
        }
        assertTrue(d.endsWith(".") && !d.contains(".;"), d);
    }
}
