package dev.assay.stats;

import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

import static dev.assay.stats.Vectors.cases;
import static dev.assay.stats.Vectors.close;
import static dev.assay.stats.Vectors.number;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * McNemar's test against the published worked examples and SciPy's binomial (paired_vectors.py), to 1e-9.
 */
class McNemarTest {

    private static final JsonObject PAIRED = Vectors.load("paired.json");

    /**
     * Agresti, Categorical Data Analysis (3rd ed., 2013, Table 11.1; 1st ed. 1990, p. 350, the example of R's
     * mcnemar.test): approval of the President in two surveys of the same 1600 people, 794 approve twice,
     * 150 approve then disapprove, 86 disapprove then approve, 570 disapprove twice. z = (86 - 150) / sqrt(236)
     * = -4.17, z^2 = 17.36 (exactly 4096 / 236); P(chi-square(1) > 17.36) = 3.1e-05, R's 3.099e-05 without the
     * continuity correction.
     */
    @Test
    void agrestisPresidentialApproval() {
        SignificanceTests.Result r = McNemar.test(150, 86);
        assertEquals(4096.0 / 236, r.statistic(), 1e-12);
        assertEquals(17.36, r.statistic(), 0.005, "as Agresti prints it");
        assertEquals(-4.17, (86 - 150) / Math.sqrt(236), 0.005, "Agresti's z");
        assertEquals(McNemar.MID_P, r.test());
        assertTrue(r.pValue() < 1e-4, "a significant drop in approval, as the text concludes");
    }

    /**
     * Fagerland, Lydersen and Laake 2013, Table 1 (Bentur et al. 2009): airway hyper-responsiveness of 21
     * children before and after stem cell transplantation; 1 pair AHR before only, 7 after only. Exact
     * conditional p = 2 (1 + 8) / 2^8 = 0.0703 (the paper's 0.070), mid-p = 0.0703 - 8 / 2^8 = 10 / 256 =
     * 0.0391 (the paper's 0.039), the asymptotic test's statistic 36 / 8 = 4.5 (p = 0.034).
     */
    @Test
    void fagerlandsAirwayExample() {
        assertEquals(18.0 / 256, McNemar.exactP(1, 7), 1e-15);
        assertEquals(10.0 / 256, McNemar.midP(1, 7), 1e-15);
        assertEquals(0.039, McNemar.midP(1, 7), 0.0005, "as the paper prints it");
        assertEquals(0.070, McNemar.exactP(1, 7), 0.0005, "as the paper prints it");
        assertEquals(4.5, McNemar.test(1, 7).statistic(), 1e-15);
        assertEquals(10.0 / 256, McNemar.test(7, 1).pValue(), 1e-15, "two-sided: the same either way round");
    }

    /** Every case of paired.json: exact conditional, mid-p and chi-square as SciPy's binomial and chi-square give them. */
    @Test
    void asScipy() {
        for (JsonObject c : cases(PAIRED, "mcnemar")) {
            long b = c.getJsonNumber("b").longValueExact();
            long d = c.getJsonNumber("c").longValueExact();
            close(c.getJsonNumber("exact").doubleValue(), McNemar.exactP(b, d), c.toString());
            close(c.getJsonNumber("midP").doubleValue(), McNemar.midP(b, d), c.toString());
            close(c.getJsonNumber("midP").doubleValue(), McNemar.test(b, d).pValue(), c.toString());
            Double chi = number(c.get("chiSquare"));
            if (chi == null) {
                assertTrue(Double.isNaN(McNemar.test(b, d).statistic()), "no discordant pair: no statistic");
            } else {
                close(chi, McNemar.test(b, d).statistic(), c.toString());
            }
        }
    }

    /** Ties: b = c gives 1 - P(X = b) / 2 (the paper's supplement), not 1; none discordant gives 1. */
    @Test
    void tiesAndNothingDiscordant() {
        assertEquals(1 - 252.0 / 1024 / 2, McNemar.midP(5, 5), 1e-15);
        assertEquals(1.0, McNemar.exactP(5, 5), 0.0);
        assertEquals(1.0, McNemar.test(0, 0).pValue(), 0.0);
        assertTrue(Double.isNaN(McNemar.test(0, 0).statistic()));
        assertThrows(IllegalArgumentException.class, () -> McNemar.test(-1, 3));
    }

    /** Beyond the binomial's range (weighted counts only), the asymptotic test, under its own name. */
    @Test
    void beyondTheBinomialsRangeTheAsymptoticTest() {
        long b = 1_500_000_000L;
        long c = 1_500_100_000L;
        SignificanceTests.Result r = McNemar.test(b, c);
        assertEquals(McNemar.ASYMPTOTIC, r.test());
        double z = (double) (b - c) / Math.sqrt((double) b + c);
        assertEquals(z * z, r.statistic(), 1e-9 * z * z);
        assertEquals(org.apache.commons.math3.special.Erf.erfc(Math.abs(z) / Math.sqrt(2)), r.pValue(), 1e-12);
    }
}
