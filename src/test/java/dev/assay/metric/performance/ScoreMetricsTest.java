package dev.assay.metric.performance;

import dev.assay.metric.engine.DuckDbEngine;
import dev.assay.infrastructure.DuckDb;
import dev.assay.metric.counts.Aggregates;
import dev.assay.metric.engine.MetricCatalogue;
import dev.assay.metric.MetricParameters;
import dev.assay.metric.MetricValue;
import dev.assay.metric.OutcomeColumns;
import dev.assay.metric.Scope;
import dev.assay.metric.counts.AggregationPlan;
import jakarta.json.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Score metrics against scikit-learn's documented examples and against brute force on random data. */
class ScoreMetricsTest {

    @TempDir
    Path dir;

    private Aggregates aggregate(String[] group, int[] y, double[] score) throws Exception {
        StringBuilder csv = new StringBuilder("a,y,s\n");
        for (int i = 0; i < y.length; i++) {
            csv.append(group[i]).append(',').append(y[i]).append(',').append(Double.isNaN(score[i]) ? "" : Double.toString(score[i])).append('\n');
        }
        Path out = dev.assay.metric.Tables.toParquet(dir, csv.toString(), "{'a': 'VARCHAR', 'y': 'INTEGER', 's': 'DOUBLE'}");
        DuckDb duckDb = DuckDb.withDefaults(dir);
        OutcomeColumns outcomes = new OutcomeColumns("y", Optional.of(Json.createValue(1)), Optional.of("y"), Optional.of(Json.createValue(1)),
                List.of(Json.createValue(1)), Optional.of("s"), Map.of("a", "VARCHAR", "y", "INTEGER", "s", "DOUBLE"));
        List<Scope> scopes = List.of(Scope.of("a"));
        try (DuckDbEngine c = DuckDbEngine.open(duckDb)) {
            return new AggregationPlan(scopes, outcomes, false, true, AggregationPlan.median(c, c.table(out), "s")).execute(c, c.table(out))
                    .with(PerformanceFamily.RANKS, new RankPlan(scopes, outcomes).ranks(c, c.table(out)));
        }
    }

    private static List<MetricValue> compute(String id, Aggregates a, Scope scope) {
        return MetricCatalogue.find(id).orElseThrow().computation().compute(scope, a, MetricParameters.DEFAULTS);
    }

    private static MetricValue overall(String id, Aggregates a) {
        return compute(id, a, Scope.OVERALL).get(0);
    }

    @Test
    void scikitLearnDocumentedExamples() throws Exception {
        // roc_auc_score([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8]) == 0.75
        Aggregates auc = aggregate(new String[] {"x", "x", "x", "x"}, new int[] {0, 0, 1, 1}, new double[] {0.1, 0.4, 0.35, 0.8});
        assertEquals(0.75, overall("roc_auc", auc).value(), 1e-12);
        // brier_score_loss([0, 1, 1, 0], [0.1, 0.9, 0.8, 0.3]) == 0.0375
        Aggregates brier = aggregate(new String[] {"x", "x", "x", "x"}, new int[] {0, 1, 1, 0}, new double[] {0.1, 0.9, 0.8, 0.3});
        assertEquals(0.0375, overall("brier_score", brier).value(), 1e-12);
        // log_loss(["spam", "ham", "ham", "spam"], [[.1, .9], [.9, .1], [.8, .2], [.35, .65]]) == 0.21616...
        Aggregates loss = aggregate(new String[] {"x", "x", "x", "x"}, new int[] {1, 0, 0, 1}, new double[] {0.9, 0.1, 0.2, 0.65});
        assertEquals(-(Math.log(0.9) + Math.log(0.9) + Math.log(0.8) + Math.log(0.65)) / 4, overall("log_loss", loss).value(), 1e-12);
        assertEquals(0.21616, overall("log_loss", loss).value(), 5e-6);
    }

