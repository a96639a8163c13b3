package dev.assay.report;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A report as an NYC LL144 audit of a hiring model writes it, from counts chosen here: sex, race and their
 * intersection, one category excluded under 2%, one too small, one small cell, rounding to 2 decimals, and
 * a blocking four-fifths rule with an approved waiver. Rates and ratios are computed from the counts in the
 * plain formulas (selected / rows; rate / the reference's rate), so tests compare with those.
 */
final class AuditorFixture {

    /** Intersection categories: rows, selected. Long names, two sharing their first 17 characters. */
    static final Map<String, long[]> INTERSECTION = new LinkedHashMap<>();
    static final Map<String, long[]> RACE = new LinkedHashMap<>();
    static final long TOTAL;

    static {
        INTERSECTION.put("African-American*Female", new long[] {600, 240});
        INTERSECTION.put("African-American*Male", new long[] {1400, 420});
        INTERSECTION.put("Caucasian*Female", new long[] {500, 300});
        INTERSECTION.put("Caucasian*Male", new long[] {1300, 650});
        INTERSECTION.put("Native American*Female", new long[] {3, 1});
        INTERSECTION.put("Asian or Pacific Islander (self-described)*Male", new long[] {40, 30});
        RACE.put("African-American", new long[] {2000, 660});
        RACE.put("Caucasian", new long[] {1800, 950});
        RACE.put("Native American", new long[] {3, 1});
        RACE.put("Asian or Pacific Islander (self-described)", new long[] {40, 30});
        TOTAL = RACE.values().stream().mapToLong(c -> c[0]).sum();
    }

    /** The dataset profile's categorical column: its three most frequent categories of five, and the rest's rows. */
    static final dev.assay.dataset.ColumnProfile RACE_COLUMN = new dev.assay.dataset.ColumnProfile("race", "VARCHAR", 17, 0, null,
            new dev.assay.dataset.ColumnProfile.Categories(java.util.List.of(new dev.assay.dataset.ColumnProfile.Category("Caucasian", 4000),
                    new dev.assay.dataset.ColumnProfile.Category("African-American", 2000),
                    new dev.assay.dataset.ColumnProfile.Category("Hispanic", 1200)), 5, 300));

    /** A numeric integer column with a large maximum (thousands separated) and a mean with decimals. */
    static final dev.assay.dataset.ColumnProfile AGE_COLUMN = new dev.assay.dataset.ColumnProfile("age", "BIGINT", 0, 0,
            new dev.assay.dataset.ColumnProfile.Numeric(38.56123, 11.2, 18, 28.0, 37.0, 48.0, 1234567, null), null);

    private AuditorFixture() {
    }

    static double rate(long[] c) {
        return (double) c[1] / c[0];
    }

    /** The report JSON text; {@code waiverStatus} is the four-fifths waiver's status when the audit finished. */
    static String report(String waiverStatus) {
        JsonArrayBuilder findings = Json.createArrayBuilder();
        JsonArrayBuilder metrics = Json.createArrayBuilder();
        scope(findings, metrics, "nyc-ll144", "ll144-impact-ratio-intersectional", "race*sex", INTERSECTION, "warn", 1, 0.02);
        scope(findings, metrics, "nyc-ll144", "ll144-impact-ratio", "race", RACE, "warn", 1, 0.02);
        scope(findings, null, "eeoc-four-fifths", "four-fifths-impact-ratio", "race", RACE, "block", 30, 0);
        metrics.add(Json.createObjectBuilder().add("metric", "unknown_count").add("scope", "race").add("group", JsonValue.NULL)
                .add("value", 17).add("n", TOTAL + 17).add("ci", JsonValue.NULL));
        JsonObjectBuilder waiver = Json.createObjectBuilder().add("id", "w-1").add("rule", "four-fifths-impact-ratio")
                .add("status", waiverStatus).add("requestedBy", "olive").add("requestedAt", "2026-11-20T10:00:00Z")
                .add("expiresAt", "2026-12-20T10:00:00Z")
                .add("justification", "The sample over-represents one branch; a re-sample is scheduled for December.");
        if (!waiverStatus.equals("pending")) {
            waiver.add("decision", Json.createObjectBuilder().add("outcome", "approved").add("by", "ada")
                    .add("at", "2026-11-21T10:00:00Z").add("comment", "Until the re-sample."));
        }
        JsonObject card = Json.createObjectBuilder().add("model", "hiring").add("version", "2.0.0").add("owner", "hr-ml@example.com")
                .add("task", "binary-classification").add("riskTier", "high").add("favorableOutcome", "advance")
                .add("intendedUse", "Ranking applicants for a first interview; a recruiter reads every rejection before it is sent, "
                        + "and applicants may ask for a human review of their application at any time.")
                .add("columns", Json.createObjectBuilder().add("id", "applicant").add("prediction", "decision")
                        .add("protected", Json.createArrayBuilder().add("race").add("sex")))
                .build();
        return Json.createObjectBuilder()
                .add("reportFormat", 1)
                .add("assay", Json.createObjectBuilder().add("version", "test"))
                .add("audit", Json.createObjectBuilder().add("id", "a-ll144").add("requestedBy", "ci")
                        .add("requestedAt", "2026-11-27T09:59:59Z").add("completedAt", "2026-11-27T10:00:00Z"))
                .add("model", Json.createObjectBuilder().add("name", "hiring").add("version", "2.0.0").add("cardSha256", "b".repeat(64))
                        .add("registeredBy", "olive").add("registeredAt", "2026-11-27T09:00:00Z").add("card", card))
                .add("dataset", Json.createObjectBuilder().add("id", "d-1").add("sha256", "a".repeat(64)).add("role", "evaluation")
                        .add("format", "CSV").add("bytes", 123456).add("rows", TOTAL + 17).add("uploadedBy", "olive")
                        .add("columns", Json.createArrayBuilder().add(RACE_COLUMN.toJson()).add(AGE_COLUMN.toJson())))
                .add("policies", Json.createArrayBuilder()
                        .add(policy("nyc-ll144", "NYC Local Law 144 bias audit (AEDT)", Json.createArrayBuilder()
                                .add(rule("ll144-impact-ratio", "protected", "warn", 1, true))
                                .add(rule("ll144-impact-ratio-intersectional", "intersection", "warn", 1, true))))
                        .add(policy("eeoc-four-fifths", "EEOC four-fifths rule (adverse impact)", Json.createArrayBuilder()
                                .add(rule("four-fifths-impact-ratio", "protected", "block", 30, false)))))
                .add("parameters", Json.createObjectBuilder().add("confidence", 0.95).add("minimumGroupSize", 30))
                .add("rounding", Json.createObjectBuilder().add("decimals", 2).add("mode", "half_up"))
                .add("decision", "FAIL")
                .add("reasons", Json.createArrayBuilder().add("four-fifths-impact-ratio").add("ll144-impact-ratio"))
                .add("findings", findings)
                .add("metrics", metrics)
                .add("waivers", Json.createArrayBuilder().add(waiver))
                .add("signing", Json.createObjectBuilder().add("keyId", "k-1").add("algorithm", "ES256"))
                .build().toString();
    }

    private static JsonObject policy(String id, String title, JsonArrayBuilder rules) {
        return Json.createObjectBuilder().add("id", id).add("version", "1.0.0").add("title", title).add("sha256", "c".repeat(64))
                .add("rules", rules).build();
    }

    private static JsonObject rule(String id, String scope, String severity, long minimumGroupSize, boolean exclude) {
        JsonObjectBuilder r = Json.createObjectBuilder().add("id", id).add("description", "Selection-rate impact ratio of each category.")
                .add("metric", "impact_ratio").add("scope", Json.createArrayBuilder().add(scope)).add("threshold", 0.8)
                .add("upper", JsonValue.NULL).add("comparator", ">=").add("significance", JsonValue.NULL).add("severity", severity)
                .add("minimumGroupSize", minimumGroupSize).add("undefined", "warn")
                .add("cites", Json.createArrayBuilder().add(Json.createObjectBuilder().add("regulation", "NYC Local Law 144 of 2021; 6 RCNY")
                        .add("article", "6 RCNY § 5-301(b)").add("url", JsonValue.NULL)));
        if (exclude) {
            r.add("parameters", Json.createObjectBuilder().add("excludeBelowShare", 0.02));
        }
        return r.build();
    }

    /** One rule's findings over one scope, and (when {@code metrics} is given) the companions beside them. */
    private static void scope(JsonArrayBuilder findings, JsonArrayBuilder metrics, String policy, String rule, String scope,
                              Map<String, long[]> groups, String severity, long minimum, double excludeBelowShare) {
        String reference = null;
        double best = -1;
        for (var e : groups.entrySet()) {
            boolean excluded = (double) e.getValue()[0] / TOTAL < excludeBelowShare;
            if (!excluded && e.getValue()[0] >= minimum && rate(e.getValue()) > best) {
                best = rate(e.getValue());
                reference = e.getKey();
            }
        }
        for (var e : groups.entrySet()) {
            long[] c = e.getValue();
            double ratio = rate(c) / best;
            JsonObjectBuilder f = Json.createObjectBuilder().add("policy", policy).add("rule", rule).add("metric", "impact_ratio")
                    .add("scope", scope).add("group", e.getKey()).add("n", c[0]).add("reference", reference)
                    .add("comparator", ">=").add("threshold", 0.8).add("severity", severity);
            boolean excluded = (double) c[0] / TOTAL < excludeBelowShare;
            if (excluded) {
                f.add("value", JsonValue.NULL).add("ci", JsonValue.NULL).add("outcome", "undefined").add("effect", "warn")
                        .add("undefined", String.format(java.util.Locale.ROOT, "excluded: %.2f%% of the data, under the 2%% threshold (6 RCNY 5-301)",
                                100.0 * c[0] / TOTAL));
            } else if (c[0] < minimum) {
                f.add("value", ratio).add("ci", JsonValue.NULL).add("outcome", "undefined").add("effect", "warn")
                        .add("undefined", "insufficient data: " + c[0] + " rows, fewer than the minimum group size of " + minimum);
            } else {
                String outcome = e.getKey().equals(reference) || ratio >= 0.8 ? "pass" : "fail";
                f.add("value", ratio).add("reported", Rounding2.of(ratio))
                        .add("ci", e.getKey().equals(reference) ? JsonValue.NULL
                                : Json.createArrayBuilder().add(ratio * 0.9).add(Math.min(1.2, ratio * 1.1)).build())
                        .add("outcome", outcome).add("effect", outcome.equals("pass") ? "pass" : severity.equals("block") ? "fail" : "warn");
                if (!e.getKey().equals(reference)) {
                    f.add("pAdjusted", 0.00001);
                }
            }
            findings.add(f);
            if (metrics != null) {
                metrics.add(Json.createObjectBuilder().add("metric", "count").add("scope", scope).add("group", e.getKey())
                        .add("value", c[0]).add("n", c[0]).add("ci", JsonValue.NULL));
                metrics.add(Json.createObjectBuilder().add("metric", "selection_rate").add("scope", scope).add("group", e.getKey())
                        .add("value", rate(c)).add("reported", Rounding2.of(rate(c))).add("n", c[0])
                        .add("ci", Json.createArrayBuilder().add(rate(c) * 0.95).add(Math.min(1, rate(c) * 1.05))));
            }
        }
    }

    /** Rounds as an audit asking for 2 decimals, half up, does (the report's {@code reported}). */
    static final class Rounding2 {
        static java.math.BigDecimal of(double v) {
            return new Rounding(2, java.math.RoundingMode.HALF_UP).apply(v);
        }
    }
}
