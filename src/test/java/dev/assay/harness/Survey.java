package dev.assay.harness;

import java.util.Map;
import java.util.TreeMap;

/**
 * Groups the mismatches of many tries by metric and kind, keeping the smallest table of each: one
 * property fails on its first mismatch, and shrinking then follows that one; the survey lists them all.
 */
final class Survey {

    private static final Map<String, String[]> SMALLEST = new TreeMap<>();

    private Survey() {
    }

    static synchronized void record(String property, int size, String shown, java.util.List<String> mismatches) {
        for (String m : mismatches) {
            String metric = Expected.metricOf(m);
            String kind = m.contains("not expected") ? "unexpected value" : m.contains("gave no value") ? "missing value"
                    : m.contains("non-finite") ? "non-finite value" : m.contains("expected undefined") ? "defined, expected undefined"
                    : m.contains("gave undefined") ? "undefined, expected defined" : "value or n differs";
            String key = property + " | " + metric + " | " + kind;
            String[] old = SMALLEST.get(key);
            if (old == null || size < Integer.parseInt(old[0])) {
                SMALLEST.put(key, new String[] {String.valueOf(size), m, shown});
            }
        }
    }

    static synchronized String report() {
        StringBuilder out = new StringBuilder("=== harness survey: " + SMALLEST.size() + " kinds of mismatch ===\n");
        SMALLEST.forEach((k, v) -> out.append("\n## ").append(k).append("\n").append(v[1]).append("\n").append(v[2]).append("\n"));
        return out.toString();
    }
}
