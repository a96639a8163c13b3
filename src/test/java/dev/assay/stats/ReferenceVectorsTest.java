package dev.assay.stats;

import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.util.Optional;

import static dev.assay.stats.Vectors.cases;
import static dev.assay.stats.Vectors.close;
import static dev.assay.stats.Vectors.number;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every p-value and interval of {@link SignificanceTests} and {@link Proportions} against SciPy 1.17 and statsmodels
 * 0.13.5 (src/test/resources/vectors/: the scripts name each function), on small samples, ties and zero
 * cells, to 1e-9 (absolute up to magnitude 1, relative above; {@link Vectors#TOLERANCE}). Where the
 * library has no value (a division by zero, stored as null), Assay's must be undefined.
 */
class ReferenceVectorsTest {

    private static final JsonObject SCIPY = Vectors.load("scipy.json");
    private static final JsonObject STATSMODELS = Vectors.load("statsmodels.json");

    @Test
    void fisherExactAsScipy() {
        for (JsonObject c : cases(SCIPY, "fisher_exact")) {
            SignificanceTests.Result r = SignificanceTests.fisherExact(c.getInt("x1"), c.getInt("n1"), c.getInt("x2"), c.getInt("n2")).orElseThrow();
            close(c.getJsonNumber("p").doubleValue(), r.pValue(), c.toString());
        }
    }

    /** Pearson's statistic without Yates's correction (SciPy's correction=False), as the README says. */
    @Test
    void chiSquareIndependenceAsScipy() {
        for (JsonObject c : cases(SCIPY, "chi_square_independence")) {
            SignificanceTests.Result r = SignificanceTests.chiSquareIndependence(Vectors.longs(c.getJsonArray("successes")),
                    Vectors.longs(c.getJsonArray("trials"))).orElseThrow();
            close(c.getJsonNumber("statistic").doubleValue(), r.statistic(), c.toString());
            close(c.getJsonNumber("p").doubleValue(), r.pValue(), c.toString());
        }
    }

    @Test
    void kolmogorovSmirnovExactAsymptoticAndAutoAsScipy() {
        for (JsonObject c : cases(SCIPY, "ks_2samp")) {
            long n = c.getJsonArray("evaluation").size();
            long m = c.getJsonArray("baseline").size();
            String name = c.getString("name");
            double d = c.getJsonObject("exact").getJsonNumber("statistic").doubleValue();
            close(c.getJsonObject("exact").getJsonNumber("p").doubleValue(), SignificanceTests.kolmogorovSmirnovExactP(d, n, m), name + " exact");
            close(c.getJsonObject("auto").getJsonNumber("p").doubleValue(), SignificanceTests.kolmogorovSmirnov(d, n, m).orElseThrow().pValue(),
                    name + " auto");
            Double asymptotic = number(c.getJsonObject("asymp").get("p"));
            if (asymptotic == null) {
                assertTrue(SignificanceTests.kolmogorovSmirnovAsymptoticP(d, n, m).isEmpty(), name + ": SciPy has no asymptotic value (NaN)");
            } else {
                close(asymptotic, SignificanceTests.kolmogorovSmirnovAsymptoticP(d, n, m).orElseThrow(), name + " asymptotic");
            }
        }
    }

    /** P(D >= d), not P(D > d): complete separation of 5 and 5 values is 2 / C(10, 5) (Commons Math's strict exactP said 0). */
    @Test
    void kolmogorovSmirnovCompleteSeparationIsTwoOverTheBinomial() {
        assertEquals(2.0 / 252, SignificanceTests.kolmogorovSmirnovExactP(1.0, 5, 5), 1e-15);
        // 3 and 7 values: 2 / C(10, 3) = 2 / 120.
        assertEquals(2.0 / 120, SignificanceTests.kolmogorovSmirnovExactP(1.0, 3, 7), 1e-15);
        // Far in the tail the exact method keeps relative precision: 2 / C(60, 30) = 1.691...e-17.
        assertEquals(2 / org.apache.commons.math3.util.CombinatoricsUtils.binomialCoefficientDouble(60, 30),
                SignificanceTests.kolmogorovSmirnovExactP(1.0, 30, 30), 1e-9 * 2 / 1.18e17);
    }

    @Test
    void kolmogorovSmirnovLargeSamplesAsScipy() {
        for (JsonObject c : cases(SCIPY, "ks_2samp_large")) {
            long n = c.getInt("n");
            long m = c.getInt("m");
            double d = c.getJsonNumber("statistic").doubleValue();
            close(c.getJsonNumber("auto_p").doubleValue(), SignificanceTests.kolmogorovSmirnov(d, n, m).orElseThrow().pValue(), c.toString());
            Double exact = number(c.get("exact_p"));
            if (exact != null) {
                close(exact, SignificanceTests.kolmogorovSmirnovExactP(d, n, m), c + " exact");
            }
        }
    }

    @Test
    void wilsonAsStatsmodels() {
        for (JsonObject c : cases(STATSMODELS, "wilson")) {
            Interval i = Proportions.wilson(c.getInt("x"), c.getInt("n"), c.getJsonNumber("confidence").doubleValue()).orElseThrow();
            close(c.getJsonNumber("lower").doubleValue(), i.lower(), c.toString());
            close(c.getJsonNumber("upper").doubleValue(), i.upper(), c.toString());
        }
    }

    @Test
    void newcombeKatzAndZTestAsStatsmodels() {
        for (JsonObject c : cases(STATSMODELS, "two_proportions")) {
            int x1 = c.getInt("x1");
            int n1 = c.getInt("n1");
            int x2 = c.getInt("x2");
            int n2 = c.getInt("n2");
            double confidence = c.getJsonNumber("confidence").doubleValue();
            Interval newcombe = Proportions.newcombeDifference(x1, n1, x2, n2, confidence).orElseThrow();
            close(number(c.getJsonArray("newcombe").get(0)), newcombe.lower(), c + " newcombe");
            close(number(c.getJsonArray("newcombe").get(1)), newcombe.upper(), c + " newcombe");
            Optional<Interval> katz = Proportions.katzRatio(x1, n1, x2, n2, confidence);
            Double lower = number(c.getJsonArray("katz").get(0));
            assertEquals(lower == null, katz.isEmpty(), c + " katz defined exactly where statsmodels' is");
            katz.ifPresent(k -> {
                close(lower, k.lower(), c + " katz");
                close(number(c.getJsonArray("katz").get(1)), k.upper(), c + " katz");
            });
            if (c.containsKey("z")) {
                Optional<SignificanceTests.Result> z = SignificanceTests.twoProportionZ(x1, n1, x2, n2);
                Double expected = number(c.get("z"));
                assertEquals(expected == null, z.isEmpty(), c + " z defined exactly where statsmodels' is");
                z.ifPresent(r -> {
                    close(expected, r.statistic(), c + " z");
                    close(number(c.get("z_p")), r.pValue(), c + " z p");
                });
            }
        }
    }

    @Test
    void benjaminiHochbergAsStatsmodels() {
        for (JsonObject c : cases(STATSMODELS, "benjamini_hochberg")) {
            double[] adjusted = SignificanceTests.benjaminiHochberg(Vectors.doubles(c.getJsonArray("p")));
            double[] expected = Vectors.doubles(c.getJsonArray("adjusted"));
            assertEquals(expected.length, adjusted.length);
            for (int i = 0; i < expected.length; i++) {
                close(expected[i], adjusted[i], c + " [" + i + "]");
            }
        }
    }
}
