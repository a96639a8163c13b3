package dev.assay.metric.fairness;

import dev.assay.metric.GroupKey;
import dev.assay.metric.counts.GroupState;
import dev.assay.metric.MetricParameters;
import dev.assay.metric.MetricValue;
import dev.assay.metric.Reference;
import dev.assay.metric.Tables;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static dev.assay.metric.Tables.group;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

/** AIF360's signed comparisons on the Fairlearn 18-row table, computed by hand. */
class ReferenceComparisonsTest {

    @TempDir
    static Path dir;

    static Map<GroupKey, GroupState> groups;

    @BeforeAll
    static void aggregate() throws Exception {
        groups = Tables.groups(dir, FairlearnVectorsTest.SF, FairlearnVectorsTest.Y_TRUE, FairlearnVectorsTest.Y_PRED);
    }

    private static List<MetricValue> compute(String id, Reference reference, long minimumGroupSize) {
        return ReferenceComparisons.all(id, "a", groups,
                new MetricParameters(0.95, minimumGroupSize, reference, true, 2.0));
    }

    @Test
    void againstTheHighestSelectionRate() {
        // a has the highest selection rate (0.75); b and c 0.5.
        List<MetricValue> spd = compute("statistical_parity_difference", Reference.HIGHEST_RATE, 1);
        assertEquals("a", group(spd, "b").reference());
        assertEquals(-0.25, group(spd, "b").value(), 1e-12);
        assertEquals(0.0, group(spd, "a").value(), 1e-12);
        assertNotNull(group(spd, "b").test(), "each comparison is tested");
        assertEquals(0.5 / 0.75, group(compute("disparate_impact", Reference.HIGHEST_RATE, 1), "c").value(), 1e-12);
        // b against a: FPR 0 vs 1, TPR 0.6 vs 0.5.
        assertEquals(((0 - 1.0) + (0.6 - 0.5)) / 2,
                group(compute("average_odds_difference", Reference.HIGHEST_RATE, 1), "b").value(), 1e-12);
        assertEquals((1.0 + 0.1) / 2,
                group(compute("average_abs_odds_difference", Reference.HIGHEST_RATE, 1), "b").value(), 1e-12);
        // PPV b = 3/3, a = 1/3; FOR b = 2/3, a = 1/1.
        assertEquals(((1 - 1.0 / 3) + (2.0 / 3 - 1)) / 2,
                group(compute("average_predictive_value_difference", Reference.HIGHEST_RATE, 1), "b").value(), 1e-12);
    }

    @Test
    void otherReferences() {
        assertEquals("c", group(compute("statistical_parity_difference", Reference.MAJORITY, 1), "a").reference());
        assertEquals(0.25, group(compute("statistical_parity_difference", Reference.MAJORITY, 1), "a").value(), 1e-12);
        assertEquals(0.75 - 10.0 / 18,
                group(compute("statistical_parity_difference", Reference.OVERALL, 1), "a").value(), 1e-12);
        assertEquals(1.5, group(compute("disparate_impact", Reference.named("b"), 1), "a").value(), 1e-12);
    }

    @Test
    void noQualifyingReferenceIsUndefined() {
        MetricValue v = group(compute("disparate_impact", Reference.HIGHEST_RATE, 30), "a");
        assertNull(v.value());
        assertEquals("no reference group qualifies (highest_rate)", v.undefined());
    }

    /** The reference (a, rate 0.75) against itself: 1 and 0 exactly, no interval, no test; every comparison alike. */
    @Test
    void theReferenceAgainstItselfIsExactWithoutIntervalOrTest() {
        MetricValue di = group(compute("disparate_impact", Reference.HIGHEST_RATE, 1), "a");
        assertEquals("a", di.reference());
        assertEquals(1.0, di.value(), 0);
        assertNull(di.ci());
        assertNull(di.test());
        for (String id : ReferenceComparisons.IDS) {
            MetricValue v = group(compute(id, Reference.named("b"), 1), "b");
            assertEquals(id.equals("disparate_impact") ? 1.0 : 0.0, v.value(), 0, id);
            assertNull(v.ci(), id);
            assertNull(v.test(), id);
        }
        assertNotNull(group(compute("disparate_impact", Reference.named("b"), 1), "a").ci(), "other groups keep theirs");
    }
}
