package dev.assay.metric.engine;

import dev.assay.metric.MetricValue;
import dev.assay.stats.SignificanceTests;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The Benjamini-Hochberg family counts a group's comparison within each stratum of control columns as its own. */
class StrataPValuesTest {

    private static MetricValue tested(String stratum, double p) {
        MetricValue v = MetricValue.defined("impact_ratio", "sex", "F", 0.5, null, 100, "M")
                .withTest(new SignificanceTests.Result("two-proportion z-test", 2.0, p));
        return stratum == null ? v : v.inStratum(stratum);
    }

    @Test
    void eachStratumIsAComparisonOfItsOwn() {
        Map<String, List<MetricValue>> computed = new LinkedHashMap<>();
        computed.put("crude", List.of(tested(null, 0.03)));
        computed.put("within", List.of(tested("a", 0.01), tested("b", 0.04)));
        MetricEngine.adjustPValues(computed);
        // By hand, BH over three p-values 0.01, 0.03, 0.04: 0.04·3/3 = 0.04; min(0.03·3/2, 0.04) = 0.04; min(0.01·3, 0.04) = 0.03.
        assertEquals(0.04, computed.get("crude").get(0).adjustedP(), 1e-12);
        assertEquals(0.03, computed.get("within").get(0).adjustedP(), 1e-12);
        assertEquals(0.04, computed.get("within").get(1).adjustedP(), 1e-12);
    }
}
