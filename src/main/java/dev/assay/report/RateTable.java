package dev.assay.report;

import dev.assay.infrastructure.Figures;
import dev.assay.infrastructure.JsonValues;
import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The table a regulator asks for beside an impact-ratio rule (6 RCNY 5-301, 29 CFR 1607.4(D)), for one
 * rule and one scope: per category the rows (applicants), the number selected (or scored above the median),
 * the selection (or scoring) rate, the impact ratio and its interval, and whether the category was the
 * reference, excluded (under the rule's share of the data, its counts still shown as LL144 requires) or too
 * small; the reference category named; the unknown category as a count; what "selected" means for this
 * model (the card's favourable outcome); the rounded values the audit asked for.
 *
 * <p>Everything comes from the signed report: the rule's findings (ratio, interval, status), the companion
 * metrics reported beside them ({@code count}, {@code selection_rate} or {@code scoring_rate},
 * {@code unknown_count}). Reports written before those companions lack the counts, and the cells say "-".
 * Small cells (1 to {@value SmallCells#K} - 1 rows) are suppressed as everywhere else.
 *
 * @param rateMetric   {@code selection_rate} or {@code scoring_rate}
 * @param reference    the reference category; null when no category could serve
 * @param unknown      rows whose attribute is missing (they form no category); null when the report lacks it
 * @param selectedMeans what counts as selected for this model, in words
 * @param rounding     how the reported values were rounded ("2 decimals, half_up"); null for exact values only
 * @param extraColumns headers of optional per-category columns the findings carry (see {@link #EXTRA_COLUMNS})
 */
public record RateTable(String policy, String rule, String metric, String scope, String rateMetric, String reference,
                        Long unknown, String selectedMeans, String rounding, List<String> extraColumns, List<Row> rows) {

    /** The rule metrics that get this table, with the rate each is the ratio of. */
    static final Map<String, String> RATE_OF = Map.of("impact_ratio", "selection_rate", "scoring_impact_ratio", "scoring_rate");

    /**
     * Optional finding fields shown as further columns when a report carries them (finding key to header):
     * a new per-category figure is one entry here, and both renderers show it.
     */
    public static final Map<String, String> EXTRA_COLUMNS = Map.of(
            "minimum_detectable_impact_ratio", "minimum detectable ratio");

    /**
     * One category.
     *
     * @param rows     the category's rows; null when not reported (or suppressed)
     * @param decided  the rows the rate divides by (those with a prediction, or a score); null when not reported
     * @param selected rows selected (favourable prediction) or scored above the median; null when not reported
     * @param status   reference, pass, fail, warn, excluded, too small, suppressed or undefined
     * @param why      the reason a ratio is undefined, or the finding's note; empty otherwise
     * @param extras   the {@link #EXTRA_COLUMNS} values, by header, formatted
     */
    public record Row(String category, Long rows, Long decided, Long selected, Double rate, String reportedRate,
                      Double ratio, String reportedRatio, Double low, Double high, String status, String why,
                      Map<String, String> extras) {

        public String rowsText() {
            return count(rows);
        }

        public String selectedText() {
            return count(selected);
        }

        public String rateText() {
            return number(rate, reportedRate);
        }

        public String ratioText() {
            return number(ratio, reportedRatio);
        }

        public String intervalText() {
            return low == null || high == null ? "" : "[" + four(low) + ", " + four(high) + "]";
        }

        /** The extras in {@code headers}' order ("" where this row has none). */
        public List<String> extrasIn(List<String> headers) {
            return headers.stream().map(h -> extras.getOrDefault(h, "")).toList();
        }
    }

    public RateTable {
        extraColumns = List.copyOf(extraColumns);
        rows = List.copyOf(rows);
    }

    /** Whether some category's rate divides by fewer rows than it has (rows without a prediction or score). */
    public boolean ratesOverFewerRows() {
        return rows.stream().anyMatch(r -> r.rows() != null && r.decided() != null && !r.rows().equals(r.decided()));
    }

    /** The tables of every impact-ratio rule of {@code report}, per rule and scope, in the report's order. */
    public static List<RateTable> of(ReportDocument report) {
        List<JsonObject> findings = SmallCells.suppress(report.findings());
        List<JsonObject> metrics = SmallCells.suppress(report.metrics());
        List<RateTable> tables = new ArrayList<>();
        for (JsonObject policy : report.policies()) {
            for (JsonObject rule : policy.getJsonArray("rules").getValuesAs(JsonObject.class)) {
                String rateMetric = RATE_OF.get(rule.getString("metric", ""));
                if (rateMetric == null) {
                    continue;
                }
                Map<String, List<JsonObject>> byScope = new LinkedHashMap<>();
                for (JsonObject f : findings) {
                    if (policy.getString("id").equals(f.getString("policy", null)) && rule.getString("id").equals(f.getString("rule", null))
                            && f.get("group") instanceof JsonString && f.get("scope") instanceof JsonString scope) {
                        byScope.computeIfAbsent(scope.getString(), k -> new ArrayList<>()).add(f);
                    }
                }
                byScope.forEach((scope, ofScope) -> tables.add(table(report, policy.getString("id"), rule, scope, rateMetric,
                        ofScope, metrics)));
            }
        }
        return tables;
    }

    private static RateTable table(ReportDocument report, String policy, JsonObject rule, String scope, String rateMetric,
                                   List<JsonObject> findings, List<JsonObject> metrics) {
        String reference = findings.stream().map(f -> f.get("reference")).filter(r -> r instanceof JsonString)
                .map(r -> ((JsonString) r).getString()).findFirst().orElse(null);
        List<String> extraColumns = EXTRA_COLUMNS.entrySet().stream()
                .filter(e -> findings.stream().anyMatch(f -> f.containsKey(e.getKey()))).map(Map.Entry::getValue).sorted().toList();
        List<Row> rows = new ArrayList<>();
        for (JsonObject f : findings) {
            String group = f.getString("group");
            JsonObject count = metric(metrics, "count", scope, group);
            JsonObject rate = metric(metrics, rateMetric, scope, group);
            Long decided = rate != null && rate.get("n") instanceof JsonNumber n ? n.longValue() : null;
            Double rateValue = rate != null && rate.get("value") instanceof JsonNumber v ? v.doubleValue() : null;
            // rate = selected / decided exactly, so this product is within far less than 0.5 of the whole count.
            Long selected = rateValue != null && decided != null ? Math.round(rateValue * decided) : null;
            Map<String, String> extras = new LinkedHashMap<>();
            EXTRA_COLUMNS.forEach((key, header) -> {
                if (f.containsKey(key)) {
                    extras.put(header, f.get(key) instanceof JsonNumber n ? four(n.doubleValue()) : JsonValues.text(f.get(key), ""));
                }
            });
            rows.add(new Row(group, count != null && count.get("value") instanceof JsonNumber c ? c.longValue() : null, decided,
                    selected, rateValue, reported(rate), f.get("value") instanceof JsonNumber v ? v.doubleValue() : null,
                    reported(f), end(f, 0), end(f, 1), status(f, group, reference), why(f), extras));
        }
        JsonObject unknown = metric(metrics, "unknown_count", scope, null);
        return new RateTable(policy, rule.getString("id"), rule.getString("metric"), scope, rateMetric, reference,
                unknown != null && unknown.get("value") instanceof JsonNumber u ? u.longValue() : null,
                selectedMeans(report, rateMetric, metrics, scope), rounding(report.rounding()), extraColumns, rows);
    }

    /** What "selected" means: the card's favourable prediction, or a score above the sample median. */
    private static String selectedMeans(ReportDocument report, String rateMetric, List<JsonObject> metrics, String scope) {
        JsonObject card = report.model().card() == null ? JsonValue.EMPTY_JSON_OBJECT : report.model().card();
        JsonObject columns = card.get("columns") instanceof JsonObject c ? c : JsonValue.EMPTY_JSON_OBJECT;
        if (rateMetric.equals("scoring_rate")) {
            JsonObject any = metrics.stream().filter(m -> rateMetric.equals(m.getString("metric")) && scope.equals(
                    JsonValues.text(m.get("scope"), null)) && m.get("note") instanceof JsonString).findFirst().orElse(null);
            return "scored: " + JsonValues.text(columns.get("score"), "the score") + " "
                    + (any == null ? "above the sample median" : any.getString("note").replaceFirst("^scores ", ""));
        }
        return "selected: " + JsonValues.text(columns.get("prediction"), "the prediction") + " is "
                + JsonValues.text(card.get("favorableOutcome"), "the favourable outcome") + " (the model card's favourable outcome)";
    }

    private static String rounding(JsonObject rounding) {
        if (rounding == null) {
            return null;
        }
        return JsonValues.text(rounding.get("decimals"), "2") + " decimals, " + JsonValues.text(rounding.get("mode"), "half_up");
    }

    private static String status(JsonObject f, String group, String reference) {
        String undefined = f.getString("undefined", null);
        if (SmallCells.SUPPRESSED.equals(undefined)) {
            return "suppressed";
        }
        if (undefined != null && undefined.startsWith("excluded")) {
            return "excluded";
        }
        if (undefined != null && undefined.startsWith("insufficient data")) {
            return "too small";
        }
        if (undefined != null) {
            return "undefined";
        }
        if (group.equals(reference)) {
            return "reference";
        }
        return f.getString("outcome", "undefined");
    }

    private static String why(JsonObject f) {
        return f.getString("undefined", "");
    }

    private static JsonObject metric(List<JsonObject> metrics, String metric, String scope, String group) {
        for (JsonObject m : metrics) {
            // The whole group's value: not one within a stratum of a rule's control columns, nor a multiclass model's per-class
            // one (the regulator's table reads the favorable classes' rate).
            if (metric.equals(m.getString("metric")) && scope.equals(JsonValues.text(m.get("scope"), null)) && !m.containsKey("stratum")
                    && !m.containsKey("class")
                    && (group == null ? !(m.get("group") instanceof JsonString) : group.equals(JsonValues.text(m.get("group"), null)))) {
                return m;
            }
        }
        return null;
    }

    private static String reported(JsonObject o) {
        return o != null && o.get("reported") instanceof JsonNumber r ? r.bigDecimalValue().toPlainString() : null;
    }

    private static Double end(JsonObject f, int i) {
        return f.get("ci") instanceof JsonArray ci && ci.size() == 2 && ci.get(i) instanceof JsonNumber n ? n.doubleValue() : null;
    }

    private static String count(Long n) {
        return Figures.count(n);
    }

    /** The published (rounded) value first when the audit asked for rounding, the exact one beside it. */
    private static String number(Double exact, String reported) {
        if (exact == null) {
            return "-";
        }
        return reported == null ? four(exact) : reported + " (" + four(exact) + ")";
    }

    /** The exact value as every number is written (see {@link Figures#number}). */
    static String four(double v) {
        return Figures.number(v);
    }
}
