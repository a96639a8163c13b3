package dev.assay.audit;

import dev.assay.metric.MetricParameters;
import dev.assay.metric.MetricValue;
import dev.assay.policy.Decision;
import dev.assay.policy.Finding;
import dev.assay.policy.Outcome;
import dev.assay.policy.Policy;
import dev.assay.policy.PolicyParser;
import dev.assay.registry.ModelCard;
import dev.assay.registry.ModelCardParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Rules with control columns, audited by the real engine on DuckDB from an ingested CSV: the strata come from the one
 * counts scan, an impact ratio is judged on the Mantel-Haenszel ratio, a disparity within each stratum, a missing
 * control value is a stratum of its own, frequency weights count as rows, and a control column the data lacks leaves
 * the rule undefined with the reason.
 */
class ConditionalFairnessTest {

    @TempDir
    Path dir;

    private static final String CARD = """
            model: m
            version: "1"
            owner: o@example.com
            task: binary-classification
            positiveLabel: "yes"
            favorableOutcome: "yes"
            columns:
              prediction: decision
              protected: [sex]
            %s
            """;

    private static final String PACK = """
            id: conditional
            version: 1.0.0
            title: Conditional fairness
            rules:
              - id: impact-within-level
                metric: impact_ratio
                scope: protected
                controls: [%s]
                threshold: {comparator: ">=", value: 0.8}
                severity: block
              - id: gap-within-level
                metric: selection_rate_difference
                scope: protected
                controls: [level]
                threshold: {comparator: "<=", value: 0.2}
                severity: warn
            """;

    /**
     * Women are selected at half the men's rate within each level (0.4 against 0.8 in a, 0.1 against 0.2 in b) but
     * apply mostly where selection is high; 40 men have no level (2 selected). Each cell {sex, level, rows, selected}
     * is written row by row or, {@code weighted}, as rows of weight 2 for each pair of equal rows (and 1 for the odd one).
     */
    private AuditEngine.Evaluation audit(String control, boolean weighted) throws Exception {
        Object[][] cells = {{"F", "a", 200, 80}, {"M", "a", 50, 40}, {"F", "b", 50, 5}, {"M", "b", 200, 40}, {"M", "", 40, 2}};
        StringBuilder csv = new StringBuilder("sex,level,decision" + (weighted ? ",w" : "") + "\n");
        for (Object[] c : cells) {
            int selected = (int) c[3];
            int other = (int) c[2] - selected;
            for (String decision : List.of("yes", "no")) {
                int rows = decision.equals("yes") ? selected : other;
                String row = c[0] + "," + c[1] + "," + decision;
                if (!weighted) {
                    csv.append((row + "\n").repeat(rows));
                } else {
                    csv.append((row + ",2\n").repeat(rows / 2)).append((row + ",1\n").repeat(rows % 2));
                }
            }
        }
        IngestedCsv data = IngestedCsv.of(dir, csv.toString());
        ModelCard card = ModelCardParser.parseYaml(CARD.formatted(weighted ? "  weight: w" : ""), "m", "1");
        Policy policy = PolicyParser.parse(PACK.formatted(control));
        return new AuditEngine(data.duckDb(), MetricParameters.DEFAULTS).run(card, data.types(), data.parquet(), List.of(policy),
                List.of());
    }

    private static Finding finding(AuditEngine.Evaluation o, String rule, String group, String stratum) {
        return o.findings().stream().filter(f -> f.rule().equals(rule) && Objects.equals(group, f.group())
                && Objects.equals(stratum, f.stratum())).findFirst().orElseThrow(() -> new AssertionError(o.findings()));
    }

    private static MetricValue value(AuditEngine.Evaluation o, String metric, String group, String stratum) {
        return o.metrics().stream().filter(v -> v.metric().equals(metric) && Objects.equals(group, v.group())
                && Objects.equals(stratum, v.stratum())).findFirst().orElseThrow(() -> new AssertionError(metric + " " + group
                + " " + stratum + ": " + o.metrics()));
    }

