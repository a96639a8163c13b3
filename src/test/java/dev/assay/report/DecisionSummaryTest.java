package dev.assay.report;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.io.StringReader;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class DecisionSummaryTest {

    private static JsonObject json(String s) {
        return Json.createReader(new StringReader(s.replace('\'', '"'))).readObject();
    }

    @Test
    void failuresOfBlockingRulesComeFirstAndUndecidedResultsSayWhy() {
        List<JsonObject> policies = List.of(json("{'id':'p','rules':[{'id':'ir','metric':'impact_ratio','severity':'block'},"
                + "{'id':'acc','metric':'accuracy','severity':'warn'}]}"));
        List<JsonObject> findings = List.of(
                json("{'policy':'p','rule':'ir','metric':'impact_ratio','scope':'race','group':'NA','value':0.77,'outcome':'undefined',"
                        + "'undefined':'insufficient data: 25 rows','comparator':'>=','threshold':0.8}"),
                json("{'policy':'p','rule':'acc','metric':'accuracy','scope':null,'value':0.61,'outcome':'fail','comparator':'>=','threshold':0.7}"),
                json("{'policy':'p','rule':'ir','metric':'impact_ratio','scope':'race','group':'B','value':0.4643,'ci':[0.4136,0.5211],"
                        + "'outcome':'fail','comparator':'>=','threshold':0.8}"),
                json("{'policy':'p','rule':'ir','metric':'impact_ratio','scope':'race','group':'W','value':1,'outcome':'pass','threshold':0.8}"));
        List<DecisionSummary.Line> lines = DecisionSummary.lines(policies, findings);
        assertEquals(List.of(
                "impact_ratio for race = B is 0.4643 (95% interval 0.4136 to 0.5211); the rule needs >= 0.8000",
                "accuracy for the whole dataset is 0.6100; the rule needs >= 0.7000",
                "impact_ratio for race = NA could not be decided: insufficient data: 25 rows (measured 0.7700)"),
                lines.stream().map(DecisionSummary.Line::sentence).toList());
        assertEquals(new DecisionSummary.Tally(1, 2, 1), DecisionSummary.tally(findings));
    }

    @Test
    void aFailureWhoseValueIsWithheldSaysSoInsteadOfUndefined() {
        List<DecisionSummary.Line> lines = DecisionSummary.lines(List.of(), List.of(json(
                "{'rule':'ir','metric':'impact_ratio','scope':'race','group':'X','value':null,'outcome':'fail',"
                        + "'undefined':'fewer than 5 rows: the value is not shown here','comparator':'>=','threshold':0.8}")));
        assertEquals("impact_ratio for race = X is not given (fewer than 5 rows: the value is not shown here); "
                + "the rule needs >= 0.8000", lines.get(0).sentence());
    }

    @Test
    void aFailureWithinAStratumOfControlColumnsNamesIt() {
        List<DecisionSummary.Line> lines = DecisionSummary.lines(List.of(), List.of(json(
                "{'rule':'gap','metric':'selection_rate_difference','scope':'sex','group':null,'stratum':'senior','value':0.4,"
                        + "'outcome':'fail','comparator':'<=','threshold':0.2}")));
        assertEquals("selection_rate_difference for sex within senior is 0.4000; the rule needs <= 0.2000", lines.get(0).sentence());
    }
}
