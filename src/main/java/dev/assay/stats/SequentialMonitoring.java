package dev.assay.stats;

import org.apache.commons.math3.distribution.NormalDistribution;

import java.util.Optional;

/**
 * False alarms over time. A monitor that tests every window at 5% raises a false alarm every twenty
 * windows on average; two ways to state and bound that rate, for a series of p-values (one per window,
 * each testing "no change from the reference" for one rule).
 *
 * <h2>Alpha spending over a monitoring period</h2>
 * A period of {@code n} windows is given an overall false-alarm probability {@code alpha}; each window is
 * tested at {@code alpha / n} (Bonferroni's spending, Pocock-like in that every window gets an equal
 * share). By Boole's inequality the probability of any false alarm in the period is at most {@code alpha}
 * whatever the dependence between windows. Stated per rule as "at most {@code alpha} per {@code n}
 * windows". Source: Bonferroni (1936); for spending functions in general, Lan and DeMets (1983),
 * Biometrika 70(3):659-663.
 *
 * <h2>CUSUM of the windows' evidence</h2>
 * A persistent small change is missed by a per-window test at a strict level; Page's one-sided CUSUM
 * accumulates it. Each window's p-value becomes {@code z = Φ⁻¹(1 - p)}, standard normal while nothing
 * changed (p uniform), larger when something did; {@code S = max(0, S + z - k)}, an alarm when
 * {@code S > h}, then S restarts at 0. The in-control average run length (windows between false alarms,
 * ARL₀) and the delay to detect a shift of {@code δ} standard deviations (ARL₁) follow Siegmund's
 * approximation {@code ARL ≈ (e^{-2Δb} + 2Δb - 1) / (2Δ²)}, {@code Δ = δ - k}, {@code b = h + 1.166}
 * (Siegmund 1985, Sequential Analysis, §X.2; Montgomery 2013, Introduction to Statistical Quality Control,
 * 7th ed., §9.1.7): for {@code k = 0.5, h = 5}, ARL₀ ≈ 938 windows and ARL₁(δ = 1) ≈ 10.3 windows; for
 * {@code h = 4}, ARL₀ ≈ 338 and ARL₁ ≈ 8.3. (Montgomery's table, 465 and 168, is the two-sided chart:
 * half the one-sided ARL₀.)
 */
public final class SequentialMonitoring {

    private static final NormalDistribution NORMAL = new NormalDistribution(0, 1);

    private SequentialMonitoring() {
    }

    /**
     * The level each window of a period is tested at.
     *
     * @param alpha   the period's false-alarm probability, in (0, 1)
     * @param windows the period's windows, at least 1
     * @return {@code alpha / windows}
     */
    public static double perWindowLevel(double alpha, int windows) {
        if (!(alpha > 0 && alpha < 1) || windows < 1) {
            throw new IllegalArgumentException("alpha in (0, 1) and at least one window");
        }
        return alpha / windows;
    }

    /** A window's evidence of change, {@code Φ⁻¹(1 - p)}, clipped to ±8.3 (p of 0 or 1 stays finite). */
    public static double evidence(double p) {
        if (!(p >= 0 && p <= 1)) {
            throw new IllegalArgumentException("a p-value is in [0, 1]: " + p);
        }
        double clipped = Math.min(1 - 1e-16, Math.max(1e-16, p));
        return NORMAL.inverseCumulativeProbability(1 - clipped);
    }

    /**
     * One-sided CUSUM parameters.
     *
     * @param k the reference value, in standard deviations: half the shift to detect fastest (0.5 for 1σ)
     * @param h the decision interval: larger means fewer false alarms and later detection
     */
    public record Cusum(double k, double h) {

        /** k = 0.5, h = 5: about one false alarm per 938 windows; a 1σ shift found after about 10 windows. */
        public static final Cusum STANDARD = new Cusum(0.5, 5);

        public Cusum {
            if (!(k >= 0) || !(h > 0)) {
                throw new IllegalArgumentException("k >= 0 and h > 0");
            }
        }

        /** The statistic after a window with evidence {@code z}, and whether it alarms (it then restarts). */
        public Step step(double statistic, double z) {
            double s = Math.max(0, statistic + z - k);
            return s > h ? new Step(0, s, true) : new Step(s, s, false);
        }

        /** Siegmund's approximation of the average run length when the evidence's mean is {@code shift}. */
        public double averageRunLength(double shift) {
            double delta = shift - k;
            double b = h + 1.166;
            if (Math.abs(delta) < 1e-9) {
                return b * b;
            }
            return (Math.exp(-2 * delta * b) + 2 * delta * b - 1) / (2 * delta * delta);
        }
    }

    /**
     * One window's outcome.
     *
     * @param next    the statistic carried to the next window (0 after an alarm)
     * @param reached the statistic this window reached (shown on charts)
     * @param alarm   whether it crossed {@code h}
     */
    public record Step(double next, double reached, boolean alarm) {
    }

    /** The first window index (from 0) at which the CUSUM alarms over {@code pValues}; empty when none does. */
    public static Optional<Integer> firstAlarm(Cusum cusum, double[] pValues) {
        double s = 0;
        for (int i = 0; i < pValues.length; i++) {
            Step step = cusum.step(s, evidence(pValues[i]));
            if (step.alarm()) {
                return Optional.of(i);
            }
            s = step.next();
        }
        return Optional.empty();
    }
}
