package dev.assay.audit;

import dev.assay.metric.MetricParameters;
import dev.assay.metric.MetricValue;
import dev.assay.metric.OutcomeClasses;
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
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 21 §1: a multiclass model audited end to end through the real ingest and DuckDB: scikit-learn's documented
 * averages, per-class values against a row-by-row reference on generated tables (nulls, values outside the classes,
 * values written as 1, 1.0 and "2", single-class and empty groups), the disparities over classes, and the binary
 * packs through the favorable classes.
 */
class MulticlassAuditTest {

    @TempDir
    Path dir;

    private static final String CARD = """
            model: m
            version: "1"
            owner: o@example.com
            task: multiclass-classification
            classes: %s
            %s
            columns:
              label: y
              prediction: p
              protected: [sex, race]
            """;

    private static final List<String> IDS = List.of("count", "selection_rate", "true_positive_rate", "false_positive_rate",
            "false_negative_rate", "true_negative_rate", "precision", "recall", "f1", "base_rate", "accuracy", "precision_macro",
            "recall_macro", "f1_macro", "precision_micro", "recall_micro", "f1_micro", "confusion_matrix", "impact_ratio",
            "demographic_parity_difference", "demographic_parity_ratio", "equalized_odds_difference", "equalized_odds_ratio",
            "equal_opportunity_difference", "label_balance");

    /** A pack with one warn rule per id over the whole dataset, each attribute and their intersection; {@code extra} in each rule. */
    private static Policy everything(String extra) {
        StringBuilder yaml = new StringBuilder("id: every\nversion: 1.0.0\ntitle: every\nrules:\n");
        for (String id : IDS) {
            // impact_ratio compares groups: not over the whole dataset, which is no group of a scope.
            String scope = id.equals("impact_ratio") ? "[protected, intersection]" : "[overall, protected, intersection]";
            yaml.append("  - {id: r-").append(id).append(", metric: ").append(id).append(", scope: ").append(scope)
                    .append(", threshold: {comparator: \">=\", value: -1}, severity: warn, minimumGroupSize: 1").append(extra).append("}\n");
        }
        return PolicyParser.parse(yaml.toString());
    }

    private AuditEngine.Evaluation audit(String csv, String classes, String favorable, List<Policy> policies) throws Exception {
        IngestedCsv data = IngestedCsv.of(dir, csv);
        ModelCard card = ModelCardParser.parseYaml(CARD.formatted(classes, favorable), "m", "1");
        return new AuditEngine(data.duckDb(), MetricParameters.DEFAULTS).run(card, data.types(), data.parquet(), policies, List.of());
    }

    private static Map<String, MetricValue> byKey(AuditEngine.Evaluation e) {
        Map<String, MetricValue> m = new LinkedHashMap<>();
        e.metrics().forEach(v -> m.put(key(v.metric(), v.scope(), v.group(), v.outcomeClass(), v.at()), v));
        return m;
    }

    private static String key(String metric, String scope, String group, String c, String at) {
        return metric + "|" + scope + "|" + group + "|" + c + "|" + at;
    }

