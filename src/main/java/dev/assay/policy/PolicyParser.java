package dev.assay.policy;

import dev.assay.api.FieldError;
import dev.assay.api.Problem;
import dev.assay.infrastructure.CanonicalJson;
import dev.assay.infrastructure.Yaml;
import dev.assay.infrastructure.YamlPositions;
import dev.assay.infrastructure.RegexSyntax;
import dev.assay.metric.ColumnExpectation;
import dev.assay.metric.MetricCatalogue;
import dev.assay.metric.quality.ColumnChecks;
import dev.assay.metric.Reference;
import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Parses and checks a policy pack in three passes, reporting every mistake of a pass at once, each
 * with its JSON pointer and its line and column in the YAML: YAML syntax; the JSON Schema
 * (policies/schema/policy-pack.schema.json); then meaning (known metric ids, unique rule ids, sane
 * thresholds).
 */
public final class PolicyParser {

    private PolicyParser() {
    }

    public static Policy parse(String yaml) {
        JsonValue json = Yaml.readJson(yaml, "The policy");
        if (json instanceof JsonObject o && o.containsKey("extends")) {
            throw Problem.invalid("This pack extends another; it is resolved when stored",
                    List.of(FieldError.at("/extends", "a pack that extends another is checked by PUT /api/v1/policies/{id}")));
        }
        return parse(json, yaml);
    }

    /** Checks a document's shape against the schema alone, errors placed in its YAML. */
    public static void checkShape(JsonValue json, String yaml) {
        List<FieldError> errors = PolicySchema.validate(json.toString());
        if (!errors.isEmpty()) {
            throw Problem.invalid("The policy does not follow the policy schema (" + errors.size() + " problem(s))",
                    placed(errors, YamlPositions.of(yaml)));
        }
    }

    /**
     * Parses a pack's JSON form; {@code yaml} is the text it was read from (so errors get line and
     * column), or null for a resolved pack, whose pointers name no place in any one text.
     */
    public static Policy parse(JsonValue json, String yaml) {
        YamlPositions positions = YamlPositions.of(yaml == null ? "" : yaml);
        List<FieldError> schemaErrors = PolicySchema.validate(json.toString());
        if (schemaErrors.isEmpty() && json instanceof JsonObject o && !o.containsKey("rules")) {
            schemaErrors = List.of(FieldError.at("/rules", "is required (only a pack that extends another may leave it out)"));
        }
        if (!schemaErrors.isEmpty()) {
            throw Problem.invalid("The policy does not follow the policy schema (" + schemaErrors.size() + " problem(s))",
                    placed(schemaErrors, positions));
        }
        JsonObject pack = (JsonObject) json;
        List<FieldError> errors = new ArrayList<>();
        List<Rule> rules = new ArrayList<>();
        Set<String> ids = new LinkedHashSet<>();
        JsonArray array = pack.getJsonArray("rules");
        for (int i = 0; i < array.size(); i++) {
            Rule rule = rule(array.getJsonObject(i), "/rules/" + i, errors);
            if (!ids.add(rule.id())) {
                errors.add(FieldError.at("/rules/" + i + "/id", "rule id '" + rule.id() + "' is used twice in this pack"));
            }
            rules.add(rule);
        }
        if (!errors.isEmpty()) {
            throw Problem.invalid("The policy has " + errors.size() + " problem(s)", placed(errors, positions));
        }
        return new Policy(pack.getString("id"), pack.getString("version"), pack.getString("title"),
                pack.getString("description", ""), rules, CanonicalJson.sha256(pack), yaml);
    }

    /** The errors with the line and column their pointers land on. */
    private static List<FieldError> placed(List<FieldError> errors, YamlPositions positions) {
        return errors.stream().map(e -> positions.locate(e.pointer())
                .map(p -> new FieldError(e.pointer(), p[0], p[1], e.message())).orElse(e)).toList();
    }

