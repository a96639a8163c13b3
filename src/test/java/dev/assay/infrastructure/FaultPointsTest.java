package dev.assay.infrastructure;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * How a fault point is armed: only the n-th pass of the named point halts, and anything but {@code name:n} arms
 * nothing. (The halt itself is FaultInjectionIT's: it kills the server it runs in.)
 */
class FaultPointsTest {

    @Test
    void onlyTheNthPassOfTheNamedPointHalts() {
        FaultPoints.Armed armed = FaultPoints.Armed.parse("ledger.appended:3");
        assertEquals("ledger.appended", armed.name());
        assertFalse(armed.halts("ledger.appending"), "another point is not counted");
        assertFalse(armed.halts("ledger.appended"));
        assertFalse(armed.halts("ledger.appended"));
        assertTrue(armed.halts("ledger.appended"), "the third pass");
        assertFalse(armed.halts("ledger.appended"), "and only that one");
        assertEquals(1, FaultPoints.Armed.parse("audit.claimed").nth(), "no count: the first pass");
    }

    @Test
    void whatIsNotAPointArmsNothing() {
        assertNull(FaultPoints.Armed.parse(null));
        assertNull(FaultPoints.Armed.parse(" "));
        assertNull(FaultPoints.Armed.parse("audit.claimed:zero"));
        assertNull(FaultPoints.Armed.parse("audit.claimed:0"));
        assertNull(FaultPoints.Armed.parse(":2"));
    }

    @Test
    void unarmedItIsDisabled() {
        assertNull(FaultPoints.armed(), "the test JVM has no " + FaultPoints.VARIABLE);
        FaultPoints.at("ledger.appended");
    }
}
