package dev.assay.harness;

import dev.assay.infrastructure.ColumnTypes;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static dev.assay.harness.Expected.Tolerance.UNBOUNDED;

/**
 * Row by row, the regression metrics (scikit-learn): mean absolute error, root mean squared error,
 * r2 = 1 - SS_res / SS_tot (undefined when every label is the same), mean prediction, and the spread of
 * group mean predictions; over rows with both a label and a prediction. They apply when the label
 * and the prediction are numeric columns; otherwise each scope has one undefined value.
 */
final class RefRegression {

    static final List<String> IDS = List.of("mean_absolute_error", "root_mean_squared_error", "r2", "mean_prediction");

    static void expect(List<Obs> rows, Map<String, String> types, Expected e) {
        if (!ColumnTypes.isNumeric(types.get("y")) || !ColumnTypes.isNumeric(types.get("p"))) {
            for (String id : IDS) {
                e.undefined(id, null, null);
                e.undefined(id, "g", null);
            }
            e.undefined("mean_prediction_difference", "g", null);
            return;
        }
        Map<String, List<Obs>> groups = new LinkedHashMap<>();
        RefOutcomes.groups(rows).keySet().forEach(k -> groups.put(k, new ArrayList<>()));
        rows.forEach(o -> groups.get(o.groupId()).add(o));
        perGroup(e, null, null, rows);
        Double max = null;
        Double min = null;
        long n = 0;
        for (Map.Entry<String, List<Obs>> g : groups.entrySet()) {
            Double mean = perGroup(e, "g", g.getKey(), g.getValue());
            if (mean != null && !g.getKey().equals(Obs.UNKNOWN)) {
                max = max == null ? mean : Math.max(max, mean);
                min = min == null ? mean : Math.min(min, mean);
                n += count(g.getValue());
            }
        }
        e.put("mean_prediction_difference", "g", null, null, max == null ? null : max - min, max == null ? null : n, UNBOUNDED);
    }

    private static long count(List<Obs> rows) {
        return rows.stream().filter(o -> o.y() != null && o.p() != null).mapToLong(Obs::w).sum();
    }

    /** The group's values; returns its mean prediction, or null when it has no rows with both. */
    private static Double perGroup(Expected e, String scope, String group, List<Obs> rows) {
        long n = count(rows);
        if (n == 0) {
            IDS.forEach(id -> e.undefined(id, scope, group));
            return null;
        }
        double abs = 0;
        double sq = 0;
        double ySum = 0;
        double pSum = 0;
        for (Obs o : rows) {
            if (o.y() != null && o.p() != null) {
                abs += o.w() * Math.abs(o.y() - o.p());
                sq += o.w() * (o.y() - o.p()) * (o.y() - o.p());
                ySum += o.w() * o.y();
                pSum += o.w() * o.p();
            }
        }
        double yMean = ySum / n;
        double total = 0;
        for (Obs o : rows) {
            if (o.y() != null && o.p() != null) {
                total += o.w() * (o.y() - yMean) * (o.y() - yMean);
            }
        }
        e.defined("mean_absolute_error", scope, group, abs / n, n, UNBOUNDED);
        e.defined("root_mean_squared_error", scope, group, Math.sqrt(sq / n), n, UNBOUNDED);
        e.defined("mean_prediction", scope, group, pSum / n, n, UNBOUNDED);
        if (total <= 0) {
            e.undefined("r2", scope, group);
        } else {
            e.defined("r2", scope, group, 1 - sq / total, n, UNBOUNDED);
        }
        return pSum / n;
    }
}
