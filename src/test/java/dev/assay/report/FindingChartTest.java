package dev.assay.report;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FindingChartTest {

    private static JsonObject json(String s) {
        return Json.createReader(new StringReader(s.replace('\'', '"'))).readObject();
    }

    @Test
    void oneChartPerRuleAndScopeWithUndefinedValuesKeptAsUndefined() {
        List<FindingChart> charts = FindingChart.of(List.of(
                json("{'rule':'r','scope':'sex','group':'F','value':0.6,'ci':[0.35,1.03],'threshold':0.8,'comparator':'>=','outcome':'fail','n':40}"),
                json("{'rule':'r','scope':'sex','group':'M','value':1,'threshold':0.8,'comparator':'>=','outcome':'pass','n':60}"),
                json("{'rule':'r','scope':'race','group':'X','value':null,'threshold':0.8,'comparator':'>=','outcome':'undefined','n':3}"),
                json("{'rule':'no-threshold','scope':'sex','group':'F','value':0.5,'threshold':null,'outcome':'pass'}")));
        assertEquals(2, charts.size());
        FindingChart sex = charts.get(0);
        assertEquals("r by sex", sex.title());
        assertEquals(1.03 * 1.1, sex.scale(), 1e-12, "the axis holds the largest interval end, with room");
        assertEquals(0.6 / (1.03 * 1.1), sex.fraction(0.6), 1e-12);
        assertTrue(sex.bars().get(0).fails());
        assertEquals(40L, sex.bars().get(0).n());
        assertNull(charts.get(1).bars().get(0).value(), "undefined is never drawn as zero");
        assertEquals(1.0 * 1.1, charts.get(1).scale(), 1e-12, "the axis reaches at least 1 and the threshold");
    }

    @Test
    void perColumnValuesShareOneChartWithTheColumnsAsBars() {
        List<FindingChart> charts = FindingChart.of(List.of(
                json("{'rule':'psi','scope':'age','group':null,'value':0.02,'threshold':0.25,'comparator':'<','outcome':'pass'}"),
                json("{'rule':'psi','scope':'income','value':0.4,'threshold':0.25,'comparator':'<','outcome':'fail'}")));
        assertEquals(1, charts.size());
        assertEquals("psi by scope", charts.get(0).title());
        assertEquals(List.of("age", "income"), charts.get(0).bars().stream().map(FindingChart.Bar::group).toList());
    }

    @Test
    void atMostThirtyBarsPerChart() {
        List<JsonObject> many = new ArrayList<>();
        for (int i = 0; i < 45; i++) {
            many.add(json("{'rule':'r','scope':'g','group':'v" + i + "','value':0.9,'threshold':0.8,'comparator':'>=','outcome':'pass'}"));
        }
        assertEquals(FindingChart.MAX_BARS, FindingChart.of(many).get(0).bars().size());
    }

    @Test
    void ticksAreRoundStepsAndRatiosGetParity() {
        FindingChart ratio = new FindingChart("r", "sex", "impact_ratio", ">=", 0.8, 1.1, List.of(), 0);
        assertEquals(List.of(0.0, 0.2, 0.4, 0.6, 0.8, 1.0), ratio.ticks());
        assertEquals(1.0, ratio.reference());
        assertEquals("threshold >= 0.8", ratio.thresholdText());
        FindingChart psi = new FindingChart("p", "scope", "psi", "<=", 0.25, 3.3, List.of(), 0);
        assertEquals(List.of(0.0, 1.0, 2.0, 3.0), psi.ticks(), "0.5 would give seven intervals");
        assertNull(psi.reference(), "no parity for a divergence");
        assertEquals(List.of(0.0, 5.0, 10.0, 15.0, 20.0, 25.0), new FindingChart("c", null, "count", ">=", 1, 27.5, List.of(), 0).ticks());
    }

    @Test
    void labelsWrapWithoutLosingACharacter() {
        assertEquals(List.of("African-American*", "Female"), FindingChart.wrap("African-American*Female", 20));
        assertEquals(List.of("abcdefghij", "klmno"), FindingChart.wrap("abcdefghijklmno", 10), "no break: at the width");
        assertEquals(List.of("short"), FindingChart.wrap("short", 10));
    }

    @Test
    void aGroupTooSmallToJudgeIsUndefinedThoughItHasAnEstimate() {
        FindingChart.Bar small = new FindingChart.Bar("X", 0.85, null, null, "undefined", 25L, "insufficient data");
        assertTrue(small.isUndefined());
        assertEquals("? 0.8500", small.valueText());
        assertEquals("not judged: insufficient data", small.reasonText());
        assertEquals("n = 25", small.nText());
        assertEquals("n < 5", new FindingChart.Bar("Y", null, null, null, "undefined", 4L, null).nText());
        assertEquals("", new FindingChart.Bar("Z", 1.0, null, null, "pass", null).nText());
        assertEquals("", new FindingChart.Bar("Z", 1.0, null, null, "pass", 10L).reasonText());
    }
}
