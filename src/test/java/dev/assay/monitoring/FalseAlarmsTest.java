package dev.assay.monitoring;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A series' evidence, hand-computed, and its CUSUM: quiet inside the bound, alarming on a persistent violation. */
class FalseAlarmsTest {

    private static Series.Point at(double value, double halfWidth, String comparator) {
        return new Series.Point(value, List.of(value - halfWidth, value + halfWidth), 100, "pass", null, 0.8, comparator);
    }

    @Test
    void evidenceIsTheDistancePastTheThresholdInStandardErrors() {
        // 95% interval of half-width 1.96 se: se = 0.1 here; 0.7 under a lower bound of 0.8 is 1 se past it.
        double se = 0.1;
        assertEquals(1.0, FalseAlarms.evidence(at(0.7, 1.959963984540054 * se, ">=")), 1e-12);
        assertEquals(-2.0, FalseAlarms.evidence(at(1.0, 1.959963984540054 * se, ">=")), 1e-12);
        assertEquals(2.0, FalseAlarms.evidence(at(1.0, 1.959963984540054 * se, "<=")), 1e-12);
        assertNull(FalseAlarms.evidence(new Series.Point(null, null, 0, "undefined", "no rows")), "undefined adds nothing");
        assertNull(FalseAlarms.evidence(new Series.Point(0.7, null, 100, "fail", null, 0.8, ">=")), "nor a value without interval");
    }

    @Test
    void theCusumStaysQuietInsideTheBoundAndAlarmsOnAPersistentViolation() {
        List<Series.Point> points = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            points.add(at(0.95, 1.959963984540054 * 0.1, ">="));   // 1.5 se inside the bound: evidence -1.5
        }
        for (int i = 0; i < 6; i++) {
            points.add(at(0.66, 1.959963984540054 * 0.1, ">="));   // 1.4 se past it: evidence +1.4, the CUSUM gains 0.9 a window
        }
        List<FalseAlarms.Mark> marks = FalseAlarms.marks(points);
        assertTrue(marks.subList(0, 20).stream().noneMatch(FalseAlarms.Mark::alarm));
        assertEquals(0, marks.get(19).cusum(), 1e-12);
        assertEquals(0.9, marks.get(20).cusum(), 1e-9);
        assertEquals(4.5, marks.get(24).cusum(), 1e-9);
        assertFalse(marks.get(24).alarm(), "4.5 is not past h = 5");
        assertEquals(5.4, marks.get(25).cusum(), 1e-9);
        assertTrue(marks.get(25).alarm(), "the sixth window past the bound alarms");
        assertEquals(938, FalseAlarms.IN_CONTROL_RUN_LENGTH, 2);
    }
}
