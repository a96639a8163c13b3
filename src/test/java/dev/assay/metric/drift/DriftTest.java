package dev.assay.metric.drift;

import dev.assay.metric.engine.DuckDbEngine;
import dev.assay.infrastructure.DuckDb;
import dev.assay.metric.MetricValue;
import dev.assay.metric.Tables;
import org.apache.commons.math3.stat.inference.KolmogorovSmirnovTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Drift against textbook values and independent implementations, and on known shifts. */
class DriftTest {

    @TempDir
    Path dir;

    @Test
    void psiAndJensenShannonByHand() {
        // a = (0.5, 0.5), e = (0.25, 0.75): 0.25 ln 2 - 0.25 ln(2/3) = 0.2746530721670274
        assertEquals(0.25 * Math.log(2) - 0.25 * Math.log(2.0 / 3), DriftPlan.psi(new long[] {50, 50}, new long[] {25, 75}), 1e-12);
        assertEquals(0.274653, DriftPlan.psi(new long[] {50, 50}, new long[] {25, 75}), 1e-6);
        assertEquals(0.0, DriftPlan.psi(new long[] {10, 20}, new long[] {10, 20}), 0);
        // JS distance of (0.5, 0.5) and (0.25, 0.75), natural log: sqrt(0.0338222...) = 0.18390...
        double m1 = 0.375;
        double m2 = 0.625;
        double jsd = 0.5 * (0.5 * Math.log(0.5 / m1) + 0.5 * Math.log(0.5 / m2)) + 0.5 * (0.25 * Math.log(0.25 / m1) + 0.75 * Math.log(0.75 / m2));
        assertEquals(Math.sqrt(jsd), DriftMetrics.jensenShannon(new long[] {50, 50}, new long[] {25, 75}), 1e-12);
        assertEquals(0.18391, DriftMetrics.jensenShannon(new long[] {50, 50}, new long[] {25, 75}), 1e-5);
    }

    private Map<String, DriftState> compare(double[] eval, double[] base, String[] evalCat, String[] baseCat) throws Exception {
        StringBuilder e = new StringBuilder("x,c\n");
        for (int i = 0; i < eval.length; i++) {
            e.append(eval[i]).append(',').append(evalCat[i]).append('\n');
        }
        StringBuilder b = new StringBuilder("x,c\n");
        for (int i = 0; i < base.length; i++) {
            b.append(base[i]).append(',').append(baseCat[i]).append('\n');
        }
        String columns = "{'x': 'DOUBLE', 'c': 'VARCHAR'}";
        Path ep = Tables.toParquet(dir, e.toString(), columns);
        Path bp = Tables.toParquet(dir, b.toString(), columns);
        try (DuckDbEngine c = DuckDbEngine.open(DuckDb.withDefaults(dir))) {
            return DriftPlan.compare(c, c.table(ep), c.table(bp), List.of("x", "c"), Map.of("x", "DOUBLE", "c", "VARCHAR"), Map.of("x", "DOUBLE", "c", "VARCHAR"));
        }
    }

