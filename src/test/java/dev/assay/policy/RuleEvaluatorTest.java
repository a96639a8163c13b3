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

    private static final Policy POLICY = new Policy("p", "1.0.0", "t", "", List.of(rule(null)), "sha", "", null);

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

    /**
     * A change from the approved version that could not be tested: with significance asked and the value beyond
     * the threshold, whether it is significant is unknown, so the finding is undefined with the reason; within
     * the threshold it passes as ever, and without significance asked the value alone judges.
     */
    @Test
    void anUntestedChangeIsUndefinedWhenTheRuleAsksForSignificance() {
        dev.assay.metric.Comparison untested = new dev.assay.metric.Comparison("paired", "both versions were evaluated on the same rows",
                0.7, 20, 0.9, 20, 0L, 4L, null, "too few pairs: 20 labeled pairs with both predictions, fewer than the minimum group size of 30");
        MetricValue fall = MetricValue.defined("accuracy_change_from_approved", null, null, -0.2, null, 20, "version 1")
                .comparedBy(untested, null);
        Rule change = new Rule("r", "", "accuracy_change_from_approved", List.of("overall"), new Threshold(Threshold.Comparator.GE, -0.02),
                Rule.Severity.BLOCK, 30, Outcome.WARN, List.of(), RuleParameters.NONE, 0.05, Set.of(), Set.of());
        Finding f = RuleEvaluator.evaluate(POLICY, change, List.of(fall)).get(0);
        assertEquals(Outcome.UNDEFINED, f.outcome());
        assertEquals(Outcome.WARN, f.effect(), "the rule's undefined: warn");
        assertEquals("beyond the threshold, and the significance test the rule asks for is undefined: " + untested.untested(), f.reason());
        MetricValue rise = MetricValue.defined("accuracy_change_from_approved", null, null, 0.01, null, 20, "version 1").comparedBy(untested, null);
        assertEquals(Outcome.PASS, RuleEvaluator.evaluate(POLICY, change, List.of(rise)).get(0).outcome());
        Rule plain = new Rule("r", "", "accuracy_change_from_approved", List.of("overall"), new Threshold(Threshold.Comparator.GE, -0.02),
                Rule.Severity.BLOCK, 30, Outcome.WARN, List.of(), RuleParameters.NONE, null, Set.of(), Set.of());
        assertEquals(Outcome.FAIL, RuleEvaluator.evaluate(POLICY, plain, List.of(fall)).get(0).outcome());
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

    @Test
    void aPassTheAuditCouldNotHaveSeenIsUndefined() {
        Rule requiring = new Rule("r", "", "impact_ratio", List.of("protected"), new Threshold(Threshold.Comparator.GE, 0.8),
                Rule.Severity.BLOCK, 30, Outcome.WARN, List.of(), RuleParameters.NONE, null, Set.of(), Set.of(),
                new DetectionRequirement(0.9, null), List.of(), null);
        MetricValue weak = MetricValue.defined("minimum_detectable_impact_ratio", "race", "B", 0.6, null, 45, "A").withNote("45 against 200");
        MetricValue strong = MetricValue.defined("minimum_detectable_impact_ratio", "race", "B", 0.93, null, 4500, "A");
        // Passing at 0.95, but only ratios of 0.6 or lower were detectable: a ratio of 0.9 could have passed unseen.
        Finding f = RuleEvaluator.evaluate(POLICY, requiring, List.of(ratio(0.95, 45, null)), List.of(weak)).get(0);
        assertEquals(Outcome.UNDEFINED, f.outcome());
        assertEquals(Outcome.WARN, f.effect());
        assertEquals("too small to detect an impact ratio of 0.9 as the rule requires (minimumDetectable): only a ratio of"
                + " 0.6000 or lower is detected with 80% power (45 against 200)", f.reason());
        assertEquals(weak, f.minimumDetectable());
        // Large enough: the pass stands, and shows what it could have seen.
        Finding g = RuleEvaluator.evaluate(POLICY, requiring, List.of(ratio(0.95, 4500, null)), List.of(strong)).get(0);
        assertEquals(Outcome.PASS, g.outcome());
        assertEquals(strong, g.minimumDetectable());
        // A failure was seen: it stays a failure whatever the power.
        assertEquals(Outcome.FAIL, RuleEvaluator.evaluate(POLICY, requiring, List.of(ratio(0.5, 45, null)), List.of(weak)).get(0).outcome());
        // Nothing detectable at all: undefined, with the metric's reason.
        MetricValue none = MetricValue.undefined("minimum_detectable_impact_ratio", "race", "B", 3, "too few rows", "A");
        assertEquals("cannot detect an impact ratio of 0.9 as the rule requires (minimumDetectable): too few rows",
                RuleEvaluator.evaluate(POLICY, requiring, List.of(ratio(0.95, 45, null)), List.of(none)).get(0).reason());
        // The reference compares nothing with itself: no requirement, no minimum detectable effect.
        MetricValue itself = MetricValue.defined("impact_ratio", "race", "A", 1.0, null, 200, "A");
        Finding ref = RuleEvaluator.evaluate(POLICY, requiring, List.of(itself), List.of(none)).get(0);
        assertEquals(Outcome.PASS, ref.outcome());
        assertNull(ref.minimumDetectable());
        // Without the requirement the weak pass is a pass, and the finding still says what it could have seen.
        Finding plain = RuleEvaluator.evaluate(POLICY, rule(null), List.of(ratio(0.95, 45, null)), List.of(weak)).get(0);
        assertEquals(Outcome.PASS, plain.outcome());
        assertEquals(0.6, plain.minimumDetectable().value());
    }
}
