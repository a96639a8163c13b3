package dev.assay.metric.performance;

import dev.assay.metric.GroupKey;
import dev.assay.metric.MetricValue;
import dev.assay.metric.counts.ScoreState;
import dev.assay.stats.Proportions;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Metrics of the score column, per group, from {@link ScoreState} sums:
 * <ul>
 * <li>{@code brier_score} = mean((score - y)^2) (scikit-learn's brier_score_loss);</li>
 * <li>{@code log_loss} = mean(-(y ln p + (1 - y) ln(1 - p))), p clipped to [1e-15, 1 - 1e-15];</li>
 * <li>{@code calibration}: per score bin [0, 0.1), ..., [0.9, 1], the observed positive rate (with its
 * Wilson interval) beside the bin's mean score, in the note;</li>
 * <li>{@code expected_calibration_error} = sum over bins of (n_bin / n) |observed - mean score|;</li>
 * <li>threshold sweeps at 0.1 ... 0.9: {@code selection_rate_at_threshold} (share of scored rows with
 * score >= t), {@code true_positive_rate_at_threshold}, {@code false_positive_rate_at_threshold}.</li>
 * </ul>
 * y is 1 for the model card's positive label. Scores outside [0, 1] fall into the end bins.
 */
public final class ScoreMetrics {

    public static final String BRIER_SCORE = "brier_score";
    public static final String LOG_LOSS = "log_loss";
    public static final String CALIBRATION = "calibration";
    public static final String EXPECTED_CALIBRATION_ERROR = "expected_calibration_error";
    public static final String SELECTION_RATE_AT_THRESHOLD = "selection_rate_at_threshold";
    public static final String TRUE_POSITIVE_RATE_AT_THRESHOLD = "true_positive_rate_at_threshold";
    public static final String FALSE_POSITIVE_RATE_AT_THRESHOLD = "false_positive_rate_at_threshold";

    public static final List<String> IDS = List.of(BRIER_SCORE, LOG_LOSS, CALIBRATION, EXPECTED_CALIBRATION_ERROR,
            SELECTION_RATE_AT_THRESHOLD, TRUE_POSITIVE_RATE_AT_THRESHOLD, FALSE_POSITIVE_RATE_AT_THRESHOLD);

    private ScoreMetrics() {
    }

    public static List<MetricValue> all(String id, String scope, Map<GroupKey, ScoreState> groups, double confidence) {
        List<MetricValue> values = new ArrayList<>();
        groups.entrySet().stream().sorted(Map.Entry.comparingByKey(GroupKey.ORDER))
                .forEach(e -> values.addAll(of(id, scope, e.getKey().id(), e.getValue(), confidence)));
        return values;
    }

    static List<MetricValue> of(String id, String scope, String group, ScoreState s, double confidence) {
        String none = "no rows with both a score and a label";
        return switch (id) {
            case BRIER_SCORE -> List.of(s.labeled() == 0 ? MetricValue.undefined(id, scope, group, 0, none, null)
                    : MetricValue.defined(id, scope, group, s.brierSum() / s.labeled(), null, s.labeled(), null));
            case LOG_LOSS -> List.of(s.labeled() == 0 ? MetricValue.undefined(id, scope, group, 0, none, null)
                    : MetricValue.defined(id, scope, group, s.logLossSum() / s.labeled(), null, s.labeled(), null));
            case CALIBRATION -> calibration(scope, group, s, confidence);
            case EXPECTED_CALIBRATION_ERROR -> List.of(expectedCalibrationError(scope, group, s));
            case SELECTION_RATE_AT_THRESHOLD -> sweep(id, scope, group, s.selectedAt(), s.scored(), confidence,
                    "no rows with a score");
            case TRUE_POSITIVE_RATE_AT_THRESHOLD -> sweep(id, scope, group, s.truePositivesAt(), s.positives(), confidence,
                    "no scored rows labeled positive");
            case FALSE_POSITIVE_RATE_AT_THRESHOLD -> sweep(id, scope, group, s.falsePositivesAt(), s.negatives(), confidence,
                    "no scored rows labeled negative");
            default -> throw new IllegalArgumentException(id);
        };
    }

    private static List<MetricValue> calibration(String scope, String group, ScoreState s, double confidence) {
        List<MetricValue> values = new ArrayList<>();
        for (int b = 0; b < ScoreState.BINS; b++) {
            String bin = binLabel(b);
            long n = s.binCount()[b];
            if (n == 0) {
                values.add(MetricValue.undefined(CALIBRATION, scope, group, 0, "no scores in this bin", null).at(bin));
            } else {
                values.add(MetricValue.defined(CALIBRATION, scope, group, (double) s.binPositives()[b] / n,
                                Proportions.wilson(s.binPositives()[b], n, confidence).orElseThrow(), n, null)
                        .withNote("mean score " + String.format(Locale.ROOT, "%.6f", s.binScoreSum()[b] / n)).at(bin));
            }
        }
        return values;
    }

    static MetricValue expectedCalibrationError(String scope, String group, ScoreState s) {
        long n = 0;
        double error = 0;
        for (int b = 0; b < ScoreState.BINS; b++) {
            long c = s.binCount()[b];
            if (c > 0) {
                n += c;
                error += Math.abs((double) s.binPositives()[b] / c - s.binScoreSum()[b] / c) * c;
            }
        }
        return n == 0 ? MetricValue.undefined(EXPECTED_CALIBRATION_ERROR, scope, group, 0, "no rows with both a score and a label", null)
                : MetricValue.defined(EXPECTED_CALIBRATION_ERROR, scope, group, error / n, null, n, null);
    }

    private static List<MetricValue> sweep(String id, String scope, String group, long[] counts, long denominator,
                                           double confidence, String whyUndefined) {
        List<MetricValue> values = new ArrayList<>();
        for (int i = 0; i < ScoreState.THRESHOLDS.length; i++) {
            String at = String.format(Locale.ROOT, "score >= %.1f", ScoreState.THRESHOLDS[i]);
            values.add(denominator == 0 ? MetricValue.undefined(id, scope, group, 0, whyUndefined, null).at(at)
                    : MetricValue.defined(id, scope, group, (double) counts[i] / denominator,
                    Proportions.wilson(counts[i], denominator, confidence).orElseThrow(), denominator, null).at(at));
        }
        return values;
    }

    static String binLabel(int b) {
        double lo = (double) b / ScoreState.BINS;
        double hi = (double) (b + 1) / ScoreState.BINS;
        return String.format(Locale.ROOT, "score in [%.1f, %.1f%s", lo, hi, b == ScoreState.BINS - 1 ? "]" : ")");
    }
}