    private static double[] normal(Random r, int n, double mean) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = Math.round((mean + r.nextGaussian()) * 1000) / 1000.0;
        }
        return v;
    }

    private static String[] mix(Random r, int n, double a, double b) {
        String[] v = new String[n];
        for (int i = 0; i < n; i++) {
            double u = r.nextDouble();
            v[i] = u < a ? "A" : u < a + b ? "B" : "C";
        }
        return v;
    }

    /** W1 of two samples, brute force: the integral of |F - G| between consecutive values. */
    private static double wasserstein(double[] a, double[] b) {
        double[] all = new double[a.length + b.length];
        System.arraycopy(a, 0, all, 0, a.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        double[] xs = Arrays.stream(all).distinct().sorted().toArray();
        double[] sa = a.clone();
        double[] sb = b.clone();
        Arrays.sort(sa);
        Arrays.sort(sb);
        double w = 0;
        int ia = 0;
        int ib = 0;
        for (int i = 0; i < xs.length - 1; i++) {
            while (ia < sa.length && sa[ia] <= xs[i]) {
                ia++;
            }
            while (ib < sb.length && sb[ib] <= xs[i]) {
                ib++;
            }
            w += Math.abs((double) ia / sa.length - (double) ib / sb.length) * (xs[i + 1] - xs[i]);
        }
        return w;
    }

    /** 800 baseline values from N(0, 1) and 800 from N(0.5, 1); a mix of A, B, C moved from (0.5, 0.3) to (0.3, 0.3). */
    private record Samples(double[] base, double[] shifted, String[] baseMix, String[] newMix) {

        static Samples drawn(long seed) {
            Random r = new Random(seed);
            return new Samples(normal(r, 800, 0), normal(r, 800, 0.5), mix(r, 800, 0.5, 0.3), mix(r, 800, 0.3, 0.3));
        }
    }

    @Test
    void aShiftedNormalAndAChangedMixAreDetectedAnIdenticalCopyIsNot() throws Exception {
        Samples samples = Samples.drawn(11);
        double[] base = samples.base();
        double[] shifted = samples.shifted();
        String[] baseMix = samples.baseMix();
        String[] newMix = samples.newMix();
        Map<String, DriftState> drift = compare(shifted, base, newMix, baseMix);
        DriftState x = drift.get("x");
        assertEquals(new KolmogorovSmirnovTest().kolmogorovSmirnovStatistic(shifted, base), x.ks(), 1e-12);
        double std = Math.sqrt(Arrays.stream(base).map(v -> v * v).average().orElseThrow()
                - Math.pow(Arrays.stream(base).average().orElseThrow(), 2));
        assertEquals(wasserstein(shifted, base) / std, x.wasserstein(), 1e-9);
        var detections = DriftMetrics.detections(drift);
        assertTrue(detections.get("x").drifted(), detections.toString());
        assertEquals("two-sample Kolmogorov-Smirnov", detections.get("x").test());
        assertTrue(detections.get("c").drifted(), detections.toString());
        assertEquals("chi-square", detections.get("c").test());
        assertEquals(1.0, DriftMetrics.share(drift).value(), 0);
        assertTrue(x.psi() > 0.1, "PSI " + x.psi());

        Map<String, DriftState> same = compare(base, base, baseMix, baseMix);
        assertEquals(0.0, same.get("x").ks(), 0);
        assertEquals(0.0, same.get("x").psi(), 1e-12);
        assertEquals(0.0, same.get("x").wasserstein(), 1e-12);
        assertEquals(0.0, DriftMetrics.share(same).value(), 0);
    }

    /** A test chosen per column replaces the default; one that does not suit the column falls back, and says so. */
    @Test
    void aChosenTestPerColumnAndTheRoleDriftMetrics() throws Exception {
        Samples samples = Samples.drawn(12);
        Map<String, DriftState> drift = new java.util.LinkedHashMap<>(compare(samples.shifted(), samples.base(),
                samples.newMix(), samples.baseMix()));
        drift.computeIfPresent("x", (k, s) -> s.withTest("psi"));
        drift.computeIfPresent("c", (k, s) -> s.withTest("ks"));
        var detections = DriftMetrics.detections(drift);
        DriftMetrics.Detection x = detections.get("x");
        assertEquals("population stability index", x.test());
        assertEquals(drift.get("x").psi(), x.statistic(), 0);
        assertEquals(drift.get("x").psi() >= 0.1, x.drifted());
        DriftMetrics.Detection c = detections.get("c");
        assertEquals("chi-square (ks does not suit a categorical column)", c.test());
        assertTrue(c.drifted());

        // The card's prediction is column c: its decision is reported apart, with the column named.
        MetricValue prediction = DriftMetrics.role("prediction_drift", "c", drift);
        assertEquals(1.0, prediction.value(), 0);
        assertTrue(prediction.note().startsWith("column 'c': chi-square"), prediction.note());
        assertEquals(c.adjustedP(), prediction.adjustedP(), 0);
        assertEquals("the model card names no score column", DriftMetrics.role("score_drift", null, drift).undefined());
        assertTrue(DriftMetrics.role("label_drift", "y", drift).undefined().contains("baseline"));
    }

    /** A column with no value on one side cannot be compared: every drift id says so, none reports a number. */
    @Test
    void aColumnWithNoValueOnOneSideIsUndefinedNotZero() throws Exception {
        String columns = "{'x': 'DOUBLE', 'c': 'VARCHAR'}";
        StringBuilder e = new StringBuilder("x,c\n");
        StringBuilder b = new StringBuilder("x,c\n");
        for (int i = 0; i < 50; i++) {
            e.append(",").append("AB".charAt(i % 2)).append('\n');
            b.append(i * 0.5).append(',').append("AB".charAt(i % 3 == 0 ? 0 : 1)).append('\n');
        }
        Map<String, DriftState> drift;
        try (DuckDbEngine c = DuckDbEngine.open(DuckDb.withDefaults(dir))) {
            drift = DriftPlan.compare(c, c.table(Tables.toParquet(dir, e.toString(), columns)), c.table(Tables.toParquet(dir, b.toString(), columns)),
                    List.of("x", "c"), Map.of("x", "DOUBLE", "c", "VARCHAR"), Map.of("x", "DOUBLE", "c", "VARCHAR"));
        }
        for (String id : List.of(DriftMetrics.PSI, DriftMetrics.KS, DriftMetrics.WASSERSTEIN, DriftMetrics.DRIFT_DETECTED)) {
            MetricValue v = DriftMetrics.column(id, "x", drift.get("x"), drift);
            assertEquals(null, v.value(), id);
            assertEquals("the evaluation dataset has no value in this column", v.undefined(), id);
        }
        MetricValue share = DriftMetrics.share(drift);
        assertEquals(1, share.n(), "only c is compared");
    }
}
