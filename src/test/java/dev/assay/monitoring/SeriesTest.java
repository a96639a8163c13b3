package dev.assay.monitoring;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.io.StringReader;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A series point is read from a window audit's report: the metric's own value and the worst outcome judging it. */
class SeriesTest {

    static final JsonObject REPORT = Json.createReader(new StringReader("""
            {"metrics": [
               {"metric": "impact_ratio", "scope": "sex", "group": "F", "value": 0.9, "ci": null, "n": 20, "stratum": "junior"},
               {"metric": "impact_ratio", "scope": "sex", "group": "F", "value": 0.5, "ci": [0.3, 0.7], "n": 60},
               {"metric": "impact_ratio", "scope": "sex", "group": "M", "value": 1.0, "ci": null, "n": 60},
               {"metric": "accuracy", "scope": null, "group": null, "value": null, "ci": null, "n": 60,
                "undefined": "label coverage 0.1000 of this window (6 of 60 rows) is below the deployment's minimum 0.5000"},
               {"metric": "true_positive_rate", "scope": null, "group": null, "value": 0.9, "ci": null, "n": 60, "at": "score >= 0.3"},
               {"metric": "true_positive_rate", "scope": null, "group": null, "value": 0.8, "ci": null, "n": 60}
             ],
             "findings": [
               {"rule": "s", "metric": "selection_rate_difference", "scope": "sex", "group": null, "outcome": "fail", "stratum": "a"},
               {"rule": "a", "metric": "impact_ratio", "scope": "sex", "group": "F", "outcome": "warn"},
               {"rule": "b", "metric": "impact_ratio", "scope": "sex", "group": "F", "outcome": "fail"},
               {"rule": "c", "metric": "accuracy", "scope": null, "group": null, "outcome": "undefined"}
             ]}
            """)).readObject();

    @Test
    void aGroupsValueWithItsIntervalAndWorstOutcome() {
        Series.Point p = Series.of(REPORT, "impact_ratio", "sex", "F").orElseThrow();
        assertEquals(0.5, p.value());
        assertEquals(List.of(0.3, 0.7), p.ci());
        assertEquals(60, p.n());
        assertEquals("fail", p.outcome());
        Series.Point m = Series.of(REPORT, "impact_ratio", "sex", "M").orElseThrow();
        assertNull(m.outcome(), "no rule judged M");
        assertNull(m.ci());
    }

    @Test
    void anUndefinedValueSaysWhyAndAThresholdsValueIsNotTheMetricsOwn() {
        Series.Point accuracy = Series.of(REPORT, "accuracy", null, null).orElseThrow();
        assertNull(accuracy.value());
        assertTrue(accuracy.undefined().startsWith("label coverage"));
        assertEquals("undefined", accuracy.outcome());
        assertEquals(accuracy, Series.of(REPORT, "accuracy", "overall", null).orElseThrow(), "overall is the whole dataset");
        assertEquals(0.8, Series.of(REPORT, "true_positive_rate", null, null).orElseThrow().value());
        assertTrue(Series.of(REPORT, "impact_ratio", "race", "F").isEmpty());
    }

    @Test
    void aValueOrFindingWithinAStratumOfControlColumnsIsNotTheGroupsOwn() {
        // The report lists a per-stratum impact ratio of F first: the series reads the whole group's.
        assertEquals(0.5, Series.of(REPORT, "impact_ratio", "sex", "F").orElseThrow().value());
        // A disparity judged only within a stratum has no value of the scope's own in the series.
        assertTrue(Series.of(REPORT, "selection_rate_difference", "sex", null).isEmpty());
    }
}
