package dev.assay.audit;

import dev.assay.metric.MetricParameters;
import dev.assay.metric.MetricValue;
import dev.assay.registry.ModelCard;
import dev.assay.registry.ModelCardParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Exports as pandas and Excel write them, taken through the real ingest path and the engine: the
 * values a reader computes by hand from the rows, not the ones the file's typing would suggest.
 */
class RealWorldFilesTest {

    @TempDir
    Path dir;

    private static MetricValue value(AuditEngine.Evaluation o, String metric, String scope, String group) {
        return o.metrics().stream().filter(m -> m.metric().equals(metric) && java.util.Objects.equals(m.scope(), "overall".equals(scope) ? null : scope)
                && java.util.Objects.equals(m.group(), group)).findFirst().orElseThrow(() -> new AssertionError(metric + " " + group));
    }

    private AuditEngine.Evaluation audit(String card, String csv, List<String> metrics) throws Exception {
        IngestedCsv data = IngestedCsv.of(dir, csv);
        ModelCard parsed = ModelCardParser.parseYaml(card, "m", "1");
        return new AuditEngine(data.duckDb(), MetricParameters.DEFAULTS).run(parsed, data.types(), data.parquet(), List.of(), metrics);
    }

    private static final String CARD = """
            model: m
            version: "1"
            owner: o@example.com
            task: binary-classification
            positiveLabel: 1
            favorableOutcome: 1
            columns:
              label: y
              prediction: p
              protected: [g]
            """;

    /**
     * 40 rows of which 4 have the label NaN (all predicted 1, group A). Over the 36 labelled rows:
     * TP 5, FN 9, FP 8, TN 14, so FPR 8/22, accuracy 19/36, base rate 14/36. Counting the NaN labels as
     * labelled negatives would give FPR 12/26.
     */
    @Test
    void nanLabelsAreMissingNotNegatives() throws Exception {
        StringBuilder csv = new StringBuilder("g,y,p\n");
        rows(csv, "A", "1", "1", 3);
        rows(csv, "B", "1", "1", 2);
        rows(csv, "A", "1", "0", 4);
        rows(csv, "B", "1", "0", 5);
        rows(csv, "A", "0", "1", 4);
        rows(csv, "B", "0", "1", 4);
        rows(csv, "A", "0", "0", 7);
        rows(csv, "B", "0", "0", 7);
        rows(csv, "A", "NaN", "1", 4);
        AuditEngine.Evaluation o = audit(CARD, csv.toString(), List.of("false_positive_rate", "accuracy", "base_rate", "selection_rate"));

        assertEquals(8.0 / 22, value(o, "false_positive_rate", "overall", null).value(), 1e-12);
        assertEquals(19.0 / 36, value(o, "accuracy", "overall", null).value(), 1e-12);
        assertEquals(14.0 / 36, value(o, "base_rate", "overall", null).value(), 1e-12);
        assertEquals(0.3636363636363636, 8.0 / 22, 1e-15);
        // Group A: TP 3, FN 4, FP 4, TN 7 labelled; 4 more rows predicted 1 with no label.
        assertEquals(4.0 / 11, value(o, "false_positive_rate", "g", "A").value(), 1e-12);
        // A selection rate needs no label: every row with a prediction counts, the 4 unlabelled too.
        assertEquals(11.0 / 22, value(o, "selection_rate", "g", "A").value(), 1e-12);
    }

    /** A protected attribute written NaN (a pandas float column) forms no group: it is counted as unknown. */
    @Test
    void missingProtectedAttributesFormNoGroupWhateverTheirType() throws Exception {
        String csv = "g,h,y,p\n1.0,a,1,1\n1.0,NaN,0,1\n2.0,b,1,0\nNaN,a,0,0\nnan,a,1,1\n";
        String card = CARD.replace("protected: [g]", "protected: [g, h]");
        AuditEngine.Evaluation o = audit(card, csv, List.of("count", "unknown_count"));
        // 1.0 is group 1: the file typed it as a float only because of the NaN in the column.
        assertEquals(2, value(o, "count", "g", "1").value(), 0);
        assertEquals(1, value(o, "count", "g", "2").value(), 0);
        assertEquals(2, value(o, "unknown_count", "g", null).value(), 0);
        // A text column: "NaN" is missing there too, not a group named NaN.
        assertEquals(1, value(o, "unknown_count", "h", null).value(), 0);
        assertTrue(o.metrics().stream().noneMatch(m -> "NaN".equalsIgnoreCase(String.valueOf(m.group()))
                || "nan".equals(String.valueOf(m.group()))));
    }

    /** A score written NaN or inf is left out of every score metric: the mean is over the finite ones. */
    @Test
    void nonFiniteScoresAreLeftOut() throws Exception {
        String card = CARD.replace("  protected: [g]", "  score: s\n  protected: [g]");
        String csv = "g,y,p,s\nA,1,1,0.9\nA,0,0,NaN\nA,1,0,inf\nB,0,1,-Infinity\nB,1,1,0.5\nB,0,0,0.1\n";
        AuditEngine.Evaluation o = audit(card, csv, List.of("mean_score", "roc_auc"));
        assertEquals(0.9, value(o, "mean_score", "g", "A").value(), 1e-12);
        assertEquals(0.3, value(o, "mean_score", "g", "B").value(), 1e-12);
        assertEquals(0.5, value(o, "mean_score", "overall", null).value(), 1e-12);
        // Scored and labelled: (0.9, 1), (0.5, 1), (0.1, 0): every positive above the negative.
        assertEquals(1.0, value(o, "roc_auc", "overall", null).value(), 1e-12);
    }