    /**
     * scikit-learn's documented example (docstring of sklearn.metrics.precision_recall_fscore_support, 1.3 to 1.6,
     * https://scikit-learn.org/stable/modules/generated/sklearn.metrics.precision_recall_fscore_support.html):
     * y_true = [cat, dog, pig, cat, dog, pig], y_pred = [cat, pig, dog, cat, cat, dog] gives, average='macro',
     * (0.22..., 0.33..., 0.26...) and average='micro' (0.33..., 0.33..., 0.33...). The same table in numbers is
     * f1_score's docstring example (https://scikit-learn.org/stable/modules/generated/sklearn.metrics.f1_score.html):
     * y_true = [0, 1, 2, 0, 1, 2], y_pred = [0, 2, 1, 0, 0, 1]: f1 macro 0.26666..., micro 0.33333..., per class
     * (average=None) [0.8, 0, 0]. Exactly: precision macro (2/3 + 0 + 0)/3 = 2/9, recall macro (1 + 0 + 0)/3 = 1/3,
     * F1 macro 0.8/3 = 4/15; micro 2 right of 6 = 1/3 each.
     */
    @Test
    void scikitLearnsDocumentedAveragesInWordsAndInNumbers() throws Exception {
        String words = "sex,race,y,p\nF,a,cat,cat\nF,a,dog,pig\nF,a,pig,dog\nM,a,cat,cat\nM,a,dog,cat\nM,a,pig,dog\n";
        String numbers = "sex,race,y,p\nF,a,0,0\nF,a,1,2\nF,a,2,1\nM,a,0,0\nM,a,1,0\nM,a,2,1\n";
        for (String[] t : new String[][] {{words, "[cat, dog, pig]", "cat"}, {numbers, "[0, 1, 2]", "0"}}) {
            Map<String, MetricValue> v = byKey(audit(t[0], t[1], "", List.of(everything(""))));
            assertEquals(2.0 / 9, v.get(key("precision_macro", null, null, null, null)).value(), 1e-12);
            assertEquals(1.0 / 3, v.get(key("recall_macro", null, null, null, null)).value(), 1e-12);
            assertEquals(0.26666666666666666, v.get(key("f1_macro", null, null, null, null)).value(), 1e-12);
            for (String micro : List.of("precision_micro", "recall_micro", "f1_micro")) {
                assertEquals(0.3333333333333333, v.get(key(micro, null, null, null, null)).value(), 1e-12);
            }
            assertEquals(1.0 / 3, v.get(key("accuracy", null, null, null, null)).value(), 1e-12);
            List<String> names = Arrays.asList(t[1].substring(1, t[1].length() - 1).split(", "));
            double[] f1 = {0.8, 0, 0};
            for (int c = 0; c < 3; c++) {
                assertEquals(f1[c], v.get(key("f1", null, null, names.get(c), null)).value(), 1e-12, names.get(c));
            }
            assertEquals(6, v.get(key("f1_macro", null, null, null, null)).n());
            // The matrix (scikit-learn's confusion_matrix: rows the label, columns the prediction): [[2, 0, 0], [1, 0, 1], [0, 2, 0]].
            long[][] matrix = {{2, 0, 0}, {1, 0, 1}, {0, 2, 0}};
            for (int l = 0; l < 3; l++) {
                for (int p = 0; p < 3; p++) {
                    assertEquals(matrix[l][p], v.get(key("confusion_matrix", null, null, names.get(p), "label " + names.get(l))).value());
                }
                assertEquals(0.0, v.get(key("confusion_matrix", null, null, OutcomeClasses.OUTSIDE, "label " + names.get(l))).value());
            }
            // Without favorableClasses the value without a class reads nothing favorable: undefined with the reason.
            MetricValue binary = v.get(key("selection_rate", "sex", "F", null, null));
            assertNull(binary.value());
            assertTrue(binary.undefined().contains("names no favorableClasses"), binary.undefined());
            assertTrue(v.get(key("impact_ratio", "sex", null, null, null)).undefined().contains("favorable"));
        }
    }

    /** One generated row: the attributes and the label and prediction as written in the file ("" missing). */
    private record Row(String sex, String race, String y, String p) {
    }

