package dev.assay.harness;

import dev.assay.infrastructure.ColumnTypes;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

import static dev.assay.harness.Expected.Tolerance.RATE;
import static dev.assay.harness.Expected.Tolerance.UNBOUNDED;

/**
 * Row by row, drift of a column between a baseline and an evaluation table (README, drift table):
 * numeric columns with more than 10 distinct baseline values are compared as numbers (two-sample KS
 * D over the exact empirical distributions, Wasserstein-1 over the baseline's population standard
 * deviation, PSI over the baseline's deciles as quantile_cont gives them, epsilon 1e-4), the others
 * as categories (PSI over the categories, two-sample chi-square statistic, Jensen-Shannon distance
 * with natural logs). Values as stored; missing and non-finite values take no part.
 */
final class RefDrift {

    static final List<String> IDS = List.of("population_stability_index", "ks_statistic", "wasserstein_distance", "chi_square",
            "jensen_shannon_distance");

    static void expect(String column, List<Object> evaluation, List<Object> baseline, String type, Expected e) {
        List<Object> ev = evaluation.stream().filter(Objects::nonNull).toList();
        List<Object> bv = baseline.stream().filter(Objects::nonNull).toList();
        if (ev.isEmpty() || bv.isEmpty()) {
            IDS.forEach(id -> e.undefined(id, column, null));
            return;
        }
        long n = ev.size();
        boolean numeric = ColumnTypes.isNumeric(type) && new TreeSet<>(bv.stream().map(v -> (Double) v).toList()).size() > 10;
        if (numeric) {
            double[] a = ev.stream().mapToDouble(v -> (Double) v).sorted().toArray();
            double[] b = bv.stream().mapToDouble(v -> (Double) v).sorted().toArray();
            TreeSet<Double> union = new TreeSet<>();
            for (double x : a) {
                union.add(x);
            }
            for (double x : b) {
                union.add(x);
            }
            List<Double> points = new ArrayList<>(union);
            double ks = 0;
            double w1 = 0;
            for (int i = 0; i < points.size(); i++) {
                double gap = Math.abs(cdf(a, points.get(i)) - cdf(b, points.get(i)));
                ks = Math.max(ks, gap);
                if (i + 1 < points.size()) {
                    w1 += gap * (points.get(i + 1) - points.get(i));
                }
            }
            double mean = 0;
            for (double x : b) {
                mean += x;
            }
            mean /= b.length;
            double sq = 0;
            for (double x : b) {
                sq += (x - mean) * (x - mean);
            }
            double std = Math.sqrt(sq / b.length);
            e.defined("ks_statistic", column, null, ks, n, RATE);
            e.put("wasserstein_distance", column, null, null, std > 0 ? Double.valueOf(w1 / std) : w1 == 0 ? Double.valueOf(0) : null,
                    n, UNBOUNDED);
            TreeSet<Double> cutSet = new TreeSet<>();
            for (int k = 1; k <= 9; k++) {
                double position = (b.length - 1) * (k / 10.0);
                int lo = (int) Math.floor(position);
                int hi = (int) Math.ceil(position);
                cutSet.add(b[lo] + (position - lo) * (b[hi] - b[lo]));
            }
            double[] cuts = cutSet.stream().mapToDouble(Double::doubleValue).toArray();
            e.defined("population_stability_index", column, null, psi(bins(a, cuts), bins(b, cuts)), n, UNBOUNDED);
            e.undefined("chi_square", column, null);
            e.undefined("jensen_shannon_distance", column, null);
        } else {
            Map<Object, long[]> counts = new LinkedHashMap<>();
            ev.forEach(v -> counts.computeIfAbsent(v, k -> new long[2])[0]++);
            bv.forEach(v -> counts.computeIfAbsent(v, k -> new long[2])[1]++);
            long[] ec = counts.values().stream().mapToLong(c -> c[0]).toArray();
            long[] bc = counts.values().stream().mapToLong(c -> c[1]).toArray();
            e.undefined("ks_statistic", column, null);
            e.undefined("wasserstein_distance", column, null);
            e.defined("population_stability_index", column, null, psi(ec, bc), n, UNBOUNDED);
            if (counts.size() < 2) {
                e.undefined("chi_square", column, null);
            } else {
                // Pearson's chi-square of the 2 x k table (sample by category).
                double te = ev.size();
                double tb = bv.size();
                double chi = 0;
                for (int i = 0; i < ec.length; i++) {
                    double col = ec[i] + bc[i];
                    double ee = col * te / (te + tb);
                    double eb = col * tb / (te + tb);
                    chi += (ec[i] - ee) * (ec[i] - ee) / ee + (bc[i] - eb) * (bc[i] - eb) / eb;
                }
                e.defined("chi_square", column, null, chi, n, UNBOUNDED);
            }
            double js = 0;
            for (int i = 0; i < ec.length; i++) {
                double p = (double) ec[i] / ev.size();
                double q = (double) bc[i] / bv.size();
                double m = (p + q) / 2;
                js += (p > 0 ? p * Math.log(p / m) : 0) / 2 + (q > 0 ? q * Math.log(q / m) : 0) / 2;
            }
            e.defined("jensen_shannon_distance", column, null, Math.sqrt(Math.max(0, js)), n, RATE);
        }
    }

    private static double cdf(double[] sorted, double x) {
        int k = 0;
        while (k < sorted.length && sorted[k] <= x) {
            k++;
        }
        return (double) k / sorted.length;
    }

    private static long[] bins(double[] values, double[] cuts) {
        long[] out = new long[cuts.length + 1];
        for (double v : values) {
            int bin = 0;
            while (bin < cuts.length && !(v < cuts[bin])) {
                bin++;
            }
            out[bin]++;
        }
        return out;
    }

    static double psi(long[] actual, long[] expected) {
        long na = 0;
        long ne = 0;
        for (int i = 0; i < actual.length; i++) {
            na += actual[i];
            ne += expected[i];
        }
        double psi = 0;
        for (int i = 0; i < actual.length; i++) {
            double a = Math.max((double) actual[i] / na, 1e-4);
            double e = Math.max((double) expected[i] / ne, 1e-4);
            psi += (a - e) * Math.log(a / e);
        }
        return psi;
    }
}
