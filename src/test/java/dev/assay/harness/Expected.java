package dev.assay.harness;

import dev.assay.metric.MetricValue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * What the reference implementations expect, by metric|scope|group|at, and the comparison with what
 * the engine computed: counts exactly, rates to 1e-9 absolute, unbounded values to 1e-9 relative,
 * undefined if and only if undefined (an undefined value must say why, and a defined one must be
 * finite), and {@code n} exactly.
 */
final class Expected {

    enum Tolerance {
        /** A count: exactly. */
        COUNT,
        /** A value in [0, 1] or a difference of such: 1e-9 absolute. */
        RATE,
        /** Anything else (log loss, ratios, errors, indices): 1e-9 relative (absolute below 1). */
        UNBOUNDED
    }

    /** One expected value: {@code value} null means undefined; {@code n} null means not compared. */
    record Value(Double value, Long n, Tolerance tolerance) {
    }

    private final Map<String, Value> values = new LinkedHashMap<>();

    static String key(String metric, String scope, String group, String at) {
        return metric + "|" + scope + "|" + group + "|" + at;
    }

    void put(String metric, String scope, String group, String at, Double value, Long n, Tolerance t) {
        values.put(key(metric, scope, group, at), new Value(value, n, t));
    }

    void defined(String metric, String scope, String group, double value, long n, Tolerance t) {
        put(metric, scope, group, null, value, n, t);
    }

    void undefined(String metric, String scope, String group) {
        put(metric, scope, group, null, null, null, Tolerance.RATE);
    }

    /** A rate num / den, undefined when den is 0; n = den. */
    void rate(String metric, String scope, String group, long num, long den) {
        if (den == 0) {
            undefined(metric, scope, group);
        } else {
            defined(metric, scope, group, (double) num / den, den, Tolerance.RATE);
        }
    }

    Map<String, Value> values() {
        return values;
    }

    /** Mismatches between these expectations and the engine's values for the metrics {@code which} selects. */
    List<String> compare(Map<String, MetricValue> actual, Predicate<String> which, boolean requirePresence) {
        List<String> out = new ArrayList<>();
        Set<String> keys = new TreeSet<>();
        values.keySet().stream().filter(k -> which.test(metricOf(k))).forEach(keys::add);
        actual.keySet().stream().filter(k -> which.test(metricOf(k))).forEach(keys::add);
        for (String k : keys) {
            Value e = values.get(k);
            MetricValue a = actual.get(k);
            if (e == null) {
                out.add(k + ": not expected, engine gave " + show(a));
                continue;
            }
            if (a == null) {
                if (requirePresence) {
                    out.add(k + ": expected " + show(e) + ", engine gave no value");
                }
                continue;
            }
            if (a.value() != null && !Double.isFinite(a.value())) {
                out.add(k + ": expected " + show(e) + ", engine gave a non-finite value " + show(a));
                continue;
            }
            if (a.value() == null && (a.undefined() == null || a.undefined().isBlank())) {
                out.add(k + ": engine gave no value and no reason");
                continue;
            }
            if ((e.value() == null) != (a.value() == null)) {
                out.add(k + ": expected " + show(e) + ", engine gave " + show(a));
                continue;
            }
            if (e.value() == null) {
                continue;
            }
            if (!close(e.value(), a.value(), e.tolerance()) || e.n() != null && e.n() != a.n()) {
                out.add(k + ": expected " + show(e) + ", engine gave " + show(a));
            }
        }
        return out;
    }

    static String metricOf(String key) {
        return key.substring(0, key.indexOf('|'));
    }

    private static boolean close(double e, double a, Tolerance t) {
        return switch (t) {
            case COUNT -> e == a;
            case RATE -> Math.abs(e - a) <= 1e-9;
            case UNBOUNDED -> Math.abs(e - a) <= 1e-9 * Math.max(1, Math.abs(e));
        };
    }

    private static String show(Value v) {
        return v.value() == null ? "undefined" : v.value() + (v.n() == null ? "" : " (n " + v.n() + ")");
    }

    private static String show(MetricValue v) {
        return v.value() == null ? "undefined (" + v.undefined() + ")" : v.value() + " (n " + v.n() + ")";
    }
}
