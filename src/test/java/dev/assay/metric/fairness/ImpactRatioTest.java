package dev.assay.metric.fairness;

import dev.assay.metric.GroupKey;
import dev.assay.metric.counts.GroupState;
import dev.assay.metric.MetricValue;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class ImpactRatioTest {

    private static GroupState state(long favorable, long predicted) {
        return new GroupState(predicted, predicted, favorable, 0, 0, 0, 0);
    }

    private static GroupKey key(String... values) {
        return new GroupKey(Arrays.asList(values));
    }

    private static MetricValue find(List<MetricValue> values, String group) {
        return values.stream().filter(v -> group.equals(v.group())).findFirst().orElseThrow();
    }

    @Test
    void ratioToTheHighestRateAmongGroupsLargeEnough() {
        Map<GroupKey, GroupState> groups = new LinkedHashMap<>();
        groups.put(key("B"), state(30, 100));
        groups.put(key("A"), state(50, 100));
        groups.put(key("C"), state(15, 20));       // highest rate, but below the minimum size
        groups.put(key((String) null), state(5, 10)); // unknown category: no group here
        List<MetricValue> values = ImpactRatio.all("race", groups, 30, 0.95);

        assertEquals(List.of("A", "B", "C"), values.stream().map(MetricValue::group).toList());
        MetricValue a = find(values, "A");
        assertEquals(1.0, a.value(), 1e-12);
        assertEquals("A", a.reference());
        MetricValue b = find(values, "B");
        assertEquals(0.6, b.value(), 1e-12);
        assertEquals(100, b.n());
        assertEquals(0.41951, b.ci().lower(), 1e-5); // Katz: 0.6 * exp(-1.959964 * sqrt(1/30 - 1/100 + 1/50 - 1/100))
        assertEquals(0.85814, b.ci().upper(), 1e-5);
        MetricValue c = find(values, "C");
        assertEquals(1.5, c.value(), 1e-12);
        assertEquals(20, c.n());
    }

    @Test
    void undefinedWhenTheHighestRateIsZero() {
        Map<GroupKey, GroupState> groups = Map.of(key("A"), state(0, 40), key("B"), state(0, 50));
        for (MetricValue v : ImpactRatio.all("sex", groups, 30, 0.95)) {
            assertNull(v.value());
            assertEquals("the highest selection rate is 0, so no ratio exists", v.undefined());
        }
    }

    @Test
    void undefinedWhenNoGroupIsLargeEnoughToBeTheReference() {
        Map<GroupKey, GroupState> groups = Map.of(key("A"), state(5, 10), key("B"), state(3, 12));
        for (MetricValue v : ImpactRatio.all("sex", groups, 30, 0.95)) {
            assertNull(v.value());
            assertEquals("no group has at least 30 rows to serve as reference", v.undefined());
        }
    }

    @Test
    void undefinedForAGroupWithoutPredictionsNeverZero() {
        Map<GroupKey, GroupState> groups = new LinkedHashMap<>();
        groups.put(key("A"), state(20, 40));
        groups.put(key("B"), new GroupState(7, 0, 0, 0, 0, 0, 0));
        MetricValue b = find(ImpactRatio.all("sex", groups, 30, 0.95), "B");
        assertNull(b.value());
        assertEquals(0, b.n());
    }

    @Test
    void selectionRateWithWilsonInterval() {
        MetricValue v = SelectionRate.of("sex", key("F"), state(81, 263), 0.95);
        assertEquals(81.0 / 263, v.value(), 1e-15);
        assertEquals(0.2553, v.ci().lower(), 5e-5);
        assertEquals(0.3662, v.ci().upper(), 5e-5);
        MetricValue none = SelectionRate.of("sex", key("X"), GroupState.EMPTY, 0.95);
        assertNull(none.value());
        assertNull(none.ci());
    }

    /** The reference against itself: exactly 1, no interval, no test (so no p-value joins the BH family). */
    @Test
    void theReferenceGroupsRatioToItselfIsExactlyOneWithoutInterval() {
        Map<GroupKey, GroupState> groups = new LinkedHashMap<>();
        // 1/3 of 3000: a rate whose quotient by itself must still be exactly 1, not 0.9999999999999999.
        groups.put(key("A"), state(1000, 3000));
        groups.put(key("B"), state(700, 3000));
        MetricValue a = find(ImpactRatio.all("race", groups, 30, 0.95), "A");
        assertEquals("A", a.reference());
        assertEquals(1.0, a.value(), 0);
        assertNull(a.ci());
        assertNull(a.test());
        assertEquals(3000, a.n());
        MetricValue b = find(ImpactRatio.all("race", groups, 30, 0.95), "B");
        assertEquals(0.7, b.value(), 1e-12);
        org.junit.jupiter.api.Assertions.assertNotNull(b.ci(), "another group keeps its Katz interval");
        org.junit.jupiter.api.Assertions.assertNotNull(b.test(), "and its test");
    }
}
