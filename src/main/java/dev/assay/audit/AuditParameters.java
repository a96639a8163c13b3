package dev.assay.audit;

import dev.assay.failure.FieldError;
import dev.assay.metric.ColumnExpectation;
import dev.assay.metric.MetricParameters;
import dev.assay.metric.Reference;
import dev.assay.metric.drift.DriftMetrics;
import dev.assay.metric.privacy.PhoneNumbers;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The optional {@code parameters} of an audit request, and their pinned JSON form:
 * <pre>{ "confidence": 0.95, "minimumGroupSize": 30,
 *   "reference": "highest_rate" | "majority" | "overall" | {"group": "White"},
 *   "equalizedOdds": "worst_case" | "mean", "alpha": 2,
 *   "excludeBelowShare": 0.02, "scoringRate": "above_median" | "at_or_above_median",
 *   "driftTests": {"age": "ks" | "wasserstein" | "psi" | "chi_square" | "jensen_shannon"},
 *   "phoneRegions": ["US", "GB"] }</pre>
 * Rules set their own minimum group size; these apply to the metrics an audit requests besides them.
 * {@code phoneRegions} (ISO 3166-1 alpha-2 codes with a numbering plan in libphonenumber) are the regions whose
 * national phone formats the personal-data scan reads, for every rule of the audit; numbers written with + are
 * read for every country whatever it says (see {@link dev.assay.metric.privacy.PhoneNumbers}).
 */
public final class AuditParameters {

    private AuditParameters() {
    }

    public static MetricParameters parse(JsonObject json, List<FieldError> errors) {
        MetricParameters p = MetricParameters.DEFAULTS;
        if (json == null) {
            return p;
        }
        double confidence = number(json, "confidence", p.confidence(), errors);
        if (!(confidence > 0.5 && confidence < 1)) {
            errors.add(FieldError.at("/parameters/confidence", "must be between 0.5 and 1, e.g. 0.95"));
            confidence = p.confidence();
        }
        double size = number(json, "minimumGroupSize", p.minimumGroupSize(), errors);
        if (size < 1 || size != Math.rint(size)) {
            errors.add(FieldError.at("/parameters/minimumGroupSize", "must be a whole number of at least 1"));
            size = p.minimumGroupSize();
        }
        Reference reference = p.reference();
        JsonValue ref = json.get("reference");
        if (ref instanceof JsonString s) {
            reference = switch (s.getString()) {
                case "highest_rate" -> Reference.HIGHEST_RATE;
                case "majority" -> Reference.MAJORITY;
                case "overall" -> Reference.OVERALL;
                default -> {
                    errors.add(FieldError.at("/parameters/reference", "must be highest_rate, majority, overall or {\"group\": ...}"));
                    yield p.reference();
                }
            };
        } else if (ref instanceof JsonObject o && o.get("group") instanceof JsonString g) {
            reference = Reference.named(g.getString());
        } else if (ref != null) {
            errors.add(FieldError.at("/parameters/reference", "must be highest_rate, majority, overall or {\"group\": ...}"));
        }
        boolean worstCase = choice(json, "equalizedOdds", "worst_case", "mean", errors);
        double alpha = number(json, "alpha", p.alpha(), errors);
        double exclude = number(json, "excludeBelowShare", p.excludeBelowShare(), errors);
        if (exclude < 0 || exclude >= 0.5) {
            errors.add(FieldError.at("/parameters/excludeBelowShare", "must be at least 0 and under 0.5 (NYC LL144 allows 0.02)"));
            exclude = 0;
        }
        boolean strict = choice(json, "scoringRate", "above_median", "at_or_above_median", errors);
        Map<String, String> driftTests = new TreeMap<>();
        JsonValue tests = json.get("driftTests");
        if (tests instanceof JsonObject byColumn) {
            byColumn.forEach((column, test) -> {
                if (test instanceof JsonString t && DriftMetrics.TESTS.contains(t.getString())) {
                    driftTests.put(column, t.getString());
                } else {
                    errors.add(FieldError.at("/parameters/driftTests/" + column.replace("~", "~0").replace("/", "~1"),
                            "must be one of " + String.join(", ", DriftMetrics.TESTS)));
                }
            });
        } else if (tests != null) {
            errors.add(FieldError.at("/parameters/driftTests", "must be an object: column name to test"));
        }
        List<String> phoneRegions = phoneRegions(json.get("phoneRegions"), p.phoneRegions(), errors);
        return new MetricParameters(confidence, (long) size, reference, worstCase, alpha, true, exclude, strict,
                ColumnExpectation.NONE, driftTests, List.of(), phoneRegions);
    }

    /** A non-empty array of region codes libphonenumber has a plan for, upper-cased; the fallback and an error otherwise. */
    private static List<String> phoneRegions(JsonValue v, List<String> fallback, List<FieldError> errors) {
        if (v == null) {
            return fallback;
        }
        String problem = "must be a non-empty array of ISO 3166-1 alpha-2 region codes, e.g. [\"US\", \"GB\"]";
        if (!(v instanceof JsonArray array) || array.isEmpty()
                || !array.stream().allMatch(JsonString.class::isInstance)) {
            errors.add(FieldError.at("/parameters/phoneRegions", problem));
            return fallback;
        }
        try {
            return new PhoneNumbers(array.getValuesAs(JsonString.class).stream().map(JsonString::getString).toList()).regions();
        } catch (IllegalArgumentException e) {
            errors.add(FieldError.at("/parameters/phoneRegions", e.getMessage()));
            return fallback;
        }
    }

    public static JsonObject toJson(MetricParameters p) {
        JsonObjectBuilder b = Json.createObjectBuilder()
                .add("confidence", p.confidence())
                .add("minimumGroupSize", p.minimumGroupSize())
                .add("equalizedOdds", p.worstCase() ? "worst_case" : "mean")
                .add("alpha", p.alpha())
                .add("excludeBelowShare", p.excludeBelowShare())
                .add("scoringRate", p.strictMedian() ? "above_median" : "at_or_above_median");
        switch (p.reference().kind()) {
            case NAMED -> b.add("reference", Json.createObjectBuilder().add("group", p.reference().group()));
            default -> b.add("reference", p.reference().kind().name().toLowerCase(Locale.ROOT));
        }
        if (!p.driftTests().isEmpty()) {
            // Only when chosen: requests without it keep the inputs hash they always had.
            JsonObjectBuilder tests = Json.createObjectBuilder();
            p.driftTests().forEach(tests::add);
            b.add("driftTests", tests);
        }
        if (!p.phoneRegions().equals(PhoneNumbers.DEFAULT_REGIONS)) {
            // Only when chosen, as driftTests.
            b.add("phoneRegions", Json.createArrayBuilder(p.phoneRegions()));
        }
        return b.build();
    }

    private static double number(JsonObject json, String key, double fallback, List<FieldError> errors) {
        JsonValue v = json.get(key);
        if (v == null) {
            return fallback;
        }
        if (v instanceof JsonNumber n) {
            return n.doubleValue();
        }
        errors.add(FieldError.at("/parameters/" + key, "must be a number"));
        return fallback;
    }

    private static boolean choice(JsonObject json, String key, String first, String second, List<FieldError> errors) {
        JsonValue v = json.get(key);
        if (v == null) {
            return true;
        }
        if (v instanceof JsonString s && (s.getString().equals(first) || s.getString().equals(second))) {
            return s.getString().equals(first);
        }
        errors.add(FieldError.at("/parameters/" + key, "must be " + first + " or " + second));
        return true;
    }
}
