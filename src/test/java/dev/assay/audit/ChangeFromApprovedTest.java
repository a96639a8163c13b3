package dev.assay.audit;

import dev.assay.infrastructure.DuckDb;
import dev.assay.metric.ApprovedEvaluation;
import dev.assay.metric.MetricParameters;
import dev.assay.metric.MetricValue;
import dev.assay.metric.Tables;
import dev.assay.policy.Finding;
import dev.assay.policy.Outcome;
import dev.assay.policy.Policy;
import dev.assay.policy.PolicyParser;
import dev.assay.registry.ModelCard;
import dev.assay.registry.ModelCardParser;
import dev.assay.stats.HanleyMcNeil;
import dev.assay.stats.McNemar;
import dev.assay.stats.SignificanceTests;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Changes from the approved version through the whole audit engine: the approved version's own dataset and
 * card, the pairing by id, the paired and unpaired tests, Benjamini-Hochberg across the audit, and the rules
 * that ask for significance. Values are known by construction or published (pROC's aSAH).
 */
class ChangeFromApprovedTest {

    @TempDir
    Path dir;

    private static final String CARD = """
            model: m
            version: "%s"
            owner: o@example.com
            task: binary-classification
            positiveLabel: %s
            favorableOutcome: 1
            columns: {%sgroup: null, label: %s, prediction: p, score: s, protected: [sex]}
            """;

    private static ModelCard card(String version, String positive, boolean id, String label) {
        return ModelCardParser.parseYaml(CARD.formatted(version, positive, id ? "id: id, " : "", label).replace("group: null, ", ""),
                "m", version);
    }

    private static Policy pack(String metric, String scope, double threshold, String significance) {
        return PolicyParser.parse("""
                id: changes
                version: 1.0.0
                title: Changes
                rules:
                  - id: no-regression
                    metric: %s
                    scope: %s
                    threshold: {comparator: ">=", value: %s}
                    severity: block
                    %s
                """.formatted(metric, scope, threshold, significance == null ? "" : "significance: " + significance));
    }

    private static final Map<String, String> TYPES = Map.of("id", "INTEGER", "sex", "VARCHAR", "y", "INTEGER", "p", "INTEGER", "s", "DOUBLE");

    private Path table(String csv) throws Exception {
        return Tables.toParquet(dir, csv, "{'id': 'INTEGER', 'sex': 'VARCHAR', 'y': 'INTEGER', 'p': 'INTEGER', 's': 'DOUBLE'}");
    }

    private AuditEngine.Evaluation audit(ModelCard now, Path nowTable, ModelCard approved, Path approvedTable, Map<String, String> types,
                                         Policy policy) throws Exception {
        return new AuditEngine(DuckDb.withDefaults(dir), MetricParameters.DEFAULTS)
                .comparedWith(new ApprovedEvaluation("1", "audit-1", approvedTable, AuditEngine.outcomes(approved, types),
                        approved.columns().id()))
                .run(now, types, nowTable, List.of(policy), List.of());
    }

    private static MetricValue value(AuditEngine.Evaluation e, String metric, String group) {
        return e.metrics().stream().filter(m -> m.metric().equals(metric) && Objects.equals(m.group(), group)).findFirst().orElseThrow();
    }

    private static Finding finding(AuditEngine.Evaluation e, String group) {
        return e.findings().stream().filter(f -> Objects.equals(f.group(), group)).findFirst().orElseThrow();
    }

    /**
     * 120 rows, ids 0 to 119, 60 women then 60 men, labels alternating. The approved version gets every woman
     * right and this one 12 of them wrong; of the men both get 55 right, and 5 more only this one. McNemar:
     * women b = 0, c = 12 (mid-p 1/4096); men b = 5, c = 0 (mid-p 1/32); all b = 5, c = 12. The three p-values
     * are one Benjamini-Hochberg family: women 3/4096, men min(3/64, overall's) and overall's midP(5, 12).
     */
    @Test
    void accuracyPairedPerGroupWithBenjaminiHochberg() throws Exception {
        StringBuilder now = new StringBuilder("id,sex,y,p,s\n");
        StringBuilder before = new StringBuilder("id,sex,y,p,s\n");
        for (int i = 0; i < 120; i++) {
            boolean woman = i < 60;
            int k = woman ? i : i - 60;
            int y = i % 2;
            boolean rightNow = woman ? k >= 12 : true;
            boolean rightBefore = woman || k < 55;
            now.append(i).append(woman ? ",F," : ",M,").append(y).append(',').append(rightNow ? y : 1 - y).append(",0.5\n");
            before.append(i).append(woman ? ",F," : ",M,").append(y).append(',').append(rightBefore ? y : 1 - y).append(",0.5\n");
        }
        AuditEngine.Evaluation e = audit(card("2", "1", true, "y"), table(now.toString()), card("1", "1", true, "y"),
                table(before.toString()), TYPES, pack("accuracy_change_from_approved", "[overall, protected]", -0.02,
                        "{test: paired, maxAdjustedP: 0.05}"));
        MetricValue women = value(e, "accuracy_change_from_approved", "F");
        assertEquals(-12.0 / 60, women.value(), 1e-12);
        assertEquals("paired", women.comparison().design());
        assertEquals(0L, women.comparison().improved());
        assertEquals(12L, women.comparison().worsened());
        assertEquals(60, women.comparison().n());
        assertEquals(McNemar.test(0, 12), women.test());
        assertEquals(new dev.assay.metric.Comparison.Pairing(60, 0, 0, 0, 0, 60, 120, 0, 0, 0), women.comparison().pairing());
        MetricValue men = value(e, "accuracy_change_from_approved", "M");
        assertEquals(McNemar.test(5, 0), men.test());
        MetricValue all = value(e, "accuracy_change_from_approved", null);
        assertEquals(McNemar.test(5, 12), all.test());
        assertEquals((5.0 - 12) / 120, all.value(), 1e-12);
        double[] adjusted = SignificanceTests.benjaminiHochberg(new double[] {all.test().pValue(), women.test().pValue(), men.test().pValue()});
        assertEquals(adjusted[0], all.adjustedP(), 1e-15);
        assertEquals(adjusted[1], women.adjustedP(), 1e-15);
        assertEquals(3.0 / 4096, women.adjustedP(), 1e-15);
        assertEquals(adjusted[2], men.adjustedP(), 1e-15);

        assertEquals(Outcome.FAIL, finding(e, "F").outcome(), "a significant fall of 0.2");
        assertEquals(Outcome.PASS, finding(e, "M").outcome(), "a rise");
        Finding overall = finding(e, null);
        assertTrue(all.adjustedP() >= 0.05, "midP(5, 12) = 0.096: not significant");
        assertEquals(Outcome.PASS, overall.outcome());
        assertTrue(overall.note().startsWith("beyond the threshold but not statistically significant"), overall.note());
        assertTrue(overall.note().contains("paired: both versions were evaluated on the same rows: 120 ids"), overall.note());
    }

    /** 20 pairs overall, fewer than the minimum group size: no test, and a rule asking for one is undefined with the reason. */
    @Test
    void tooFewPairsIsUndefinedWithTheReason() throws Exception {
        StringBuilder now = new StringBuilder("id,sex,y,p,s\n");
        StringBuilder before = new StringBuilder("id,sex,y,p,s\n");
        for (int i = 0; i < 20; i++) {
            now.append(i).append(",F,1,").append(i < 10 ? 1 : 0).append(",0.5\n");
            before.append(i).append(",F,1,1,0.5\n");
        }
        AuditEngine.Evaluation e = audit(card("2", "1", true, "y"), table(now.toString()), card("1", "1", true, "y"),
                table(before.toString()), TYPES, pack("accuracy_change_from_approved", "overall", -0.02, "{maxAdjustedP: 0.05}"));
        MetricValue change = value(e, "accuracy_change_from_approved", null);
        assertEquals(-0.5, change.value(), 1e-12);
        assertNull(change.test());
        assertEquals("too few pairs: 20 labeled pairs with both predictions, fewer than the minimum group size of 30",
                change.comparison().untested());
        Finding f = finding(e, null);
        assertEquals(Outcome.UNDEFINED, f.outcome());
        assertEquals("beyond the threshold, and the significance test the rule asks for is undefined: " + change.comparison().untested(),
                f.reason());

        AuditEngine.Evaluation plain = audit(card("2", "1", true, "y"), table(now.toString()), card("1", "1", true, "y"),
                table(before.toString()), TYPES, pack("accuracy_change_from_approved", "overall", -0.02, null));
        assertEquals(Outcome.FAIL, finding(plain, null).outcome(), "without significance the value alone judges");
    }

    /** aSAH's rows as two datasets: s100b this version's score, wfns the approved one's. */
    private Path asah(String score) throws Exception {
        StringBuilder csv = new StringBuilder("id,sex,y,p,s\n");
        try (BufferedReader r = new BufferedReader(new InputStreamReader(getClass().getResourceAsStream("/vectors/asah.csv"),
                StandardCharsets.UTF_8))) {
            List<String> header = List.of(r.readLine().split(","));
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                String[] f = line.split(",");
                csv.append(f[0]).append(",F,").append(f[1].equals("Poor") ? 1 : 0).append(",0,").append(f[header.indexOf(score)]).append('\n');
            }
        }
        return table(csv.toString());
    }

    /**
     * pROC's roc.test(r.s100b, r.wfns) (the reverse of its test's roc.test(r.wfns, r.s100b)): Z = -2.20898359144091,
     * p = 0.0271757822291882; the AUC fell from 0.8237 to 0.7314, significantly. Asked for the unpaired test, the
     * same AUCs compare as independent samples (Hanley-McNeil), and the comparison says why.
     */
    @Test
    void aucPairedByDeLongAsProcAndUnpairedOnRequest() throws Exception {
        Path now = asah("s100b");
        Path before = asah("wfns");
        AuditEngine.Evaluation e = audit(card("2", "1", true, "y"), now, card("1", "1", true, "y"), before, TYPES,
                pack("roc_auc_change_from_approved", "overall", 0, "{test: paired, maxAdjustedP: 0.05}"));
        MetricValue change = value(e, "roc_auc_change_from_approved", null);
        assertEquals(0.7313685636856369 - 0.8236788617886179, change.value(), 1e-12);
        assertEquals(-2.20898359144091, change.test().statistic(), 1e-9 * 2.2);
        assertEquals(0.0271757822291882, change.test().pValue(), 1e-9);
        assertEquals(0.0271757822291882, change.adjustedP(), 1e-9, "the audit's only test");
        assertEquals(113, change.comparison().n());
        assertEquals(Outcome.FAIL, finding(e, null).outcome());

        AuditEngine.Evaluation u = audit(card("2", "1", true, "y"), now, card("1", "1", true, "y"), before, TYPES,
                pack("roc_auc_change_from_approved", "overall", 0, "{test: unpaired, maxAdjustedP: 0.05}"));
        MetricValue unpaired = value(u, "roc_auc_change_from_approved", null);
        assertEquals("unpaired", unpaired.comparison().design());
        assertTrue(unpaired.comparison().why().startsWith("the rule asks for the unpaired test (both versions were evaluated"),
                unpaired.comparison().why());
        assertEquals(HanleyMcNeil.independent(0.7313685636856369, 41, 72, 0.8236788617886179, 41, 72).orElseThrow().pValue(),
                unpaired.test().pValue(), 1e-12);
        assertEquals(HanleyMcNeil.INDEPENDENT, unpaired.test().test());
    }

    /**
     * The approved card names no id: unpaired, and why; its dataset's labels and predictions are another column
     * and other values ("yes", "no"), read with its own card.
     */
    @Test
    void unpairedWhenACardNamesNoIdReadWithEachCard() throws Exception {
        StringBuilder now = new StringBuilder("id,sex,y,p,s\n");
        StringBuilder before = new StringBuilder("id,sex,outcome,p,s\n");
        for (int i = 0; i < 100; i++) {
            int y = i % 2;
            now.append(i).append(",F,").append(y).append(',').append(i < 80 ? y : 1 - y).append(",0.5\n");
            int predicted = i < 90 ? y : 1 - y;
            before.append(i).append(",F,").append(y == 1 ? "yes" : "no").append(',').append(predicted == 1 ? "yes" : "no").append(",0.5\n");
        }
        Map<String, String> beforeTypes = Map.of("id", "INTEGER", "sex", "VARCHAR", "outcome", "VARCHAR", "p", "VARCHAR", "s", "DOUBLE");
        Path beforeTable = Tables.toParquet(dir, before.toString(),
                "{'id': 'INTEGER', 'sex': 'VARCHAR', 'outcome': 'VARCHAR', 'p': 'VARCHAR', 's': 'DOUBLE'}");
        ModelCard approved = card("1", "\"yes\"", false, "outcome");
        AuditEngine.Evaluation e = new AuditEngine(DuckDb.withDefaults(dir), MetricParameters.DEFAULTS)
                .comparedWith(new ApprovedEvaluation("1", "audit-1", beforeTable, AuditEngine.outcomes(approved, beforeTypes), approved.columns().id()))
                .run(card("2", "1", true, "y"), TYPES, table(now.toString()), List.of(pack("accuracy_change_from_approved", "overall", -0.02,
                        "{maxAdjustedP: 0.05}")), List.of());
        MetricValue change = value(e, "accuracy_change_from_approved", null);
        assertEquals(0.8 - 0.9, change.value(), 1e-12, "the approved dataset's 'yes' and 'no' read by its own card");
        assertEquals("unpaired", change.comparison().design());
        assertEquals("the approved version's model card names no id column (columns.id), so its rows cannot be paired with this "
                + "version's", change.comparison().why());
        assertNull(change.comparison().pairing());
        assertEquals(SignificanceTests.compareProportions(80, 100, 90, 100).orElseThrow(), change.test());
    }
}
