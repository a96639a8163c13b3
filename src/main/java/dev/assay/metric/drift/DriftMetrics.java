package dev.assay.metric.drift;

import dev.assay.metric.MetricValue;
import dev.assay.stats.SignificanceTests;
import org.apache.commons.math3.stat.inference.ChiSquareTest;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * <ul>
 * <li>{@code population_stability_index}: sum((a - e) ln(a / e)) over the baseline's deciles (numeric) or
 * categories, epsilon 1e-4 for empty bins; bands: under 0.1 stable, 0.1-0.25 moderate, 0.25 and over significant;</li>
 * <li>{@code ks_statistic}: the two-sample Kolmogorov-Smirnov D over the exact empirical distributions, with its
 * p-value P(D &ge; d) as SciPy's ks_2samp computes it (exact up to 10,000 values a side, asymptotic above);</li>
 * <li>{@code wasserstein_distance}: Wasserstein-1 distance over the baseline's standard deviation (Evidently's
 * normalized form);</li>
 * <li>{@code chi_square}: the two-sample chi-square statistic of category counts, with its p-value; flagged when
 * an expected count is under 5;</li>
 * <li>{@code jensen_shannon_distance}: the square root of the Jensen-Shannon divergence (natural log, as SciPy);</li>
 * <li>{@code drift_detected}: 1 or 0 by Evidently's default test: KS (p &lt; 0.05) for numeric columns with at
 * most 1,000 baseline values, normalized Wasserstein (&ge; 0.1) above; chi-square (p &lt; 0.05) for categorical
 * columns with at most 1,000, Jensen-Shannon (&ge; 0.1) above or when chi-square is not valid; p-values adjusted
 * with Benjamini-Hochberg across the columns;</li>
 * <li>{@code drift_share}: drifted columns / compared columns;</li>
 * <li>{@code prediction_drift}, {@code score_drift}, {@code label_drift}: the decision on the card's
 * prediction, score and label column, reported apart from the features (Evidently's prediction and
 * target drift).</li>
 * </ul>
 * An audit may choose the test of a column ({@code driftTests}, as Evidently's per-column stattest):
 * {@code ks} (adjusted p &lt; 0.05), {@code wasserstein} (&ge; 0.1), {@code psi} (&ge; 0.1),
 * {@code chi_square} (adjusted p &lt; 0.05) or {@code jensen_shannon} (&ge; 0.1); a test that does not
 * suit the column (KS on categories) falls back to the default, and the note says so.
 */
public final class DriftMetrics {

    public static final String PSI = "population_stability_index";
    public static final String KS = "ks_statistic";
    public static final String WASSERSTEIN = "wasserstein_distance";
    public static final String CHI_SQUARE = "chi_square";
    public static final String JENSEN_SHANNON = "jensen_shannon_distance";
    public static final String DRIFT_DETECTED = "drift_detected";
    public static final String DRIFT_SHARE = "drift_share";

    public static final List<String> COLUMN_IDS = List.of(PSI, KS, WASSERSTEIN, CHI_SQUARE, JENSEN_SHANNON, DRIFT_DETECTED);

    /** The role drift metrics, by the card role whose column they judge. */
    public static final Map<String, String> ROLE_IDS = Map.of("prediction_drift", "prediction", "score_drift", "score",
            "label_drift", "label");

    /** The tests an audit may choose per column. */
    public static final List<String> TESTS = List.of("ks", "wasserstein", "psi", "chi_square", "jensen_shannon");

    static final int SMALL = 1000;

    private DriftMetrics() {
    }

    /** Evidently's per-column decision, with the test it used. */
    public record Detection(String test, double statistic, Double p, Double adjustedP, boolean drifted) {
    }

    public static MetricValue column(String id, String column, DriftState d, Map<String, DriftState> all) {
        if (emptySide(d) != null) {
            return MetricValue.undefined(id, column, null, d.evaluationRows(), emptySide(d), null);
        }
        return switch (id) {
            case PSI -> Double.isNaN(d.psi()) ? MetricValue.undefined(id, column, null, d.evaluationRows(), "a side has no values", null)
                    : MetricValue.defined(id, column, null, d.psi(), null, d.evaluationRows(), null).withNote(band(d.psi()));
            case KS -> !d.numeric() ? MetricValue.undefined(id, column, null, d.evaluationRows(), "not a numeric column", null)
                    : MetricValue.defined(id, column, null, d.ks(), null, d.evaluationRows(), null)
                    .withTest(new SignificanceTests.Result("two-sample Kolmogorov-Smirnov", d.ks(), ksP(d)));
            case WASSERSTEIN -> !d.numeric() ? MetricValue.undefined(id, column, null, d.evaluationRows(), "not a numeric column", null)
                    : Double.isInfinite(d.wasserstein())
                    ? MetricValue.undefined(id, column, null, d.evaluationRows(), "the baseline's values are all equal (standard "
                            + "deviation 0) and the evaluation's are not: the normalized distance is unbounded", null)
                    : MetricValue.defined(id, column, null, d.wasserstein(), null, d.evaluationRows(), null);
            case CHI_SQUARE -> chiSquare(column, d);
            case JENSEN_SHANNON -> d.numeric() ? MetricValue.undefined(id, column, null, d.evaluationRows(), "not a categorical column", null)
                    : MetricValue.defined(id, column, null, jensenShannon(d.evaluationCounts(), d.baselineCounts()), null,
                    d.evaluationRows(), null);
            case DRIFT_DETECTED -> {
                Detection det = detections(all).get(column);
                MetricValue v = MetricValue.defined(id, column, null, det.drifted() ? 1 : 0, null, d.evaluationRows(), null)
                        .withNote(String.format(Locale.ROOT, "%s %.4g%s", det.test(), det.statistic(),
                                det.adjustedP() == null ? "" : String.format(Locale.ROOT, ", adjusted p %.4g", det.adjustedP())));
                yield det.p() == null ? v : v.withTest(new SignificanceTests.Result(det.test(), det.statistic(), det.p())).withAdjustedP(det.adjustedP());
            }
            default -> throw new IllegalArgumentException(id);
        };
    }

    /** The decision on the column a role names; undefined when the card names none or it was not compared. */
    public static MetricValue role(String id, String column, Map<String, DriftState> all) {
        if (column == null) {
            return MetricValue.undefined(id, null, null, 0, "the model card names no " + ROLE_IDS.get(id) + " column", null);
        }
        if (!all.containsKey(column)) {
            return MetricValue.undefined(id, null, null, 0, "needs a baseline dataset with the " + ROLE_IDS.get(id)
                    + " column '" + column + "' (the audit's \"baseline\")", null);
        }
        MetricValue detected = column(DRIFT_DETECTED, column, all.get(column), all);
        return new MetricValue(id, null, null, detected.value(), null, detected.n(), detected.undefined() == null ? null
                : "column '" + column + "': " + detected.undefined(), null, detected.test(), detected.adjustedP(),
                detected.note() == null ? null : "column '" + column + "': " + detected.note(), null);
    }

    public static MetricValue share(Map<String, DriftState> all) {
        if (all.isEmpty()) {
            return MetricValue.undefined(DRIFT_SHARE, null, null, 0, "no column to compare (a baseline is needed)", null);
        }
        Map<String, Detection> d = detections(all);
        if (d.isEmpty()) {
            return MetricValue.undefined(DRIFT_SHARE, null, null, 0, "no column has values on both sides", null);
        }
        long drifted = d.values().stream().filter(Detection::drifted).count();
        return MetricValue.defined(DRIFT_SHARE, null, null, (double) drifted / d.size(), null, d.size(), null)
                .withNote(drifted + " of " + d.size() + " columns drifted: " + String.join(", ",
                        d.entrySet().stream().filter(e -> e.getValue().drifted()).map(Map.Entry::getKey).toList()));
    }

    /** Every column's decision, p-values adjusted together across the columns. */
    public static Map<String, Detection> detections(Map<String, DriftState> all) {
        Map<String, Detection> raw = new LinkedHashMap<>();
        all.forEach((column, d) -> {
            if (emptySide(d) == null) {
                raw.put(column, detect(d));
            }
        });
        List<String> tested = raw.entrySet().stream().filter(e -> e.getValue().p() != null).map(Map.Entry::getKey).toList();
        double[] adjusted = SignificanceTests.benjaminiHochberg(tested.stream().mapToDouble(c -> raw.get(c).p()).toArray());
        Map<String, Detection> out = new LinkedHashMap<>();
        raw.forEach((column, det) -> {
            int i = tested.indexOf(column);
            out.put(column, i < 0 ? det : new Detection(det.test(), det.statistic(), det.p(), adjusted[i], adjusted[i] < 0.05));
        });
        return out;
    }

    /** Why a column cannot be compared (one side holds no value), or null when it can. */
    private static String emptySide(DriftState d) {
        return d.evaluationRows() == 0 && d.baselineRows() == 0 ? "neither dataset has a value in this column"
                : d.evaluationRows() == 0 ? "the evaluation dataset has no value in this column"
                : d.baselineRows() == 0 ? "the baseline has no value in this column" : null;
    }

    private static Detection detect(DriftState d) {
        if (d.test() != null) {
            Detection chosen = chosen(d);
            if (chosen != null) {
                return chosen;
            }
            Detection fallback = byDefault(d);
            return new Detection(fallback.test() + " (" + d.test() + " does not suit a " + (d.numeric() ? "numeric" : "categorical")
                    + " column)", fallback.statistic(), fallback.p(), null, fallback.drifted());
        }
        return byDefault(d);
    }

    /** The test the audit chose for the column, or null when it does not suit the column's kind. */
    private static Detection chosen(DriftState d) {
        return switch (d.test()) {
            case "ks" -> d.numeric() ? new Detection("two-sample Kolmogorov-Smirnov", d.ks(), ksP(d), null, false) : null;
            case "wasserstein" -> d.numeric()
                    ? new Detection("normalized Wasserstein distance", d.wasserstein(), null, null, d.wasserstein() >= 0.1) : null;
            case "psi" -> new Detection("population stability index", d.psi(), null, null, d.psi() >= 0.1);
            case "chi_square" -> !d.numeric() && d.evaluationCounts().length >= 2 ? new Detection("chi-square",
                    new ChiSquareTest().chiSquareDataSetsComparison(d.evaluationCounts(), d.baselineCounts()),
                    new ChiSquareTest().chiSquareTestDataSetsComparison(d.evaluationCounts(), d.baselineCounts()), null, false)
                    : null;
            case "jensen_shannon" -> d.numeric() ? null : new Detection("Jensen-Shannon distance",
                    jensenShannon(d.evaluationCounts(), d.baselineCounts()), null, null,
                    jensenShannon(d.evaluationCounts(), d.baselineCounts()) >= 0.1);
            default -> throw new IllegalArgumentException("unknown drift test " + d.test());
        };
    }

    private static Detection byDefault(DriftState d) {
        if (d.numeric()) {
            if (d.baselineRows() <= SMALL) {
                return new Detection("two-sample Kolmogorov-Smirnov", d.ks(), ksP(d), null, false);
            }
            return new Detection("normalized Wasserstein distance", d.wasserstein(), null, null, d.wasserstein() >= 0.1);
        }
        if (d.baselineRows() <= SMALL && chiSquareValid(d)) {
            ChiSquareTest t = new ChiSquareTest();
            return new Detection("chi-square", t.chiSquareDataSetsComparison(d.evaluationCounts(), d.baselineCounts()),
                    t.chiSquareTestDataSetsComparison(d.evaluationCounts(), d.baselineCounts()), null, false);
        }
        double js = jensenShannon(d.evaluationCounts(), d.baselineCounts());
        return new Detection("Jensen-Shannon distance", js, null, null, js >= 0.1);
    }

    /** SciPy's ks_2samp p-value: exact up to 10,000 values a side, asymptotic above (SignificanceTests.kolmogorovSmirnov). */
    private static double ksP(DriftState d) {
        return SignificanceTests.kolmogorovSmirnov(d.ks(), d.evaluationRows(), d.baselineRows()).orElseThrow().pValue();
    }

    /** Chi-square needs an expected count of at least 5 in every cell. */
    static boolean chiSquareValid(DriftState d) {
        if (d.evaluationCounts().length < 2) {
            return false;
        }
        double total = d.evaluationRows() + d.baselineRows();
        for (int i = 0; i < d.evaluationCounts().length; i++) {
            double column = d.evaluationCounts()[i] + d.baselineCounts()[i];
            if (column * d.evaluationRows() / total < 5 || column * d.baselineRows() / total < 5) {
                return false;
            }
        }
        return true;
    }

    private static MetricValue chiSquare(String column, DriftState d) {
        if (d.numeric()) {
            return MetricValue.undefined(CHI_SQUARE, column, null, d.evaluationRows(), "not a categorical column", null);
        }
        if (d.evaluationCounts().length < 2) {
            return MetricValue.undefined(CHI_SQUARE, column, null, d.evaluationRows(), "one category only: nothing to compare", null);
        }
        ChiSquareTest t = new ChiSquareTest();
        double stat = t.chiSquareDataSetsComparison(d.evaluationCounts(), d.baselineCounts());
        MetricValue v = MetricValue.defined(CHI_SQUARE, column, null, stat, null, d.evaluationRows(), null)
                .withTest(new SignificanceTests.Result("chi-square", stat, t.chiSquareTestDataSetsComparison(d.evaluationCounts(), d.baselineCounts())));
        return chiSquareValid(d) ? v : v.withNote("an expected count is under 5: the test is unreliable; "
                + "drift is decided by the Jensen-Shannon distance instead");
    }

    static double jensenShannon(long[] a, long[] b) {
        double na = 0;
        double nb = 0;
        for (int i = 0; i < a.length; i++) {
            na += a[i];
            nb += b[i];
        }
        double divergence = 0;
        for (int i = 0; i < a.length; i++) {
            double p = a[i] / na;
            double q = b[i] / nb;
            double m = (p + q) / 2;
            divergence += (p > 0 ? p * Math.log(p / m) : 0) / 2 + (q > 0 ? q * Math.log(q / m) : 0) / 2;
        }
        return Math.sqrt(Math.max(0, divergence));
    }

    private static String band(double psi) {
        return psi < 0.1 ? "stable (under 0.1)" : psi < 0.25 ? "moderate shift (0.1 to 0.25)" : "significant shift (0.25 and over)";
    }
}