    /**
     * Rows with sex F, M (both classes), X (one row class only, always right) and missing; race r1, r2 (X has r1 only,
     * so X*r2 is an empty intersection); labels and predictions among the classes (written by meaning in several ways
     * when the classes are numbers), outside them ("Z", "7"), and missing.
     */
    private static List<Row> rows(long seed, boolean numeric, int n) {
        Random r = new Random(seed);
        String[][] spell = numeric ? new String[][] {{"1", "1.0"}, {"2", "2.00"}, {"3", "3"}} : new String[][] {{"A"}, {"B"}, {"C"}};
        String[] outside = numeric ? new String[] {"7", "0.5"} : new String[] {"Z", "a"};
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String sex = i % 50 == 3 ? "X" : r.nextInt(15) == 0 ? "" : r.nextBoolean() ? "F" : "M";
            String race = sex.equals("X") ? "r1" : r.nextBoolean() ? "r1" : "r2";
            int y = r.nextInt(3);
            int p = r.nextDouble() < 0.6 ? y : r.nextInt(3);
            if (sex.equals("F") && r.nextDouble() < 0.2) {
                p = 0;
            }
            String ys = sex.equals("X") ? spell[2][0] : r.nextInt(20) == 0 ? "" : r.nextInt(25) == 0 ? outside[r.nextInt(2)]
                    : spell[y][r.nextInt(spell[y].length)];
            String ps = sex.equals("X") ? spell[2][0] : r.nextInt(20) == 0 ? "" : r.nextInt(25) == 0 ? outside[r.nextInt(2)]
                    : spell[p][r.nextInt(spell[p].length)];
            rows.add(new Row(sex, race, ys, ps));
        }
        return rows;
    }

    /** The class index of a written value, by meaning: 0..2, 3 outside, -1 missing. */
    private static int index(String v, boolean numeric) {
        if (v.isEmpty()) {
            return -1;
        }
        if (numeric) {
            double d = Double.parseDouble(v);
            return d == 1 ? 0 : d == 2 ? 1 : d == 3 ? 2 : 3;
        }
        return switch (v) {
            case "A" -> 0;
            case "B" -> 1;
            case "C" -> 2;
            default -> 3;
        };
    }

    private static Double ratio(long x, long d) {
        return d == 0 ? null : (double) x / d;
    }

    /** Every per-class value, average and matrix cell, computed row by row, against the audit's; counts exactly. */
    @Test
    void perClassValuesAveragesAndTheMatrixMatchARowByRowReference() throws Exception {
        for (boolean numeric : new boolean[] {false, true}) {
            List<Row> rows = rows(numeric ? 11 : 12, numeric, 700);
            StringBuilder csv = new StringBuilder("sex,race,y,p\n");
            rows.forEach(r -> csv.append(r.sex()).append(',').append(r.race()).append(',').append(r.y()).append(',').append(r.p()).append('\n'));
            String classes = numeric ? "[1, 2, 3]" : "[A, B, C]";
            List<String> names = numeric ? List.of("1", "2", "3") : List.of("A", "B", "C");
            Map<String, MetricValue> v = byKey(audit(csv.toString(), classes, "favorableClasses: [" + names.get(0) + "]",
                    List.of(everything(""))));
            Map<String, Predicate<Row>> groups = new LinkedHashMap<>();
            groups.put("null|null", r -> true);
            for (String sex : List.of("F", "M", "X")) {
                groups.put("sex|" + sex, r -> r.sex().equals(sex));
                for (String race : List.of("r1", "r2")) {
                    groups.put("sex*race|" + sex + "*" + race, r -> r.sex().equals(sex) && r.race().equals(race));
                }
            }
            groups.put("sex|(unknown)", r -> r.sex().isEmpty());
            int checked = 0;
            for (Map.Entry<String, Predicate<Row>> g : groups.entrySet()) {
                String scope = g.getKey().split("\\|")[0].equals("null") ? null : g.getKey().split("\\|")[0];
                String group = g.getKey().split("\\|")[1].equals("null") ? null : g.getKey().split("\\|")[1];
                long[][] m = new long[5][5];
                for (Row r : rows) {
                    if (g.getValue().test(r)) {
                        int l = index(r.y(), numeric);
                        int p = index(r.p(), numeric);
                        m[l < 0 ? 4 : l][p < 0 ? 4 : p]++;
                    }
                }
                long both = 0;
                long predicted = 0;
                long labels = 0;
                long correct = 0;
                for (int l = 0; l < 5; l++) {
                    for (int p = 0; p < 5; p++) {
                        both += l < 4 && p < 4 ? m[l][p] : 0;
                        predicted += p < 4 ? m[l][p] : 0;
                        labels += l < 4 ? m[l][p] : 0;
                        correct += l == p && l < 3 ? m[l][p] : 0;
                    }
                }
                checked += check(v, "accuracy", scope, group, null, ratio(correct, both));
                long sumTp = 0;
                long sumFp = 0;
                long sumFn = 0;
                double[] sums = new double[3];
                boolean[] undefinedMacro = new boolean[3];
                for (int c = 0; c < 3; c++) {
                    long tp = m[c][c];
                    long fp = 0;
                    long fn = 0;
                    long predictedC = 0;
                    long labeledC = 0;
                    for (int o = 0; o < 5; o++) {
                        fp += o != c && o < 4 ? m[o][c] : 0;
                        fn += o != c && o < 4 ? m[c][o] : 0;
                        predictedC += m[o][c];
                        labeledC += m[c][o];
                    }
                    long tn = both - tp - fp - fn;
                    String name = names.get(c);
                    checked += check(v, "selection_rate", scope, group, name, ratio(predictedC, predicted));
                    checked += check(v, "base_rate", scope, group, name, ratio(labeledC, labels));
                    checked += check(v, "true_positive_rate", scope, group, name, ratio(tp, tp + fn));
                    checked += check(v, "recall", scope, group, name, ratio(tp, tp + fn));
                    checked += check(v, "false_negative_rate", scope, group, name, ratio(fn, tp + fn));
                    checked += check(v, "false_positive_rate", scope, group, name, ratio(fp, fp + tn));
                    checked += check(v, "true_negative_rate", scope, group, name, ratio(tn, fp + tn));
                    checked += check(v, "precision", scope, group, name, ratio(tp, tp + fp));
                    checked += check(v, "f1", scope, group, name, ratio(2 * tp, 2 * tp + fp + fn));
                    long[] d = {tp + fp, tp + fn, 2 * tp + fp + fn};
                    long[] x = {tp, tp, 2 * tp};
                    for (int k = 0; k < 3; k++) {
                        if (d[k] == 0) {
                            undefinedMacro[k] = true;
                        } else {
                            sums[k] += (double) x[k] / d[k];
                        }
                    }
                    sumTp += tp;
                    sumFp += fp;
                    sumFn += fn;
                    for (int o = 0; o < 4; o++) {
                        String label = o < 3 ? names.get(o) : OutcomeClasses.OUTSIDE;
                        MetricValue cell = v.get(key("confusion_matrix", scope, group, name, "label " + label));
                        assertEquals((double) m[o][c], cell.value(), g.getKey());
                        assertEquals(both, cell.n());
                        checked++;
                    }
                }
                String[] macro = {"precision_macro", "recall_macro", "f1_macro"};
                for (int k = 0; k < 3; k++) {
                    checked += check(v, macro[k], scope, group, null, undefinedMacro[k] ? null : sums[k] / 3);
                }
                checked += check(v, "precision_micro", scope, group, null, ratio(sumTp, sumTp + sumFp));
                checked += check(v, "recall_micro", scope, group, null, ratio(sumTp, sumTp + sumFn));
                checked += check(v, "f1_micro", scope, group, null, ratio(2 * sumTp, 2 * sumTp + sumFp + sumFn));
                // Through the favorable class (the first): the binary selection rate and true positive rate, without a class.
                long favorable = 0;
                long tpF = m[0][0];
                long fnF = m[0][1] + m[0][2] + m[0][3];
                for (int l = 0; l < 5; l++) {
                    favorable += m[l][0];
                }
                checked += check(v, "selection_rate", scope, group, null, ratio(favorable, predicted));
                checked += check(v, "true_positive_rate", scope, group, null, ratio(tpF, tpF + fnF));
            }
            assertTrue(checked > 500, "checked " + checked);
            // X*r2 has no row: every value undefined, its matrix all zeros; X is single-class: class C right every time.
            assertNull(v.get(key("accuracy", "sex*race", "X*r2", null, null)).value());
            assertEquals(1.0, v.get(key("accuracy", "sex", "X", null, null)).value());
            assertTrue(v.get(key("recall_macro", "sex", "X", null, null)).undefined().contains("recall of class " + names.get(0) + ", "
                    + names.get(1)), v.get(key("recall_macro", "sex", "X", null, null)).undefined());
            // Every row of X is labeled with the third class: against the rest, it has no negatives.
            assertEquals("no rows labeled negative", v.get(key("false_positive_rate", "sex", "X", names.get(2), null)).undefined());
            assertNotNull(v.get(key("accuracy", null, null, null, null)).note(), "values outside the classes are noted");
        }
    }

    /** Compares one value with the reference (null: undefined, with a reason); 1 when checked. */
    private static int check(Map<String, MetricValue> v, String metric, String scope, String group, String c, Double expected) {
        MetricValue got = v.get(key(metric, scope, group, c, null));
        assertNotNull(got, key(metric, scope, group, c, null));
        if (expected == null) {
            assertNull(got.value(), got.toString());
            assertNotNull(got.undefined(), got.toString());
        } else {
            assertNotNull(got.value(), got.toString());
            assertEquals(expected, got.value(), 1e-9, got.toString());
        }
        return 1;
    }

    /**
     * The disparities over classes, by hand. Sex F: 10 rows, labels A A A A B B B B C C, predictions A A A B B B B B C A;
     * M: 10 rows, labels A A A A B B B B C C, predictions A B B B B B B A C C.
     * Selection rate per class: F A 4/10, B 5/10, C 1/10; M A 2/10, B 6/10, C 2/10: differences A 0.2, B 0.1, C 0.1, so
     * demographic_parity_difference is 0.2 (class A, the worst) and, as a mean, 0.4/3; the ratios A 0.5, B 5/6, C 0.5:
     * worst 0.5, mean (0.5 + 5/6 + 0.5)/3 = 11/18.
     * True positive rates: F A 3/4, B 4/4, C 1/2; M A 1/4, B 3/4, C 2/2: differences A 0.5, B 0.25, C 0.5.
     * False positive rates: F A 1/6 (a C predicted A), B 1/6 (an A predicted B), C 0; M A 1/6 (a B predicted A), B 3/6
     * (three As predicted B), C 0: differences A 0, B 1/3, C 0. Equalized odds (the worse of the two per class) A 0.5,
     * B 1/3, C 0.5: worst 0.5, mean (0.5 + 1/3 + 0.5)/3 = 4/9.
     */
    @Test
    void disparitiesOverClassesTakeTheWorstClassOrTheMean() throws Exception {
        String labels = "A A A A B B B B C C";
        String f = "A A A B B B B B C A";
        String m = "A B B B B B B A C C";
        StringBuilder csv = new StringBuilder("sex,race,y,p\n");
        String[] l = labels.split(" ");
        for (int i = 0; i < 10; i++) {
            csv.append("F,a,").append(l[i]).append(',').append(f.split(" ")[i]).append('\n');
            csv.append("M,a,").append(l[i]).append(',').append(m.split(" ")[i]).append('\n');
        }
        Map<String, MetricValue> worst = byKey(audit(csv.toString(), "[A, B, C]", "", List.of(everything(""))));
        Map<String, MetricValue> mean = byKey(audit(csv.toString(), "[A, B, C]", "",
                List.of(everything(", parameters: {classAggregation: mean}"))));
        assertEquals(0.2, worst.get(key("demographic_parity_difference", "sex", null, null, null)).value(), 1e-12);
        assertTrue(worst.get(key("demographic_parity_difference", "sex", null, null, null)).note().startsWith("worst of 3 classes: class A"));
        assertEquals(0.4 / 3, mean.get(key("demographic_parity_difference", "sex", null, null, null)).value(), 1e-12);
        assertEquals(0.5, worst.get(key("demographic_parity_ratio", "sex", null, null, null)).value(), 1e-12);
        assertEquals(11.0 / 18, mean.get(key("demographic_parity_ratio", "sex", null, null, null)).value(), 1e-12);
        assertEquals(0.5, worst.get(key("equal_opportunity_difference", "sex", null, null, null)).value(), 1e-12);
        assertEquals(0.5, worst.get(key("equalized_odds_difference", "sex", null, null, null)).value(), 1e-12);
        assertEquals(4.0 / 9, mean.get(key("equalized_odds_difference", "sex", null, null, null)).value(), 1e-12);
        assertEquals(20, worst.get(key("count", null, null, null, null)).value());
        // Labels per sex: A 4, B 4, C 2: the rarest class over the commonest, 2/4 (not the favorable classes against the rest).
        assertEquals(0.5, worst.get(key("label_balance", "sex", "F", null, null)).value(), 1e-12);
        assertEquals(10, worst.get(key("label_balance", "sex", "F", null, null)).n());
    }

    /**
     * The four-fifths pack through the favorable classes: favorable = grade A or B. Sex F: 40 rows, 20 predicted A or B
     * (rate 0.5); M: 60 rows, 45 predicted A or B (0.75, the reference): F's impact ratio 0.5/0.75 = 2/3 fails.
     */
    @Test
    void theFourFifthsPackJudgesTheFavorableClasses() throws Exception {
        StringBuilder csv = new StringBuilder("sex,race,y,p\n");
        for (int i = 0; i < 40; i++) {
            csv.append("F,a,C,").append(i < 12 ? "A" : i < 20 ? "B" : i < 30 ? "C" : "D").append('\n');
        }
        for (int i = 0; i < 60; i++) {
            csv.append("M,a,A,").append(i < 30 ? "A" : i < 45 ? "B" : "D").append('\n');
        }
        Policy fourFifths = PolicyParser.parse(PolicyCatalog.readBuiltIn("eeoc-four-fifths"));
        AuditEngine.Evaluation e = audit(csv.toString(), "[A, B, C, D]", "favorableClasses: [A, B]", List.of(fourFifths));
        Finding female = e.findings().stream().filter(x -> "F".equals(x.group())).findFirst().orElseThrow();
        assertEquals(2.0 / 3, female.value(), 1e-12);
        assertEquals(Outcome.FAIL, female.outcome());
        assertEquals("M", female.reference());
        assertNull(female.outcomeClass());
        // The companion selection rates: the favorable classes' rate, then one per class.
        Map<String, MetricValue> v = byKey(e);
        assertEquals(0.5, v.get(key("selection_rate", "sex", "F", null, null)).value(), 1e-12);
        assertEquals(0.3, v.get(key("selection_rate", "sex", "F", "A", null)).value(), 1e-12);
        assertEquals(0.25, v.get(key("selection_rate", "sex", "M", "D", null)).value(), 1e-12);
        assertTrue(e.metrics().stream().noneMatch(x -> Objects.equals(x.outcomeClass(), "E")));
    }

    /** A rule on a per-class metric judges every class: its findings carry the class. */
    @Test
    void findingsOfPerClassValuesCarryTheClass() throws Exception {
        String csv = "sex,race,y,p\nF,a,A,A\nF,a,B,A\nM,a,A,B\nM,a,B,B\n";
        Policy pack = PolicyParser.parse("""
                id: per-class
                version: 1.0.0
                title: per class
                rules:
                  - {id: tpr, metric: true_positive_rate, scope: protected, threshold: {comparator: ">=", value: 0.5}, severity: block, minimumGroupSize: 1}
                """);
        AuditEngine.Evaluation e = audit(csv, "[A, B]", "", List.of(pack));
        Finding fa = e.findings().stream().filter(x -> "F".equals(x.group()) && "A".equals(x.outcomeClass())).findFirst().orElseThrow();
        assertEquals(1.0, fa.value());
        Finding ma = e.findings().stream().filter(x -> "M".equals(x.group()) && "A".equals(x.outcomeClass())).findFirst().orElseThrow();
        assertEquals(0.0, ma.value());
        assertEquals(Outcome.FAIL, ma.outcome());
        assertTrue(e.findings().stream().anyMatch(x -> x.outcomeClass() == null && x.outcome() == Outcome.UNDEFINED));
    }

    /** Control columns slice the binary counts only: on a multiclass model a rule with controls is undefined, and says why. */
    @Test
    void controlsOnAMulticlassModelAreUndefinedWithTheReason() throws Exception {
        String csv = "sex,race,y,p\nF,a,A,A\nF,b,B,A\nM,a,A,B\nM,b,B,B\n";
        Policy pack = PolicyParser.parse("""
                id: within
                version: 1.0.0
                title: within race
                rules:
                  - {id: ir, metric: impact_ratio, scope: [sex], controls: [race], threshold: {comparator: ">=", value: 0.8},
                     severity: block, minimumGroupSize: 1}
                """);
        AuditEngine.Evaluation e = audit(csv, "[A, B]", "favorableClasses: [A]", List.of(pack));
        assertEquals(1, e.findings().size(), e.findings().toString());
        Finding f = e.findings().get(0);
        assertEquals(Outcome.UNDEFINED, f.outcome());
        assertTrue(f.reason().contains("not supported for a multiclass model"), f.reason());
    }
}