    @Test
    void everyScoreMetricAgainstBruteForce() throws Exception {
        Random r = new Random(5);
        int n = 600;
        String[] g = new String[n];
        int[] y = new int[n];
        double[] s = new double[n];
        for (int i = 0; i < n; i++) {
            g[i] = r.nextBoolean() ? "F" : "M";
            y[i] = r.nextDouble() < 0.4 ? 1 : 0;
            s[i] = i % 50 == 0 ? Double.NaN : Math.round(Math.min(1, Math.max(0, 0.3 + 0.3 * y[i] + 0.25 * r.nextGaussian())) * 100) / 100.0;
        }
        Aggregates a = aggregate(g, y, s);
        for (String group : new String[] {"F", "M"}) {
            double brier = 0;
            double loss = 0;
            long m = 0;
            long pos = 0;
            long neg = 0;
            double u = 0;
            long[] binN = new long[10];
            double[] binS = new double[10];
            long[] binP = new long[10];
            for (int i = 0; i < n; i++) {
                if (!g[i].equals(group) || Double.isNaN(s[i])) {
                    continue;
                }
                m++;
                brier += (s[i] - y[i]) * (s[i] - y[i]);
                double p = Math.min(1 - 1e-15, Math.max(1e-15, s[i]));
                loss += y[i] == 1 ? -Math.log(p) : -Math.log(1 - p);
                int b = (int) Math.min(9, Math.floor(s[i] * 10));
                binN[b]++;
                binS[b] += s[i];
                binP[b] += y[i];
                if (y[i] == 1) {
                    pos++;
                    for (int j = 0; j < n; j++) {
                        if (g[j].equals(group) && !Double.isNaN(s[j]) && y[j] == 0) {
                            u += s[i] > s[j] ? 1 : s[i] == s[j] ? 0.5 : 0;
                        }
                    }
                } else {
                    neg++;
                }
            }
            double ece = 0;
            for (int b = 0; b < 10; b++) {
                if (binN[b] > 0) {
                    ece += Math.abs((double) binP[b] / binN[b] - binS[b] / binN[b]) * binN[b] / m;
                }
            }
            Scope scope = Scope.of("a");
            assertEquals(brier / m, one("brier_score", a, scope, group).value(), 1e-12);
            assertEquals(loss / m, one("log_loss", a, scope, group).value(), 1e-12);
            assertEquals(u / (pos * neg), one("roc_auc", a, scope, group).value(), 1e-12);
            assertEquals(ece, one("expected_calibration_error", a, scope, group).value(), 1e-12);
            MetricValue third = compute("calibration", a, scope).stream()
                    .filter(v -> group.equals(v.group()) && "score in [0.3, 0.4)".equals(v.at())).findFirst().orElseThrow();
            assertEquals((double) binP[3] / binN[3], third.value(), 1e-12);
            long selected = 0;
            long truePositives = 0;
            for (int i = 0; i < n; i++) {
                if (g[i].equals(group) && !Double.isNaN(s[i]) && s[i] >= 0.5) {
                    selected++;
                    truePositives += y[i];
                }
            }
            MetricValue sel = compute("selection_rate_at_threshold", a, scope).stream()
                    .filter(v -> group.equals(v.group()) && "score >= 0.5".equals(v.at())).findFirst().orElseThrow();
            assertEquals((double) selected / m, sel.value(), 1e-12);
            MetricValue tpr = compute("true_positive_rate_at_threshold", a, scope).stream()
                    .filter(v -> group.equals(v.group()) && "score >= 0.5".equals(v.at())).findFirst().orElseThrow();
            assertEquals((double) truePositives / pos, tpr.value(), 1e-12);
        }
    }

    private static MetricValue one(String id, Aggregates a, Scope scope, String group) {
        return compute(id, a, scope).stream().filter(v -> group.equals(v.group())).findFirst().orElseThrow();
    }

    @Test
    void aucNeedsBothClasses() throws Exception {
        Aggregates a = aggregate(new String[] {"x", "x"}, new int[] {1, 1}, new double[] {0.2, 0.9});
        MetricValue v = overall("roc_auc", a);
        assertNull(v.value());
        assertTrue(v.undefined().contains("both positive and negative"));
        assertEquals(String.format(Locale.ROOT, "%s", "needs a score column and a label in the model card"),
                compute("roc_auc", new Aggregates(Map.of()), Scope.of("a")).get(0).undefined());
    }
}
