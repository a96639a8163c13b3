package dev.assay.metric.fairness;

import dev.assay.metric.GroupKey;
import dev.assay.metric.counts.GroupState;
import dev.assay.metric.Tables;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;

import static dev.assay.metric.Tables.compute;
import static dev.assay.metric.Tables.group;
import static dev.assay.metric.Tables.only;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Fairlearn's documented example of common fairness metrics (user guide, "Common fairness metrics":
 * 18 rows, groups a, b, c), whose published results are demographic_parity_difference 0.25,
 * demographic_parity_ratio 0.666..., equalized_odds_difference 1.0, equalized_odds_ratio 0.0. The
 * per-group rates below are counted by hand from the same arrays.
 */
class FairlearnVectorsTest {

    static final int[] Y_TRUE = {0, 1, 1, 1, 1, 0, 1, 0, 1, 0, 0, 0, 1, 1, 1, 1, 1, 1};
    static final int[] Y_PRED = {0, 0, 1, 0, 1, 1, 1, 0, 0, 1, 1, 1, 1, 0, 0, 1, 1, 0};
    static final String[] SF = {"b", "b", "a", "b", "b", "c", "c", "c", "a", "a", "c", "a", "b", "c", "c", "b", "c", "c"};

    @TempDir
    static Path dir;

    static Map<GroupKey, GroupState> groups;

    @BeforeAll
    static void aggregate() throws Exception {
        groups = Tables.groups(dir, SF, Y_TRUE, Y_PRED);
    }

    @Test
    void publishedDisparities() {
        assertEquals(0.25, only(compute("demographic_parity_difference", groups)).value(), 1e-12);
        assertEquals(2.0 / 3, only(compute("demographic_parity_ratio", groups)).value(), 1e-12);
        assertEquals(1.0, only(compute("equalized_odds_difference", groups)).value(), 1e-12);
        assertEquals(0.0, only(compute("equalized_odds_ratio", groups)).value(), 1e-12);
    }

    @Test
    void perGroupRatesCountedByHand() {
        // a: 4 rows, TP 1, FP 2, FN 1, TN 0; b: 6 rows, TP 3, FP 0, FN 2, TN 1; c: 8 rows, TP 2, FP 2, FN 3, TN 1.
        assertEquals(4, group(compute("count", groups), "a").value(), 0);
        assertEquals(0.75, group(compute("selection_rate", groups), "a").value(), 1e-12);
        assertEquals(0.5, group(compute("true_positive_rate", groups), "a").value(), 1e-12);
        assertEquals(1.0, group(compute("false_positive_rate", groups), "a").value(), 1e-12);
        assertEquals(0.6, group(compute("true_positive_rate", groups), "b").value(), 1e-12);
        assertEquals(0.0, group(compute("false_positive_rate", groups), "b").value(), 1e-12);
        assertEquals(0.4, group(compute("true_positive_rate", groups), "c").value(), 1e-12);
        assertEquals(2.0 / 3, group(compute("false_positive_rate", groups), "c").value(), 1e-12);
        assertEquals(0.5, group(compute("false_negative_rate", groups), "a").value(), 1e-12);
        assertEquals(1.0 / 3, group(compute("true_negative_rate", groups), "c").value(), 1e-12);
        assertEquals(1.0 / 3, group(compute("positive_predictive_value", groups), "a").value(), 1e-12);
        assertEquals(2.0 / 3, group(compute("false_discovery_rate", groups), "a").value(), 1e-12);
        assertEquals(1.0 / 3, group(compute("negative_predictive_value", groups), "b").value(), 1e-12);
        assertEquals(2.0 / 3, group(compute("false_omission_rate", groups), "b").value(), 1e-12);
        assertEquals(0.25, group(compute("accuracy", groups), "a").value(), 1e-12);
        assertEquals(4.0 / 6, group(compute("accuracy", groups), "b").value(), 1e-12);
        assertEquals(5.0 / 6, group(compute("base_rate", groups), "b").value(), 1e-12);
        assertEquals(2.0 * 3 / (2 * 3 + 0 + 2), group(compute("f1", groups), "b").value(), 1e-12);
    }

    @Test
    void equalOpportunityAndDerivedDisparities() {
        assertEquals(0.2, only(compute("equal_opportunity_difference", groups)).value(), 1e-12);
        assertEquals(0.4 / 0.6, only(compute("equal_opportunity_ratio", groups)).value(), 1e-12);
        assertEquals(1.0, only(compute("false_positive_rate_difference", groups)).value(), 1e-12);
        // Overall selection rate 10/18; the group farthest from it is a (0.75).
        assertEquals(0.75 - 10.0 / 18, only(compute("selection_rate_difference_to_overall", groups)).value(), 1e-12);
        assertEquals((10.0 / 18) / 0.75, only(compute("selection_rate_ratio_to_overall", groups)).value(), 1e-12);
    }

    @Test
    void undefinedGroupsAreSkippedAndNamed() throws Exception {
        // Group d has no negative labels: its false positive rate is undefined, never 0.
        Map<GroupKey, GroupState> g = Tables.groups(dir, new String[] {"c", "c", "d", "d"}, new int[] {0, 1, 1, 1},
                new int[] {1, 1, 0, 1});
        var fpr = group(compute("false_positive_rate", g), "d");
        assertEquals(null, fpr.value());
        assertEquals("no rows labeled negative", fpr.undefined());
        var diff = only(compute("false_positive_rate_difference", g));
        assertEquals(0.0, diff.value(), 0);
        assertEquals("skipped, false_positive_rate undefined: d", diff.note());
    }

    /**
     * The example of Fairlearn's MetricFrame docstring (fairlearn/metrics/_metric_frame.py): 10 rows,
     * Female x5 then Male x5. Published: selection_rate Female 0.8, Male 0.4, difference 0.4, ratio 0.5,
     * group max 0.8; accuracy Female 0.8, Male 0.6, difference 0.2, ratio 0.75, group min 0.6.
     */
    @Test
    void metricFrameDocstringExample() throws Exception {
        int[] yTrue = {1, 1, 1, 1, 1, 0, 0, 1, 1, 0};
        int[] yPred = {0, 1, 1, 1, 1, 0, 0, 0, 1, 1};
        String[] sex = {"Female", "Female", "Female", "Female", "Female", "Male", "Male", "Male", "Male", "Male"};
        Map<GroupKey, GroupState> g = Tables.groups(dir, sex, yTrue, yPred);
        assertEquals(0.8, group(compute("selection_rate", g), "Female").value(), 1e-12);
        assertEquals(0.4, group(compute("selection_rate", g), "Male").value(), 1e-12);
        assertEquals(0.4, only(compute("selection_rate_difference", g)).value(), 1e-12);
        assertEquals(0.5, only(compute("selection_rate_ratio", g)).value(), 1e-12);
        assertEquals(0.8, group(compute("accuracy", g), "Female").value(), 1e-12);
        assertEquals(0.6, group(compute("accuracy", g), "Male").value(), 1e-12);
        assertEquals(0.2, only(compute("accuracy_difference", g)).value(), 1e-12);
        assertEquals(0.75, only(compute("accuracy_ratio", g)).value(), 1e-12);
    }
}
