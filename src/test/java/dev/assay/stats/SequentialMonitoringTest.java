package dev.assay.stats;

import org.apache.commons.math3.distribution.NormalDistribution;
import org.apache.commons.math3.random.MersenneTwister;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The stated false-alarm rates hold on simulated streams with no change (1,000 windows, many streams),
 * and a planted change is found with the stated delay. Seeded: the same figures every run.
 */
class SequentialMonitoringTest {

    private static final NormalDistribution NORMAL = new NormalDistribution(0, 1);

    /** p-values of windows whose evidence is N(shift, 1): uniform when shift = 0. */
    private static double[] stream(MersenneTwister random, int windows, int changeAt, double shift) {
        double[] p = new double[windows];
        for (int i = 0; i < windows; i++) {
            double z = random.nextGaussian() + (i >= changeAt ? shift : 0);
            p[i] = 1 - NORMAL.cumulativeProbability(z);
        }
        return p;
    }

    @Test
    void siegmundsApproximationGivesTheTabulatedRunLengths() {
        SequentialMonitoring.Cusum h5 = SequentialMonitoring.Cusum.STANDARD;
        // Two-sided ARL0 of Montgomery's Table 9.3 (465 for h = 5, 168 for h = 4) is half the one-sided figure.
        assertEquals(465, h5.averageRunLength(0) / 2, 10);
        assertEquals(168, new SequentialMonitoring.Cusum(0.5, 4).averageRunLength(0) / 2, 3);
        assertEquals(10.4, h5.averageRunLength(1), 0.1);
        assertEquals(8.38, new SequentialMonitoring.Cusum(0.5, 4).averageRunLength(1), 0.1);
    }

    @Test
    void withNoChangeFalseAlarmsStayWithinTheStatedRate() {
        MersenneTwister random = new MersenneTwister(20261201L);
        SequentialMonitoring.Cusum cusum = SequentialMonitoring.Cusum.STANDARD;
        int streams = 200;
        int windows = 1_000;
        long alarms = 0;
        for (int r = 0; r < streams; r++) {
            double s = 0;
            for (double p : stream(random, windows, Integer.MAX_VALUE, 0)) {
                SequentialMonitoring.Step step = cusum.step(s, SequentialMonitoring.evidence(p));
                alarms += step.alarm() ? 1 : 0;
                s = step.next();
            }
        }
        double perThousand = alarms / (double) streams;
        double stated = windows / cusum.averageRunLength(0);
        // 200 streams of 1,000 windows: the mean count of false alarms per 1,000 windows is near the stated ~1.07.
        assertTrue(perThousand <= stated * 1.25, perThousand + " false alarms per 1,000 windows, stated " + stated);
        assertTrue(perThousand >= stated * 0.6, "the approximation is not wildly pessimistic either: " + perThousand);

        // Testing every window at 5% instead: about 50 per 1,000.
        long naive = 0;
        for (double p : stream(random, windows, Integer.MAX_VALUE, 0)) {
            naive += p < 0.05 ? 1 : 0;
        }
        assertTrue(naive > 30, "the per-window test alarms " + naive + " times in 1,000 windows of nothing");
    }

    @Test
    void alphaSpendingKeepsAPeriodsFalseAlarmsUnderAlpha() {
        MersenneTwister random = new MersenneTwister(7L);
        int periods = 2_000;
        int windows = 30;
        double level = SequentialMonitoring.perWindowLevel(0.05, windows);
        assertEquals(0.05 / 30, level, 1e-15);
        int withAlarm = 0;
        for (int i = 0; i < periods; i++) {
            boolean alarm = false;
            for (double p : stream(random, windows, Integer.MAX_VALUE, 0)) {
                alarm |= p < level;
            }
            withAlarm += alarm ? 1 : 0;
        }
        double rate = withAlarm / (double) periods;
        // Exactly 1 - (1 - 0.05/30)^30 = 0.0488 for independent windows; at most 0.05 in any case.
        assertEquals(0.0488, rate, 0.012);
    }

    @Test
    void aPlantedShiftIsFoundWithTheStatedDelay() {
        MersenneTwister random = new MersenneTwister(42L);
        SequentialMonitoring.Cusum cusum = SequentialMonitoring.Cusum.STANDARD;
        List<Integer> delays = new ArrayList<>();
        int missed = 0;
        for (int r = 0; r < 300; r++) {
            double[] p = stream(random, 1_000, 500, 1.0);
            // Only alarms after the change count here; a false alarm before it restarts the statistic.
            double s = 0;
            Integer found = null;
            for (int i = 0; i < p.length && found == null; i++) {
                SequentialMonitoring.Step step = cusum.step(s, SequentialMonitoring.evidence(p[i]));
                if (step.alarm() && i >= 500) {
                    found = i - 500 + 1;
                }
                s = step.next();
            }
            if (found == null) {
                missed++;
            } else {
                delays.add(found);
            }
        }
        assertEquals(0, missed, "a 1σ shift over 500 windows is always found");
        Collections.sort(delays);
        double mean = delays.stream().mapToInt(Integer::intValue).average().orElseThrow();
        // Stated: about 10.3 windows on average for a 1σ shift (a little less from a head start left by the null part).
        assertEquals(cusum.averageRunLength(1), mean, 2.0);
        assertTrue(delays.get(delays.size() * 9 / 10) <= 20, "nine in ten within 20 windows: " + delays);
        assertEquals(java.util.Optional.of(0), SequentialMonitoring.firstAlarm(cusum, new double[] {1e-12}),
                "overwhelming evidence alarms at once");
    }
}