    @Test
    void anImpactRatioWithControlsIsJudgedOnTheMantelHaenszelRatioBesideTheCrudeAndPerStratumValues() throws Exception {
        AuditEngine.Evaluation o = audit("level", false);
        Finding f = finding(o, "impact-within-level", "F", null);
        assertEquals("mantel_haenszel_impact_ratio", f.metric());
        // M's ratio against F within the levels is 2 (see MantelHaenszelImpactRatioTest): M is the reference, F's ratio 1/2.
        assertEquals(0.5, f.value(), 1e-12);
        assertEquals("M", f.reference());
        assertEquals(Outcome.FAIL, f.outcome());
        assertEquals(250, f.n());
        assertEquals("Mantel-Haenszel over 2 of 3 strata of level; 1 lacking F or M contribute nothing: (unknown)", f.note());
        assertEquals(Outcome.PASS, finding(o, "impact-within-level", "M", null).outcome());
        assertEquals(Decision.Verdict.FAIL, o.decision().verdict());

        // The crude ratio passes (M 82/290 against F 85/250): without the controls the gap would be hidden.
        MetricValue crude = value(o, "impact_ratio", "M", null);
        assertEquals((82.0 / 290) / (85.0 / 250), crude.value(), 1e-12);
        assertEquals("F", crude.reference());
        // Within each level, F's ratio is 0.5; the rows without a level are a stratum of their own, named "(unknown)".
        assertEquals(0.5, value(o, "impact_ratio", "F", "a").value(), 1e-12);
        assertEquals(0.5, value(o, "impact_ratio", "F", "b").value(), 1e-12);
        assertEquals(0.05, value(o, "selection_rate", "M", "(unknown)").value(), 1e-12);
        assertEquals(0L, value(o, "count", "F", "(unknown)").n());
        assertEquals(200.0, value(o, "count", "F", "a").value(), 0);

        // A difference is judged within each stratum: 0.8 − 0.4 fails (warn), 0.2 − 0.1 passes.
        Finding a = finding(o, "gap-within-level", null, "a");
        assertEquals("selection_rate_difference", a.metric());
        assertEquals(0.4, a.value(), 1e-12);
        assertEquals(Outcome.FAIL, a.outcome());
        assertEquals(Outcome.WARN, a.effect());
        assertEquals(0.1, finding(o, "gap-within-level", null, "b").value(), 1e-12);
        assertEquals(Outcome.PASS, finding(o, "gap-within-level", null, "b").outcome());
    }

    @Test
    void frequencyWeightsCountAsRowsWithinStrata() throws Exception {
        AuditEngine.Evaluation rows = audit("level", false);
        AuditEngine.Evaluation weighted = audit("level", true);
        for (String group : List.of("F", "M")) {
            MetricValue a = value(rows, "mantel_haenszel_impact_ratio", group, null);
            MetricValue b = value(weighted, "mantel_haenszel_impact_ratio", group, null);
            assertEquals(a.value(), b.value(), 1e-12, group);
            assertEquals(a.n(), b.n(), group);
            assertEquals(a.ci(), b.ci(), group);
            assertEquals(a.test(), b.test(), group);
            assertEquals(a.note(), b.note(), group);
        }
        assertEquals(rows.findings().size(), weighted.findings().size());
    }

    @Test
    void aControlColumnTheDataLacksLeavesTheRuleUndefinedWithTheReason() throws Exception {
        AuditEngine.Evaluation o = audit("region", false);
        Finding f = finding(o, "impact-within-level", null, null);
        assertEquals(Outcome.UNDEFINED, f.outcome());
        assertEquals(Outcome.WARN, f.effect());
        assertEquals("control column 'region' of rule 'impact-within-level' is not in the dataset", f.reason());
        assertEquals("sex", f.scope());
        assertNull(f.value());
        // The other rule, on a column that is there, is judged as ever.
        assertTrue(o.findings().stream().anyMatch(x -> x.rule().equals("gap-within-level") && "a".equals(x.stratum())));
    }
}
