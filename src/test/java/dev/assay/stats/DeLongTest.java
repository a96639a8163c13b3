package dev.assay.stats;

import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static dev.assay.stats.Vectors.cases;
import static dev.assay.stats.Vectors.close;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * DeLong's test against pROC's documented results on its aSAH data (113 patients with an aneurysmal
 * subarachnoid haemorrhage, Turck et al. 2010; the values pROC's own tests assert for {@code roc.test}),
 * and against the exact rational computation of paired_vectors.py, to 1e-9. The components are built row by
 * row, O(n^2), from the definition ({@link DeLongReference}): what the engine's scan must equal exactly.
 */
class DeLongTest {

    private static final JsonObject PAIRED = Vectors.load("paired.json");

    /** aSAH's rows: outcome Poor is the positive class. */
    record Patient(boolean poor, Map<String, Double> scores) {
    }

    static List<Patient> asah() {
        List<Patient> out = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(DeLongTest.class.getResourceAsStream("/vectors/asah.csv"),
                StandardCharsets.UTF_8))) {
            r.readLine();
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                String[] f = line.split(",");
                out.add(new Patient(f[1].equals("Poor"), Map.of("wfns", Double.parseDouble(f[2]), "s100b", Double.parseDouble(f[3]),
                        "ndka", Double.parseDouble(f[4]))));
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return out;
    }

    static DeLong.Components components(List<Patient> rows, String first, String second) {
        return DeLongReference.components(rows.stream().map(p -> new DeLongReference.Ranked(p.poor(), p.scores().get(first),
                p.scores().get(second), 1)).toList());
    }

    /** pROC: roc.test(r.wfns, r.s100b) gives Z = 2.20898359144091, p = 0.0271757822291882, and so on. */
    @Test
    void asProcsRocTestOnAsah() {
        List<Patient> rows = asah();
        assertEquals(113, rows.size());
        double[][] pROC = {{2.20898359144091, 0.0271757822291882}, {2.79777591868904, 0.00514557970691098},
                {-1.39077002573558, 0.164295175223054}};
        String[][] pairs = {{"wfns", "s100b"}, {"wfns", "ndka"}, {"ndka", "s100b"}};
        for (int i = 0; i < pairs.length; i++) {
            SignificanceTests.Result r = DeLong.test(components(rows, pairs[i][0], pairs[i][1])).orElseThrow();
            close(pROC[i][0], r.statistic(), String.join(" vs ", pairs[i]));
            close(pROC[i][1], r.pValue(), String.join(" vs ", pairs[i]));
            assertEquals(DeLong.NAME, r.test());
        }
    }

    /** The AUCs and the variance, as the exact rationals of paired_vectors.py. */
    @Test
    void asTheExactComputation() {
        List<Patient> rows = asah();
        for (JsonObject c : cases(PAIRED, "delong_asah")) {
            DeLong.Components d = components(rows, c.getString("first"), c.getString("second"));
            assertEquals(c.getInt("positives"), d.positives());
            assertEquals(c.getInt("negatives"), d.negatives());
            close(c.getJsonNumber("auc1").doubleValue(), d.auc1().orElseThrow(), c.toString());
            close(c.getJsonNumber("auc2").doubleValue(), d.auc2().orElseThrow(), c.toString());
            double variance = new java.math.BigDecimal(c.getString("varianceNumerator"))
                    .divide(new java.math.BigDecimal(c.getString("varianceDenominator")), java.math.MathContext.DECIMAL128).doubleValue();
            assertEquals(variance, d.variance().orElseThrow(), 1e-15 * variance, c.toString());
            SignificanceTests.Result r = DeLong.test(d).orElseThrow();
            close(c.getJsonNumber("z").doubleValue(), r.statistic(), c.toString());
            close(c.getJsonNumber("p").doubleValue(), r.pValue(), c.toString());
        }
    }

    /** Identical scores: Z = 0, p = 1 (pROC's answer); fewer than two rows of a class: no test. */
    @Test
    void identicalScoresAndTooFewRows() {
        List<Patient> rows = asah();
        SignificanceTests.Result same = DeLong.test(components(rows, "wfns", "wfns")).orElseThrow();
        assertEquals(0.0, same.statistic(), 0.0);
        assertEquals(1.0, same.pValue(), 0.0);
        List<Patient> onePositive = new ArrayList<>(rows.stream().filter(p -> !p.poor()).toList());
        onePositive.add(rows.stream().filter(Patient::poor).findFirst().orElseThrow());
        assertTrue(DeLong.test(components(onePositive, "wfns", "s100b")).isEmpty());
        assertTrue(components(onePositive, "wfns", "s100b").variance().isEmpty());
    }
}
