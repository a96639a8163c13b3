package dev.assay.policy;

import dev.assay.api.FieldError;
import dev.assay.api.Problem;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PolicyParserTest {

    @Test
    void theBuiltInFourFifthsPackParses() {
        Policy p = PolicyParser.parse(PolicyCatalog.readBuiltIn("eeoc-four-fifths"));
        assertEquals("eeoc-four-fifths", p.id());
        Rule rule = p.rules().get(0);
        assertEquals("impact_ratio", rule.metric());
        assertEquals(new Threshold(Threshold.Comparator.GE, 0.8), rule.threshold());
        assertEquals(Rule.Severity.BLOCK, rule.severity());
        assertEquals(30, rule.minimumGroupSize());
        assertEquals(Outcome.WARN, rule.onUndefined());
        assertEquals("29 CFR 1607.4(D)", rule.cites().get(0).article());
    }

    @Test
    void theHashIgnoresCommentsAndLayoutButNotContent() {
        String yaml = PolicyCatalog.readBuiltIn("eeoc-four-fifths");
        Policy original = PolicyParser.parse(yaml);
        Policy reformatted = PolicyParser.parse("# a comment\n" + yaml.replace("value: 0.8", "value: 0.80"));
        assertEquals(original.sha256(), reformatted.sha256());
        assertNotEquals(original.sha256(), PolicyParser.parse(yaml.replace("value: 0.8", "value: 0.75")).sha256());
    }

    @Test
    void mistakesAreReportedTogether() {
        String yaml = """
                id: Bad Id
                version: one
                rules:
                  - id: r1
                    metric: no_such_metric
                    scope: protected
                    threshold: {comparator: "=~", value: 1}
                    severity: fatal
                """;
        Problem p = assertThrows(Problem.class, () -> PolicyParser.parse(yaml));
        List<String> pointers = p.errors().stream().map(FieldError::pointer).toList();
        assertTrue(pointers.containsAll(List.of("/id", "/version", "/title", "/rules/0/metric",
                "/rules/0/threshold/comparator", "/rules/0/severity")), pointers.toString());
    }
}