    /**
     * The card says {@code true}; the columns hold 0 and 1 (and the other way round): one meaning.
     * Selection rate 2/4 and TPR 1/2 in both.
     */
    @Test
    void cardValuesAreComparedByMeaning() throws Exception {
        String booleanCard = CARD.replace("positiveLabel: 1", "positiveLabel: true").replace("favorableOutcome: 1", "favorableOutcome: true");
        String numbers = "g,y,p\nA,1,1\nA,1,0\nA,0,1\nA,0,0\n";
        AuditEngine.Evaluation o = audit(booleanCard, numbers, List.of("selection_rate", "true_positive_rate"));
        assertEquals(0.5, value(o, "selection_rate", "overall", null).value(), 1e-12);
        assertEquals(0.5, value(o, "true_positive_rate", "overall", null).value(), 1e-12);

        String textCard = CARD.replace("positiveLabel: 1", "positiveLabel: \"1.0\"");
        String booleans = "g,y,p\nA,true,1.0\nA,true,0.0\nA,false,1.0\nA,false,0.0\n";
        AuditEngine.Evaluation b = audit(textCard, booleans, List.of("selection_rate", "true_positive_rate"));
        assertEquals(0.5, value(b, "selection_rate", "overall", null).value(), 1e-12);
        assertEquals(0.5, value(b, "true_positive_rate", "overall", null).value(), 1e-12);
    }

    /** A column of non-finite values only: nothing to compute, every value undefined with its reason, never 0. */
    @Test
    void anAllNonFiniteScoreIsUndefined() throws Exception {
        String card = CARD.replace("  protected: [g]", "  score: s\n  protected: [g]");
        String csv = "g,y,p,s\nA,1,1,NaN\nA,0,0,inf\nB,0,1,nan\n";
        AuditEngine.Evaluation o = audit(card, csv, List.of("mean_score"));
        MetricValue mean = value(o, "mean_score", "overall", null);
        assertNull(mean.value());
        assertTrue(mean.undefined() != null && !mean.undefined().isBlank(), mean.toString());
    }

    /**
     * An audit reads only the columns its metrics need: a score column the file holds as text (as
     * stored before scores were typed at upload) does not stop an audit that needs no score.
     */
    @Test
    void anAuditReadsNoColumnItsMetricsDoNotNeed() throws Exception {
        String card = CARD.replace("  protected: [g]", "  score: s\n  protected: [g]");
        String csv = "g,y,p,s\nA,1,1,high\nA,0,0,low\nB,1,1,high\nB,0,1,low\n";
        AuditEngine.Evaluation o = audit(card, csv, List.of("selection_rate", "accuracy"));
        assertEquals(0.5, value(o, "selection_rate", "g", "A").value(), 1e-12);
        assertEquals(1.0, value(o, "selection_rate", "g", "B").value(), 1e-12);
        assertEquals(0.75, value(o, "accuracy", "overall", null).value(), 1e-12);
    }

    /**
     * The same categories typed differently in two files (integers against floats written by pandas
     * because of a NaN, booleans against 0/1, numeric text against numbers) are the same categories:
     * no drift at all between these two files.
     */
    @Test
    void categoriesTypedDifferentlyInTwoFilesAreTheSame() throws Exception {
        StringBuilder evaluation = new StringBuilder("g,y,p,code,flag,level\n");
        StringBuilder baseline = new StringBuilder("g,y,p,code,flag,level\n");
        for (int i = 0; i < 40; i++) {
            evaluation.append(i % 2 == 0 ? "A" : "B").append(',').append(i % 3 == 0 ? 1 : 0).append(',').append(i % 2).append(',')
                    .append(i % 4).append(',').append(i % 5 == 0 ? "true" : "false").append(',').append(i % 3).append('\n');
            baseline.append(i % 2 == 0 ? "A" : "B").append(',').append(i % 3 == 0 ? "1.0" : "0.0").append(',').append(i % 2).append(',')
                    .append(i % 4).append(".0,").append(i % 5 == 0 ? 1 : 0).append(',').append('"').append(i % 3).append(" \"\n");
        }
        baseline.append("A,NaN,1,NaN,,x\n");
        IngestedCsv e = IngestedCsv.of(dir, evaluation.toString());
        IngestedCsv b = IngestedCsv.of(dir, baseline.toString());
        assertEquals("BOOLEAN", e.types().get("flag"));
        assertEquals("DOUBLE", b.types().get("y"));
        ModelCard card = ModelCardParser.parseYaml(CARD, "m", "1");
        AuditEngine.Evaluation o = new AuditEngine(e.duckDb(), MetricParameters.DEFAULTS)
                .run(card, e.types(), e.parquet(), b.parquet(), b.types(), List.of(), List.of("population_stability_index", "chi_square"));
        for (String column : List.of("y", "code", "flag")) {
            MetricValue psi = o.metrics().stream().filter(m -> m.metric().equals("population_stability_index") && column.equals(m.scope())).findFirst().orElseThrow();
            assertEquals(0.0, psi.value(), 1e-12, column);
        }
    }

    private static void rows(StringBuilder csv, String g, String y, String p, int n) {
        for (int i = 0; i < n; i++) {
            csv.append(g).append(',').append(y).append(',').append(p).append('\n');
        }
    }
}
