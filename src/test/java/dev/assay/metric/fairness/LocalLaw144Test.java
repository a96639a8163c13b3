package dev.assay.metric.fairness;

import dev.assay.infrastructure.DuckDb;
import dev.assay.metric.Aggregates;
import dev.assay.metric.GroupKey;
import dev.assay.metric.GroupState;
import dev.assay.metric.MetricValue;
import dev.assay.metric.Outcomes;
import dev.assay.metric.Scope;
import dev.assay.metric.AggregationPlan;
import dev.assay.metric.ScoreState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static dev.assay.metric.Tables.group;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** NYC Local Law 144 (6 RCNY 5-300, 5-301): the 2% exclusion, the unknown category, scoring rates. */
class LocalLaw144Test {

    @TempDir
    Path dir;

    private static GroupState selected(long favorable, long rows) {
        return new GroupState(rows, rows, favorable, 0, 0, 0, 0);
    }

    private static GroupKey key(String v) {
        return new GroupKey(Arrays.asList(v));
    }

    @Test
    void theTwoPercentExclusionChangesTheReference() {
        Map<GroupKey, GroupState> g = new LinkedHashMap<>();
        g.put(key("A"), selected(500, 1000));  // 0.50
        g.put(key("B"), selected(400, 1000));  // 0.40
        g.put(key("C"), selected(20, 30));     // 0.667, 30 of 2030 rows = 1.48%
        List<MetricValue> without = ImpactRatio.all("race", g, 30, 0.95, 0.0);
        assertEquals("C", group(without, "B").reference());
        assertEquals(0.4 / (20.0 / 30), group(without, "B").value(), 1e-12);

        List<MetricValue> with = ImpactRatio.all("race", g, 30, 0.95, 0.02);
        assertEquals("A", group(with, "B").reference());
        assertEquals(0.8, group(with, "B").value(), 1e-12);
        MetricValue c = group(with, "C");
        assertNull(c.value());
        assertEquals("excluded: 1.48% of the data, under the 2% threshold (6 RCNY 5-301)", c.undefined());
        assertEquals(30, c.n(), "still reported with its n");
        assertTrue(c.note().contains("0.666"), c.note());
    }

    @Test
    void unknownCategoryIsCounted() {
        Map<GroupKey, GroupState> g = new LinkedHashMap<>();
        g.put(key("A"), selected(5, 10));
        g.put(key(null), selected(1, 7));
        MetricValue v = UnknownCount.of("race", g);
        assertEquals(7.0, v.value(), 0);
        assertEquals(17, v.n());
    }

    @Test
    void scoringRateAgainstTheSampleMedian() throws Exception {
        // Scores 1, 2, 2, 3 (group X) and 4, 5, 6, 7 (group Y); the sample median is 3.5.
        // Then scores 1 2 2 3 alone: median 2; strictly above: 1 of 4; at or above: 3 of 4.
        Aggregates a = scores(new String[] {"X", "X", "X", "X", "Y", "Y", "Y", "Y"}, new double[] {1, 2, 2, 3, 4, 5, 6, 7});
        List<MetricValue> rates = ScoringRate.rates("g", a.scores(Scope.of("g")), true, 0.95);
        assertEquals(0.0, group(rates, "X").value(), 0);
        assertEquals(1.0, group(rates, "Y").value(), 0);
        List<MetricValue> ratios = ScoringRate.impactRatios("g", a.scores(Scope.of("g")), true, 1, 0.95);
        assertEquals(0.0, group(ratios, "X").value(), 0);
        assertEquals("Y", group(ratios, "X").reference());

        Aggregates ties = scores(new String[] {"X", "X", "X", "X"}, new double[] {1, 2, 2, 3});
        ScoreState x = ties.scores(Scope.of("g")).values().iterator().next();
        assertEquals(1, x.aboveMedian());
        assertEquals(3, x.atOrAboveMedian());
        assertEquals(0.25, group(ScoringRate.rates("g", ties.scores(Scope.of("g")), true, 0.95), "X").value(), 0);
        assertEquals(0.75, group(ScoringRate.rates("g", ties.scores(Scope.of("g")), false, 0.95), "X").value(), 0);
    }

    private Aggregates scores(String[] groups, double[] scores) throws Exception {
        StringBuilder csv = new StringBuilder("g,s\n");
        for (int i = 0; i < groups.length; i++) {
            csv.append(groups[i]).append(',').append(scores[i]).append('\n');
        }
        Path out = dev.assay.metric.Tables.toParquet(dir, csv.toString(), null);
        DuckDb duckDb = DuckDb.withDefaults(dir);
        Outcomes outcomes = new Outcomes("s", Optional.empty(), Optional.empty(), Optional.empty(), List.of(), Optional.of("s"),
                Map.of("g", "VARCHAR", "s", "DOUBLE"));
        try (Connection c = duckDb.open()) {
            return new AggregationPlan(List.of(Scope.of("g")), outcomes, false, true, AggregationPlan.median(c, out, "s"))
                    .execute(c, out);
        }
    }
}
