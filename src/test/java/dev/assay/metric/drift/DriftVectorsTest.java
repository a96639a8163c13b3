package dev.assay.metric.drift;

import dev.assay.metric.engine.DuckDbEngine;
import dev.assay.infrastructure.DuckDb;
import dev.assay.metric.MetricValue;
import dev.assay.metric.Tables;
import dev.assay.stats.Vectors;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static dev.assay.stats.Vectors.cases;
import static dev.assay.stats.Vectors.close;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Drift statistics against SciPy 1.17 (src/test/resources/vectors/scipy.json, made by scipy_vectors.py), to
 * 1e-9 (absolute up to magnitude 1, relative above): the KS statistic and its p-value through the scan,
 * the normalized Wasserstein distance, the PSI (numpy, Evidently's formula over the baseline's deciles),
 * the Jensen-Shannon distance and the two-sample chi-square, on ties and zero cells.
 *
 * <p>The chi-square is the test of the 2 x k contingency table (SciPy's chi2_contingency without Yates's
 * correction), not Evidently's goodness of fit of the evaluation counts against the baseline's scaled as
 * if they were exact (scipy.stats.chisquare): both samples vary, and the goodness of fit is infinite as soon
 * as a category is missing from the baseline. The README says so.
 */
class DriftVectorsTest {

    private static final JsonObject SCIPY = Vectors.load("scipy.json");

    @TempDir
    Path dir;

    private DriftState numeric(double[] evaluation, double[] baseline) throws Exception {
        String e = "x\n" + String.join("\n", Arrays.stream(evaluation).mapToObj(Double::toString).toList()) + "\n";
        String b = "x\n" + String.join("\n", Arrays.stream(baseline).mapToObj(Double::toString).toList()) + "\n";
        Path ep = Tables.toParquet(dir, e, "{'x': 'DOUBLE'}");
        Path bp = Tables.toParquet(dir, b, "{'x': 'DOUBLE'}");
        try (DuckDbEngine c = DuckDbEngine.open(DuckDb.withDefaults(dir))) {
            return DriftPlan.compare(c, c.table(ep), c.table(bp), List.of("x"), Map.of("x", "DOUBLE"), Map.of("x", "DOUBLE")).get("x");
        }
    }

    @Test
    void numericDriftAsScipy() throws Exception {
        int compared = 0;
        for (JsonObject c : cases(SCIPY, "numeric_drift")) {
            double[] evaluation = Vectors.doubles(c.getJsonArray("evaluation"));
            double[] baseline = Vectors.doubles(c.getJsonArray("baseline"));
            DriftState d = numeric(evaluation, baseline);
            String name = c.getString("name");
            if (Arrays.stream(baseline).distinct().count() <= DriftPlan.CATEGORICAL_MAX_DISTINCT) {
                assertTrue(!d.numeric(), name + ": few distinct values are compared as categories");
                continue;
            }
            compared++;
            JsonObject ks = cases(SCIPY, "ks_2samp").stream().filter(k -> k.getString("name").equals(name)).findFirst().orElseThrow();
            close(ks.getJsonObject("auto").getJsonNumber("statistic").doubleValue(), d.ks(), name + " D");
            MetricValue v = DriftMetrics.column(DriftMetrics.KS, "x", d, Map.of("x", d));
            close(ks.getJsonObject("auto").getJsonNumber("p").doubleValue(), v.test().pValue(), name + " KS p");
            close(c.getJsonNumber("wasserstein_normalized").doubleValue(), d.wasserstein(), name + " Wasserstein");
            close(c.getJsonNumber("psi").doubleValue(), d.psi(), name + " PSI");
        }
        assertTrue(compared >= 3, "numeric cases compared: " + compared);
    }

    @Test
    void jensenShannonAsScipy() {
        for (JsonObject c : cases(SCIPY, "jensen_shannon")) {
            close(c.getJsonNumber("distance").doubleValue(), DriftMetrics.jensenShannon(Vectors.longs(c.getJsonArray("evaluation")),
                    Vectors.longs(c.getJsonArray("baseline"))), c.toString());
        }
    }

    @Test
    void twoSampleChiSquareAsScipysContingencyTest() {
        for (JsonObject c : cases(SCIPY, "chi_square_two_sample")) {
            long[] e = Vectors.longs(c.getJsonArray("evaluation"));
            long[] b = Vectors.longs(c.getJsonArray("baseline"));
            DriftState d = new DriftState(false, Arrays.stream(e).sum(), Arrays.stream(b).sum(), DriftPlan.psi(e, b), Double.NaN,
                    Double.NaN, e, b);
            MetricValue v = DriftMetrics.column(DriftMetrics.CHI_SQUARE, "c", d, Map.of("c", d));
            close(c.getJsonNumber("statistic").doubleValue(), v.value(), c + " statistic");
            close(c.getJsonNumber("p").doubleValue(), v.test().pValue(), c + " p");
            assertEquals(v.value(), v.test().statistic(), 0);
        }
    }
}
