package dev.assay.audit;

import dev.assay.infrastructure.DuckDb;
import dev.assay.metric.MetricParameters;
import dev.assay.metric.MetricValue;
import dev.assay.policy.Decision;
import dev.assay.policy.Finding;
import dev.assay.policy.Outcome;
import dev.assay.policy.Policy;
import dev.assay.policy.PolicyCatalog;
import dev.assay.policy.PolicyParser;
import dev.assay.registry.ModelCard;
import dev.assay.registry.ModelCardParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The four-fifths audit on small tables whose rates are known by construction. */
class AuditEngineTest {

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
            """;

    /** Rows per sex: (rows, favorable). */
    private AuditEngine.Evaluation audit(Map<String, int[]> groups) throws Exception {
        StringBuilder csv = new StringBuilder("sex,decision\n");
        groups.forEach((sex, counts) -> {
            for (int i = 0; i < counts[0]; i++) {
                csv.append(sex).append(',').append(i < counts[1] ? "yes" : "no").append('\n');
            }
        });
        IngestedCsv data = IngestedCsv.of(dir, csv.toString());
        ModelCard card = ModelCardParser.parseYaml(CARD, "m", "1");
        Policy policy = PolicyParser.parse(PolicyCatalog.readBuiltIn("eeoc-four-fifths"));
        return new AuditEngine(data.duckDb(), MetricParameters.DEFAULTS).run(card, data.types(), data.parquet(), List.of(policy), List.of());
    }

    private static Finding finding(AuditEngine.Evaluation o, String group) {
        return o.findings().stream().filter(f -> group.equals(f.group())).findFirst().orElseThrow();
    }

    @Test
    void failsBelowFourFifthsAndLeavesSmallGroupsUndefined() throws Exception {
        Map<String, int[]> groups = new LinkedHashMap<>();
        groups.put("F", new int[] {40, 12});  // 0.30
        groups.put("M", new int[] {60, 30});  // 0.50: the reference
        groups.put("X", new int[] {10, 10});  // 1.00, but only 10 rows
        AuditEngine.Evaluation o = audit(groups);

        assertEquals(0.6, finding(o, "F").value(), 1e-12);
        assertEquals(Outcome.FAIL, finding(o, "F").outcome());
        assertEquals("M", finding(o, "F").reference());
        assertEquals(1.0, finding(o, "M").value(), 1e-12);
        assertEquals(Outcome.PASS, finding(o, "M").outcome());
        Finding x = finding(o, "X");
        assertEquals(Outcome.UNDEFINED, x.outcome());
        assertEquals(Outcome.WARN, x.effect());
        assertEquals("insufficient data: 10 rows, fewer than the minimum group size of 30", x.reason());
        assertEquals(new Decision(Decision.Verdict.FAIL, List.of("four-fifths-impact-ratio")), o.decision());

        MetricValue rateF = o.metrics().stream()
                .filter(m -> m.metric().equals("selection_rate") && "F".equals(m.group())).findFirst().orElseThrow();
        assertEquals(0.3, rateF.value(), 1e-12);
        assertEquals(40, rateF.n());
    }

    @Test
    void passesAtFourFifthsAndAbove() throws Exception {
        Map<String, int[]> groups = new LinkedHashMap<>();
        groups.put("F", new int[] {40, 24});  // 0.60: the reference
        groups.put("M", new int[] {60, 30});  // 0.50 -> 0.8333...
        AuditEngine.Evaluation o = audit(groups);
        assertEquals(0.5 / 0.6, finding(o, "M").value(), 1e-12);
        assertEquals(Decision.Verdict.PASS, o.decision().verdict());
        assertEquals(List.of(), o.decision().reasons());
    }

    @Test
    void exactlyFourFifthsPasses() throws Exception {
        Map<String, int[]> groups = new LinkedHashMap<>();
        groups.put("F", new int[] {50, 20});  // 0.40
        groups.put("M", new int[] {50, 25});  // 0.50 -> 0.8 exactly
        AuditEngine.Evaluation o = audit(groups);
        assertEquals(0.8, finding(o, "F").value(), 1e-12);
        assertEquals(Outcome.PASS, finding(o, "F").outcome());
    }

    @Test
    void noFavorableOutcomeAnywhereIsUndefinedNotPass() throws Exception {
        Map<String, int[]> groups = new LinkedHashMap<>();
        groups.put("F", new int[] {40, 0});
        groups.put("M", new int[] {40, 0});
        AuditEngine.Evaluation o = audit(groups);
        assertNull(finding(o, "F").value());
        assertEquals(Outcome.UNDEFINED, finding(o, "F").outcome());
        assertEquals(Decision.Verdict.WARN, o.decision().verdict());
    }

    /**
     * 50 labeled rows, 40 predicted right: accuracy 0.8. Against an approved version whose dataset has 45 of
     * 50 right (0.9) the change is -0.1 and the no-regression rule fails; the cards name no id, so the test is
     * the unpaired one (the pooled two-proportion z-test of 40/50 against 45/50, as Assay compares groups).
     * Without an approved version it is undefined and passes.
     */
    @Test
    void accuracyAgainstTheLastApprovedVersion() throws Exception {
        Path parquet = dev.assay.metric.Tables.toParquet(dir, rightOf50(40), "{'y': 'INTEGER', 'p': 'INTEGER'}");
        Path approvedParquet = dev.assay.metric.Tables.toParquet(dir, rightOf50(45), "{'y': 'INTEGER', 'p': 'INTEGER'}");
        ModelCard card = ModelCardParser.parseYaml("""
                model: m
                version: "2"
                owner: o@example.com
                task: binary-classification
                positiveLabel: 1
                favorableOutcome: 1
                columns: {label: y, prediction: p}
                """, "m", "2");
        Policy policy = PolicyParser.parse(PolicyCatalog.readBuiltIn("model-performance"));
        Map<String, String> types = Map.of("y", "INTEGER", "p", "INTEGER");
        DuckDb duckDb = DuckDb.withDefaults(dir);

        AuditEngine.Evaluation compared = new AuditEngine(duckDb, MetricParameters.DEFAULTS)
                .comparedWith(new dev.assay.metric.ApprovedEvaluation("1", "audit-1", approvedParquet, AuditEngine.outcomes(card, types),
                        java.util.Optional.empty()))
                .run(card, types, parquet, List.of(policy), List.of());
        Finding change = compared.findings().stream().filter(f -> f.rule().equals("accuracy-no-regression")).findFirst().orElseThrow();
        assertEquals(0.8 - 0.9, change.value(), 1e-12);
        assertEquals(Outcome.FAIL, change.outcome());
        assertEquals("version 1", change.reference());
        assertEquals(0.8, compared.metrics().stream().filter(m -> m.metric().equals("accuracy") && m.scope() == null)
                .findFirst().orElseThrow().value(), 1e-12, "the compared value is reported beside the change");
        assertEquals(Decision.Verdict.FAIL, compared.decision().verdict());
        assertEquals(List.of("accuracy-no-regression"), compared.decision().reasons());
        MetricValue changed = compared.metrics().stream().filter(m -> m.metric().equals("accuracy_change_from_approved"))
                .findFirst().orElseThrow();
        assertEquals("unpaired", changed.comparison().design());
        assertTrue(changed.comparison().why().contains("names no id column"), changed.comparison().why());
        assertEquals(dev.assay.stats.SignificanceTests.compareProportions(40, 50, 45, 50).orElseThrow(), changed.test());
        assertEquals(0.9, changed.comparison().before(), 1e-12);

        AuditEngine.Evaluation first = new AuditEngine(duckDb, MetricParameters.DEFAULTS)
                .run(card, types, parquet, List.of(policy), List.of("roc_auc_change_from_approved"));
        Finding none = first.findings().stream().filter(f -> f.rule().equals("accuracy-no-regression")).findFirst().orElseThrow();
        assertEquals(Outcome.UNDEFINED, none.outcome());
        assertEquals(Outcome.PASS, none.effect());
        assertEquals("no earlier version of this model is approved (gate PASS, or failures waived)", none.reason());
        assertEquals(Decision.Verdict.PASS, first.decision().verdict());
        MetricValue auc = first.metrics().stream().filter(m -> m.metric().equals("roc_auc_change_from_approved"))
                .findFirst().orElseThrow();
        assertNull(auc.value(), "requested without an approved version: undefined, never 0");
    }

    /** 50 rows labeled alternately, the first {@code right} predicted right. */
    private static String rightOf50(int right) {
        StringBuilder csv = new StringBuilder("y,p\n");
        for (int i = 0; i < 50; i++) {
            int y = i % 2;
            csv.append(y).append(',').append(i < right ? y : 1 - y).append('\n');
        }
        return csv.toString();
    }

    /**
     * The four-fifths audit's scan leaves out the label's counts (no metric of it reads them): its selection
     * rates and impact ratios are those of an audit whose scan counts the label too.
     */
    @Test
    void theSelectionsAloneGiveTheSameValuesWithoutTheLabelCounts() throws Exception {
        java.io.StringWriter csv = new java.io.StringWriter();
        dev.assay.demo.LoanApplications.write(csv, 2_000, 40, dev.assay.demo.LoanApplications.BIASED, 7);
        IngestedCsv data = IngestedCsv.of(dir, csv.toString());
        ModelCard card = ModelCardParser.parseYaml(dev.assay.demo.DemoSeeder.card("1.0.0"), dev.assay.demo.DemoSeeder.MODEL, "1.0.0");
        Policy fourFifths = PolicyParser.parse(PolicyCatalog.readBuiltIn("eeoc-four-fifths"));
        AuditEngine engine = new AuditEngine(data.duckDb(), MetricParameters.DEFAULTS);
        AuditEngine.Evaluation alone = engine.run(card, data.types(), data.parquet(), List.of(fourFifths), List.of());
        // true_positive_rate reads the label's counts, so this audit's scan counts them.
        AuditEngine.Evaluation labeled = engine.run(card, data.types(), data.parquet(), List.of(fourFifths), List.of("true_positive_rate"));
        java.util.function.Function<AuditEngine.Evaluation, List<MetricValue>> selections = o -> o.metrics().stream()
                .filter(m -> m.metric().equals("selection_rate") || m.metric().equals("impact_ratio")).toList();
        assertEquals(14, selections.apply(alone).size());
        assertEquals(selections.apply(labeled), selections.apply(alone));
        assertEquals(labeled.findings(), alone.findings());
        assertEquals(labeled.decision(), alone.decision());
    }
}
