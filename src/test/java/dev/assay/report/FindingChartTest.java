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
}
