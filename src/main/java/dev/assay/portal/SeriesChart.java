package dev.assay.portal;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One monitored metric over a deployment's windows, as {@link Svg#series} draws it: each window's value
 * and 95% interval, the rule's threshold, the value the release audit measured (the reference), and the
 * windows where the CUSUM alarmed. Plain data, so the scale can be tested without a page.
 *
 * @param threshold  null when no single-bound rule judges the series (nothing to draw)
 * @param reference  null when the release audit did not compute this value
 */
record SeriesChart(String title, String comparator, Double threshold, Double reference, List<Point> points) {

    /**
     * A window: its label on the time axis, its value (null: undefined, with the reason in {@code undefined}),
     * its interval, the worst outcome of the rules judging it (may be null) and whether the CUSUM alarmed here.
     */
    record Point(String label, Double value, Double low, Double high, String outcome, boolean alarm, String undefined) {

        boolean fails() {
            return "fail".equals(outcome);
        }
    }

    SeriesChart {
        points = List.copyOf(points);
    }

    /** The value range to draw: every value, interval end, threshold and reference, with a margin; never empty. */
    double[] range() {
        List<Double> all = new ArrayList<>();
        for (Point p : points) {
            all.add(p.value());
            all.add(p.low());
            all.add(p.high());
        }
        all.add(threshold);
        all.add(reference);
        double lo = all.stream().filter(Objects::nonNull).filter(Double::isFinite).mapToDouble(Double::doubleValue).min().orElse(0);
        double hi = all.stream().filter(Objects::nonNull).filter(Double::isFinite).mapToDouble(Double::doubleValue).max().orElse(1);
        if (hi - lo < 1e-9) {
            // A flat series (every window at 1.0, say) still needs a height to be drawn in.
            double pad = Math.max(Math.abs(hi) * 0.1, 0.1);
            return new double[] {lo - pad, hi + pad};
        }
        double pad = (hi - lo) * 0.08;
        return new double[] {lo - pad, hi + pad};
    }

    /** Where {@code v} sits in the range, 0 at the bottom and 1 at the top. */
    double fraction(double v) {
        double[] r = range();
        return (v - r[0]) / (r[1] - r[0]);
    }

    /** How many windows alarmed. */
    long alarms() {
        return points.stream().filter(Point::alarm).count();
    }
}