    private static Rule rule(JsonObject r, String at, List<FieldError> errors) {
        String metric = r.getString("metric");
        if (MetricCatalogue.find(metric).isEmpty()) {
            errors.add(FieldError.at(at + "/metric", "unknown metric '" + metric
                    + "'; the README's metric reference lists every metric id"));
        }
        List<String> scope = new ArrayList<>();
        if (r.get("scope") instanceof JsonString s) {
            scope.add(s.getString());
        } else {
            r.getJsonArray("scope").getValuesAs(JsonString.class).forEach(s -> scope.add(s.getString()));
        }
        Threshold threshold = threshold(r.getJsonObject("threshold"), at + "/threshold", errors);
        Rule.Severity severity = Rule.Severity.valueOf(r.getString("severity").toUpperCase(Locale.ROOT));
        Outcome onUndefined = Outcome.valueOf(r.getString("undefined", "warn").toUpperCase(Locale.ROOT));
        long minimumGroupSize = r.containsKey("minimumGroupSize") ? r.getJsonNumber("minimumGroupSize").longValue() : 30;
        List<Citation> cites = new ArrayList<>();
        if (r.get("cites") instanceof JsonArray list) {
            list.getValuesAs(JsonObject.class).forEach(c -> cites.add(new Citation(c.getString("regulation"),
                    c.getString("article", null), c.getString("url", null))));
        }
        Double maxAdjustedP = r.get("significance") instanceof JsonObject sig
                ? sig.getJsonNumber("maxAdjustedP").doubleValue() : null;
        Set<String> tasks = new LinkedHashSet<>();
        Set<String> tiers = new LinkedHashSet<>();
        if (r.get("when") instanceof JsonObject when) {
            if (when.get("task") instanceof JsonArray t) {
                t.getValuesAs(JsonString.class).forEach(v -> tasks.add(v.getString()));
            }
            if (when.get("riskTier") instanceof JsonArray t) {
                t.getValuesAs(JsonString.class).forEach(v -> tiers.add(v.getString()));
            }
        }
        RuleParameters parameters = parameters(r);
        checkExpectation(metric, parameters.expectation(), at, errors);
        return new Rule(r.getString("id"), r.getString("description", ""), metric, scope, threshold, severity,
                minimumGroupSize, onUndefined, cites, parameters, maxAdjustedP, tasks, tiers);
    }

    private static Threshold threshold(JsonObject t, String at, List<FieldError> errors) {
        if (t.get("between") instanceof JsonArray band) {
            double lower = band.getJsonNumber(0).doubleValue();
            double upper = band.getJsonNumber(1).doubleValue();
            if (lower > upper) {
                errors.add(FieldError.at(at + "/between", "the lower bound " + lower + " is above the upper bound " + upper));
            }
            return Threshold.between(lower, upper);
        }
        double value = t.getJsonNumber("value").doubleValue();
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            errors.add(FieldError.at(at + "/value", "must be a finite number"));
        }
        return new Threshold(Threshold.Comparator.bySymbol(t.getString("comparator")).orElseThrow(), value);
    }

    private static RuleParameters parameters(JsonObject r) {
        Reference reference = null;
        JsonValue ref = r.get("reference");
        if (ref instanceof JsonString s) {
            reference = switch (s.getString()) {
                case "majority" -> Reference.MAJORITY;
                case "overall" -> Reference.OVERALL;
                default -> Reference.HIGHEST_RATE;
            };
        } else if (ref instanceof JsonObject o) {
            reference = Reference.named(o.getString("group"));
        }
        if (!(r.get("parameters") instanceof JsonObject p)) {
            return new RuleParameters(reference, null, null, null, null, null, ColumnExpectation.NONE, List.of());
        }
        return new RuleParameters(reference, number(p, "confidence"), number(p, "excludeBelowShare"),
                p.containsKey("scoringRate") ? p.getString("scoringRate").equals("above_median") : null,
                p.containsKey("equalizedOdds") ? p.getString("equalizedOdds").equals("worst_case") : null,
                number(p, "alpha"), expectation(p), p.get("proxies") instanceof JsonArray proxies
                ? proxies.getValuesAs(JsonString.class).stream().map(JsonString::getString).toList() : List.of());
    }

    private static ColumnExpectation expectation(JsonObject p) {
        JsonObject range = p.get("range") instanceof JsonObject o ? o : JsonValue.EMPTY_JSON_OBJECT;
        return new ColumnExpectation(
                p.containsKey("type") ? ColumnExpectation.DeclaredType.byId(p.getString("type")).orElseThrow() : null,
                p.get("allowedValues") instanceof JsonArray values ? values : List.of(),
                number(range, "min"), number(range, "max"), p.getString("pattern", null));
    }

    /** The declaration each validity metric reads, with the parameter that holds it. */
    private static void checkExpectation(String metric, ColumnExpectation e, String at, List<FieldError> errors) {
        ColumnChecks.missingParameter(metric, e).ifPresent(missing ->
                errors.add(FieldError.at(at + "/parameters", "metric '" + metric + "' needs parameters." + missing)));
        if (e.minimum() != null && e.maximum() != null && e.minimum() > e.maximum()) {
            errors.add(FieldError.at(at + "/parameters/range", "min " + e.minimum() + " is above max " + e.maximum()));
        }
        if (e.pattern() != null) {
            RegexSyntax.error(e.pattern()).ifPresent(why -> errors.add(FieldError.at(at + "/parameters/pattern",
                    "not a regular expression DuckDB (RE2 syntax) accepts: " + why)));
        }
    }

    private static Double number(JsonObject o, String key) {
        return Optional.ofNullable(o.get(key)).filter(v -> v instanceof JsonNumber)
                .map(v -> ((JsonNumber) v).doubleValue()).orElse(null);
    }
}
