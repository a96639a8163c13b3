package dev.assay.metric.fairness;

import dev.assay.audit.AuditEngine;
import dev.assay.infrastructure.DuckDb;
import dev.assay.it.SharedData;
import dev.assay.metric.MetricParameters;
import dev.assay.metric.MetricValue;
import dev.assay.metric.Tables;
import dev.assay.registry.ModelCardParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * ProPublica, "Machine Bias" (2016): on all 7,214 rows of compas-scores-two-years.csv, with high risk
 * = decile_score >= 5 (score_text Medium or High) and the outcome two_year_recid, Black defendants'
 * false positive rate is 44.85% against 23.45% for white defendants, and their false negative rate
 * 27.99% against 47.72%. Counts: African-American TP 1369, FP 805, FN 532, TN 990; Caucasian TP 505,
 * FP 349, FN 461, TN 1139.
 */
class CompasProPublicaTest {

    @TempDir
    Path dir;

    private static final String CARD = """
            model: compas
            version: "2016"
            owner: test@example.com
            task: binary-classification
            positiveLabel: 1
            positivePrediction: [Medium, High]
            favorableOutcome: Low
            columns:
              label: two_year_recid
              prediction: score_text
              protected: [race]
            """;

    @Test
    void falsePositiveAndFalseNegativeRatesByRace() throws Exception {
        Path file = SharedData.require("compas/compas-scores-two-years.csv");
        DuckDb duckDb = DuckDb.withDefaults(dir);
        Tables.Ingested stored = Tables.ingest(duckDb, file, ',', dir.resolve("compas.parquet"));
        Path parquet = stored.parquet();
        Map<String, String> types = stored.types();

        AuditEngine.Evaluation o = new AuditEngine(duckDb, MetricParameters.DEFAULTS).run(
                ModelCardParser.parseYaml(CARD, "compas", "2016"), types, parquet, List.of(),
                List.of("false_positive_rate", "false_negative_rate", "false_positive_rate_difference",
                        "statistical_parity_difference"));

        assertEquals(805.0 / (805 + 990), value(o, "false_positive_rate", "African-American").value(), 1e-12);
        assertEquals(349.0 / (349 + 1139), value(o, "false_positive_rate", "Caucasian").value(), 1e-12);
        assertEquals(532.0 / (532 + 1369), value(o, "false_negative_rate", "African-American").value(), 1e-12);
        assertEquals(461.0 / (461 + 505), value(o, "false_negative_rate", "Caucasian").value(), 1e-12);
        assertEquals(0.4485, value(o, "false_positive_rate", "African-American").value(), 5e-5);
        assertEquals(0.2345, value(o, "false_positive_rate", "Caucasian").value(), 5e-5);
        assertEquals(1795, value(o, "false_positive_rate", "African-American").n());

        // And the disparity is significant: the chi-square test across races, adjusted with the run's others.
        MetricValue difference = o.metrics().stream().filter(m -> m.metric().equals("false_positive_rate_difference"))
                .findFirst().orElseThrow();
        assertTrue(difference.test().pValue() < 1e-20, difference.test().toString());
        assertTrue(difference.adjustedP() < 1e-20);
        // Low risk (favorable) is far rarer for Black defendants than for the reference group, significantly.
        MetricValue spd = value(o, "statistical_parity_difference", "African-American");
        assertTrue(spd.value() < -0.2, spd.toString());
        assertTrue(spd.adjustedP() < 1e-10, spd.toString());
    }

    private static MetricValue value(AuditEngine.Evaluation o, String metric, String group) {
        return o.metrics().stream().filter(m -> m.metric().equals(metric) && group.equals(m.group()))
                .findFirst().orElseThrow(() -> new AssertionError(metric + " " + group));
    }
}
