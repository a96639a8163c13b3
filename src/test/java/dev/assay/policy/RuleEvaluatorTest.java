package dev.assay.policy;

import dev.assay.metric.MetricValue;
import dev.assay.stats.Interval;
import dev.assay.stats.SignificanceTests;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RuleEvaluatorTest {

    private static Rule rule(Double maxAdjustedP) {
        return new Rule("r", "", "impact_ratio", List.of("protected"), new Threshold(Threshold.Comparator.GE, 0.8),
                Rule.Severity.BLOCK, 30, Outcome.WARN, List.of(), RuleParameters.NONE, maxAdjustedP, Set.of(), Set.of());
    }

    private static final Policy POLICY = new Policy("p", "1.0.0", "t", "", List.of(rule(null)), "sha", "");

    private static MetricValue ratio(double value, long n, Double adjustedP) {
        MetricValue v = MetricValue.defined("impact_ratio", "race", "B", value, new Interval(value - 0.1, value + 0.1), n, "A");
        return adjustedP == null ? v : v.withTest(new SignificanceTests.Result("two-proportion z-test", -2, adjustedP)).withAdjustedP(adjustedP);
    }

    @Test
    void practicalAndStatisticalSignificance() {
        // Below 0.8 and significant: fails.
        Finding f = RuleEvaluator.evaluate(POLICY, rule(0.05), List.of(ratio(0.7, 100, 0.01))).get(0);
        assertEquals(Outcome.FAIL, f.outcome());
        assertEquals(Outcome.FAIL, f.effect());
        // Below 0.8 but not significant: passes, and says why.
        Finding g = RuleEvaluator.evaluate(POLICY, rule(0.05), List.of(ratio(0.7, 100, 0.2))).get(0);
        assertEquals(Outcome.PASS, g.outcome());
        assertTrue(g.note().contains("not statistically significant"), g.note());
        // Without a significance requirement the ratio alone decides.
        assertEquals(Outcome.FAIL, RuleEvaluator.evaluate(POLICY, rule(null), List.of(ratio(0.7, 100, 0.2))).get(0).outcome());
        // Untested values cannot be excused by a test they did not have.
        assertEquals(Outcome.FAIL, RuleEvaluator.evaluate(POLICY, rule(0.05), List.of(ratio(0.7, 100, null))).get(0).outcome());
    }

    @Test
    void smallGroupsAndUndefinedValuesWarnByDefault() {
        Finding small = RuleEvaluator.evaluate(POLICY, rule(null), List.of(ratio(0.5, 12, null))).get(0);
        assertEquals(Outcome.UNDEFINED, small.outcome());
        assertEquals(Outcome.WARN, small.effect());
        assertEquals("insufficient data: 12 rows, fewer than the minimum group size of 30", small.reason());
        Finding undefined = RuleEvaluator.evaluate(POLICY, rule(null),
                List.of(MetricValue.undefined("impact_ratio", "race", "C", 0, "no rows with a prediction in this group", null))).get(0);
        assertEquals(Outcome.UNDEFINED, undefined.outcome());
        assertNull(undefined.value());
    }
}
