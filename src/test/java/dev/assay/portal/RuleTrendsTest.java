package dev.assay.portal;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.io.StringReader;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RuleTrendsTest {

    private static JsonObject finding(String rule, String comparator, double threshold, String scope, String group, Double value,
                                      String outcome, String undefined) {
        return Json.createReader(new StringReader("""
                {"policy":"p","rule":"%s","metric":"m","comparator":"%s","threshold":%s,"scope":"%s","group":"%s","value":%s,
                 "ci":%s,"outcome":"%s"%s}""".formatted(rule, comparator, threshold, scope, group, value,
                value == null ? "null" : "[" + (value - 0.1) + "," + (value + 0.1) + "]", outcome,
                undefined == null ? "" : ",\"undefined\":\"" + undefined + "\""))).readObject();
    }

    @Test
    void theWorstGroupIsTheLowestUnderAFloorAndTheHighestUnderACeiling() {
        List<JsonObject> v1 = List.of(
                finding("ir", ">=", 0.8, "race", "White", 1.0, "pass", null),
                finding("ir", ">=", 0.8, "race", "Black", 0.46, "fail", null),
                finding("ir", ">=", 0.8, "race", "Native", null, "undefined", "insufficient data: 25 rows"),
                finding("fpr", "<=", 0.1, "sex", "F", 0.05, "pass", null),
                finding("fpr", "<=", 0.1, "sex", "M", 0.09, "pass", null));
        List<JsonObject> v2 = List.of(
                finding("ir", ">=", 0.8, "race", "White", 0.95, "pass", null),
                finding("ir", ">=", 0.8, "race", "Black", 0.91, "pass", null));
        List<RuleTrends.Trend> trends = RuleTrends.of(List.of(new RuleTrends.VersionFindings("1.0.0", v1),
                new RuleTrends.VersionFindings("1.1.0", v2), new RuleTrends.VersionFindings("2.0.0", null)));

        assertEquals(2, trends.size());
        RuleTrends.Trend ir = trends.get(0);
        assertEquals("p / ir: m, worst group", ir.title());
        assertEquals(">=", ir.comparator());
        assertEquals(0.8, ir.threshold());
        assertEquals(List.of("1.0.0", "1.1.0", "2.0.0"), ir.points().stream().map(RuleTrends.Point::version).toList());
        RuleTrends.Point first = ir.points().get(0);
        assertEquals("race = Black", first.group());
        assertEquals(0.46, first.value());
        assertEquals(0.46 - 0.1, first.low());
        assertEquals("fail", first.outcome());
        assertEquals("1 other group undefined", first.note());
        assertEquals(0.91, ir.points().get(1).value());
        RuleTrends.Point none = ir.points().get(2);
        assertNull(none.value(), "no audit: no value, never 0");
        assertEquals("no finished audit", none.undefined());

        RuleTrends.Trend fpr = trends.get(1);
        assertEquals("sex = M", fpr.points().get(0).group(), "the highest rate under a ceiling");
        assertEquals("not judged by this version's latest audit", fpr.points().get(1).undefined());
    }

    @Test
    void everyGroupUndefinedIsUndefinedWithTheReasonAndDrawnAsSuch() {
        List<JsonObject> v = List.of(finding("ir", ">=", 0.8, "race", "A", null, "undefined", "insufficient data: 12 rows"),
                finding("ir", ">=", 0.8, "race", "B", null, "undefined", "insufficient data: 9 rows"));
        RuleTrends.Trend t = RuleTrends.of(List.of(new RuleTrends.VersionFindings("1.0.0", v))).get(0);
        RuleTrends.Point p = t.points().get(0);
        assertNull(p.value());
        assertNull(p.group());
        assertEquals("undefined", p.outcome());
        assertEquals("every group undefined (insufficient data: 12 rows)", p.undefined());
        String svg = Svg.series(t.chart(), "t");
        assertTrue(svg.contains("class=\"undefined\"") && svg.contains("1.0.0: undefined (every group undefined (insufficient data: 12 rows))"),
                "drawn as undefined, its reason in the description: " + svg);
        assertTrue(!svg.contains("<circle"), "no point at 0");
        assertTrue(svg.contains("class=\"threshold\""), "the threshold line");
    }

    @Test
    void aBandsWorstIsTheFarthestFromItsMiddle() {
        JsonObject in = Json.createReader(new StringReader("""
                {"policy":"p","rule":"b","metric":"m","comparator":">=","threshold":0.8,"upper":1.25,"scope":"s","group":"in","value":1.1}"""))
                .readObject();
        JsonObject out = Json.createReader(new StringReader("""
                {"policy":"p","rule":"b","metric":"m","comparator":">=","threshold":0.8,"upper":1.25,"scope":"s","group":"out","value":1.4}"""))
                .readObject();
        assertEquals("s = out", RuleTrends.worst("1", Arrays.asList(in, out)).group());
    }
}
