package dev.assay.metric.fairness;

import dev.assay.metric.GroupKey;
import dev.assay.metric.GroupState;
import dev.assay.metric.MetricParameters;
import dev.assay.metric.Tables;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;

import static dev.assay.metric.Tables.compute;
import static dev.assay.metric.Tables.only;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** AIF360's own test vectors (aif360/tests/test_classification_metric.py), re-derived here. */
class InequalityIndicesTest {

    @TempDir
    Path dir;

    static final String[] FEAT = {"0", "0", "1", "1", "1", "1", "2", "2", "2", "2"};
    static final int[] LABEL = {1, 0, 0, 1, 0, 0, 1, 0, 1, 1};
    /** The labels with rows 3 and 9 turned to 0 and rows 4 and 5 to 1. */
    static final int[] PRED = {1, 0, 0, 0, 1, 1, 1, 0, 1, 0};

    @Test
    void generalizedEntropyIndexIsPointTwoThenPointThree() throws Exception {
        Map<GroupKey, GroupState> g = Tables.groups(dir, FEAT, LABEL, PRED);
        assertEquals(0.2, only(compute("generalized_entropy_index", g)).value(), 1e-12);
        Map<GroupKey, GroupState> g2 = Tables.groups(dir, FEAT, LABEL, new int[] {0, 1, 1, 0, 0, 0, 0, 1, 1, 1});
        assertEquals(0.3, only(compute("generalized_entropy_index", g2)).value(), 1e-12);
    }

    @Test
    void theilIndexIsFourLnTwoOverTen() throws Exception {
        Map<GroupKey, GroupState> g = Tables.groups(dir, FEAT, LABEL, PRED);
        assertEquals(4 * Math.log(2) / 10, only(compute("theil_index", g)).value(), 1e-12);
        assertEquals(Math.sqrt(2 * 0.2), only(compute("coefficient_of_variation", g)).value(), 1e-12);
    }

    @Test
    void betweenAllGroupsReplacesEachBenefitByItsGroupMean() throws Exception {
        Map<GroupKey, GroupState> g = Tables.groups(dir, FEAT, LABEL, PRED);
        double[] b = {1, 1, 1.25, 1.25, 1.25, 1.25, 0.75, 0.75, 0.75, 0.75};
        double expected = 0;
        for (double v : b) {
            expected += v * v - 1;
        }
        expected /= 20;
        assertEquals(expected, only(compute("between_group_generalized_entropy_index", g)).value(), 1e-12);
    }

    @Test
    void alphaIsAParameter() throws Exception {
        Map<GroupKey, GroupState> g = Tables.groups(dir, FEAT, LABEL, PRED);
        // b = (1,1,1,0,2,2,1,1,1,0), mu = 1; alpha 3: sum(b^3 - 1) / (10 * 3 * 2) = (0*6 - 2 + 14) / 60.
        var p = new MetricParameters(0.95, 30, dev.assay.metric.Reference.HIGHEST_RATE, true, 3.0);
        var v = compute("generalized_entropy_index", g, p);
        assertEquals(12.0 / 60, only(v).value(), 1e-12);
    }
}
