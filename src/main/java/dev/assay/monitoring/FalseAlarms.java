package dev.assay.monitoring;

import dev.assay.stats.SequentialMonitoring;

import java.util.ArrayList;
import java.util.List;

/**
 * The calmer signal beside each window's own decision: a rule judging every window at its threshold
 * raises a false alarm whenever noise crosses it (for a value sitting at the threshold, every other
 * window), so a series carries Page's CUSUM of the windows' evidence that the rule is violated, with the
 * rate of false alarms it is built for ({@link SequentialMonitoring}). A window's evidence is its distance
 * past the threshold in standard errors, {@code z = (threshold - value) / se} for a lower bound
 * ({@code >=}, {@code >}) and {@code (value - threshold) / se} for an upper bound, the standard error read
 * from the value's 95% interval ({@code (hi - lo) / 3.92}); a window without a value, an interval or a
 * single-bound rule adds no evidence. When the true value sits at the threshold, z is standard normal and
 * the CUSUM alarms about once per {@link #IN_CONTROL_RUN_LENGTH} windows; further inside the bound, less
 * often; a persistent shift of one standard error past it is found after about {@link #DELAY_ONE_SE} windows.
 */
public final class FalseAlarms {

    private static final SequentialMonitoring.Cusum CUSUM = SequentialMonitoring.Cusum.STANDARD;
    public static final double IN_CONTROL_RUN_LENGTH = CUSUM.averageRunLength(0);
    public static final double DELAY_ONE_SE = CUSUM.averageRunLength(1);
    private static final double Z95 = 1.959963984540054;

    private FalseAlarms() {
    }

    /** A window's evidence (null when it adds none), the CUSUM it reached, and whether that alarmed. */
    public record Mark(Double evidence, double cusum, boolean alarm) {
    }

    /** The marks of a series' points, oldest first, in the same order. */
    public static List<Mark> marks(List<Series.Point> points) {
        List<Mark> out = new ArrayList<>();
        double s = 0;
        for (Series.Point p : points) {
            Double z = evidence(p);
            if (z == null) {
                out.add(new Mark(null, s, false));
                continue;
            }
            SequentialMonitoring.Step step = CUSUM.step(s, z);
            out.add(new Mark(z, step.reached(), step.alarm()));
            s = step.next();
        }
        return out;
    }

    static Double evidence(Series.Point p) {
        if (p.value() == null || p.ci() == null || p.threshold() == null || p.comparator() == null) {
            return null;
        }
        double se = (p.ci().get(1) - p.ci().get(0)) / (2 * Z95);
        if (!(se > 0)) {
            return null;
        }
        return switch (p.comparator()) {
            case ">=", ">" -> (p.threshold() - p.value()) / se;
            case "<=", "<" -> (p.value() - p.threshold()) / se;
            default -> null;
        };
    }
}
