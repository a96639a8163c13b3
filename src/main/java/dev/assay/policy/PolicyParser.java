package dev.assay.policy;

import dev.assay.failure.FieldError;
import dev.assay.failure.InvalidInput;
import dev.assay.infrastructure.CanonicalJson;
import dev.assay.infrastructure.Yaml;
import dev.assay.infrastructure.YamlPositions;
import dev.assay.infrastructure.RegexSyntax;
import dev.assay.infrastructure.SchemaCheck;
import dev.assay.metric.ColumnExpectation;
import dev.assay.metric.MetricDefinition;
import dev.assay.metric.TopK;
import dev.assay.metric.engine.MetricCatalogue;
import dev.assay.metric.engine.MetricEngine;
import dev.assay.metric.fairness.MinimumDetectable;
import dev.assay.metric.performance.ChangeFromApproved;
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
 * Parses and checks a policy pack, reporting every mistake at once, each with its JSON pointer and its
 * line and column in the YAML: the JSON Schema (policies/schema/policy-pack.schema.json) and meaning
 * (known metric ids, unique rule ids, sane bands and ranges, the declarations column checks need,
 * RE2 patterns) are checked together, so a pack with a misspelt key and an unknown metric hears of
 * both in one answer. Only YAML syntax stops earlier: without a tree there is nothing to check.
 */
public final class PolicyParser {

    /** {@code significance.test} for the paired test of a change (the default), as written in a pack. */
    static final String PAIRED = "paired";

    private PolicyParser() {
    }

    public static Policy parse(String yaml) {
        JsonValue json = Yaml.readJson(yaml, "The policy");
        if (json instanceof JsonObject o && o.containsKey("extends")) {
            throw new InvalidInput("This pack extends another; it is resolved when stored",
                    List.of(FieldError.at("/extends", "a pack that extends another is checked by PUT /api/v1/policies/{id}")));
        }
        return parse(json, yaml);
    }

    /**
     * Every mistake of a document that extends another: the schema's, and the meaning of the rules it
     * adds and the fields it overrides (metric ids, bands, ranges, patterns) as far as they can be
     * judged without the pack it extends; by pointer (the caller places them with the others).
     */
    public static List<FieldError> problemsOfExtension(JsonValue json) {
        List<FieldError> errors = new ArrayList<>(PolicySchema.validate(json));
        if (json instanceof JsonObject pack) {
            validFor(pack, "", errors);
            if (pack.get("rules") instanceof JsonArray rules) {
                meaning(rules, "/rules", errors);
            }
            if (pack.get("overrides") instanceof JsonObject overrides) {
                overrides.forEach((id, fields) -> {
                    if (fields instanceof JsonObject f) {
                        ruleMeaning(f, "/overrides/" + SchemaCheck.escape(id), false, errors);
                    }
                });
            }
        }
        return distinct(errors);
    }

    /**
     * Parses a pack's JSON form; {@code yaml} is the text it was read from (so errors get line and
     * column), or null for a resolved pack, whose pointers name no place in any one text.
     */
    public static Policy parse(JsonValue json, String yaml) {
        List<FieldError> errors = new ArrayList<>(PolicySchema.validate(json));
        if (errors.isEmpty() && json instanceof JsonObject o && !o.containsKey("rules")) {
            errors.add(FieldError.at("/rules", "is required (only a pack that extends another may leave it out)"));
        }
        if (json instanceof JsonObject pack && pack.get("rules") instanceof JsonArray rules) {
            meaning(rules, "/rules", errors);
        }
        if (json instanceof JsonObject pack) {
            validFor(pack, "", errors);
        }
        if (!errors.isEmpty()) {
            throw new InvalidInput("The policy has " + distinct(errors).size() + " problem(s)",
                    SchemaCheck.placed(distinct(errors), YamlPositions.of(yaml == null ? "" : yaml)));
        }
        // The shape is right and means something: the typed rules can be read without further checks.
        JsonObject pack = (JsonObject) json;
        List<Rule> rules = pack.getJsonArray("rules").getValuesAs(JsonObject.class).stream().map(PolicyParser::rule).toList();
        return new Policy(pack.getString("id"), pack.getString("version"), pack.getString("title"),
                pack.getString("description", ""), rules, CanonicalJson.sha256(pack), yaml, validity(pack));
    }

    private static List<FieldError> distinct(List<FieldError> errors) {
        return List.copyOf(new LinkedHashSet<>(errors));
    }

    /**
     * What the schema cannot say, for every rule whatever else is wrong with the pack: each check reads
     * only values of the type it needs, so a rule the schema refuses is judged as far as it can be.
     */
    private static void meaning(JsonArray rules, String at, List<FieldError> errors) {
        Set<String> ids = new LinkedHashSet<>();
        for (int i = 0; i < rules.size(); i++) {
            if (rules.get(i) instanceof JsonObject r) {
                if (r.get("id") instanceof JsonString id && !ids.add(id.getString())) {
                    errors.add(FieldError.at(at + "/" + i + "/id", "rule id '" + id.getString() + "' is used twice in this pack"));
                }
                ruleMeaning(r, at + "/" + i, true, errors);
            }
        }
    }

    /** {@code whole}: a complete rule (so a column check's missing declaration is an error), not an override. */
    private static void ruleMeaning(JsonObject r, String at, boolean whole, List<FieldError> errors) {
        validFor(r, at, errors);
        String metric = r.get("metric") instanceof JsonString m ? m.getString() : null;
        if (metric != null && !metric.isEmpty() && MetricCatalogue.find(metric).isEmpty()) {
            errors.add(FieldError.at(at + "/metric", "unknown metric '" + metric
                    + "'; the README's metric reference lists every metric id"));
        }
        if (r.get("threshold") instanceof JsonObject t && t.get("between") instanceof JsonArray band && band.size() == 2
                && band.get(0) instanceof JsonNumber lo && band.get(1) instanceof JsonNumber hi
                && lo.doubleValue() > hi.doubleValue()) {
            errors.add(FieldError.at(at + "/threshold/between", "the lower bound " + lo.doubleValue()
                    + " is above the upper bound " + hi.doubleValue()));
        }
        if (metric != null && r.get("minimumDetectable") instanceof JsonObject md && MetricCatalogue.find(metric).isPresent()) {
            if (MetricEngine.detectable(metric).isEmpty()) {
                errors.add(FieldError.at(at + "/minimumDetectable", "metric '" + metric + "' has no minimum detectable effect;"
                        + " it exists for impact_ratio, disparate_impact, statistical_parity_difference and the between-groups"
                        + " disparities of rates"));
            } else {
                MinimumDetectable.Scale scale = MinimumDetectable.scaleOf(metric);
                String wrong = scale == MinimumDetectable.Scale.RATIO ? "difference" : "impactRatio";
                if (md.containsKey(wrong)) {
                    errors.add(FieldError.at(at + "/minimumDetectable/" + wrong, "metric '" + metric + "' is judged as a "
                            + scale.name().toLowerCase(Locale.ROOT) + ": use " + (wrong.equals("difference") ? "impactRatio" : "difference")));
                }
            }
        }
        if (metric != null && MetricCatalogue.find(metric).filter(d -> d.kind() == MetricDefinition.Kind.GROUP_COMPARISON).isPresent()
                && scopes(r).contains("overall")) {
            // Over the whole dataset there is one group and nothing to compare it with (the comparison's reference would be itself).
            errors.add(FieldError.at(at + "/scope", "metric '" + metric + "' compares groups with a reference group; the scope"
                    + " 'overall' is one group, the whole dataset: use protected, intersection or an attribute's name"));
        }
        if (metric != null && MetricCatalogue.find(metric).isPresent() && r.get("controls") instanceof JsonArray controls
                && !controls.isEmpty()) {
            controlsMeaning(metric, r, at, errors);
        }
        if (metric != null && MetricCatalogue.find(metric).isPresent() && r.get("significance") instanceof JsonObject significance) {
            significanceMeaning(metric, significance, at + "/significance", errors);
        }
        JsonObject p = r.get("parameters") instanceof JsonObject o ? o : JsonValue.EMPTY_JSON_OBJECT;
        cutMeaning(metric, p, at, whole, errors);
        ColumnExpectation e = looseExpectation(p);
        if (whole && metric != null && MetricCatalogue.find(metric).isPresent()) {
            // A declaration that is there but of the wrong type is the schema's error, not a missing one.
            ColumnChecks.missingParameter(metric, e).filter(missing -> !p.containsKey(missing)).ifPresent(missing ->
                    errors.add(FieldError.at(at + "/parameters", "metric '" + metric + "' needs parameters." + missing)));
        }
        if (e.minimum() != null && e.maximum() != null && e.minimum() > e.maximum()) {
            errors.add(FieldError.at(at + "/parameters/range", "min " + e.minimum() + " is above max " + e.maximum()));
        }
        if (e.pattern() != null && !e.pattern().isEmpty()) {
            RegexSyntax.error(e.pattern()).ifPresent(why -> errors.add(FieldError.at(at + "/parameters/pattern",
                    "not a regular expression DuckDB (RE2 syntax) accepts: " + why)));
        }
    }

    /**
     * A ranking's cut, {@code k} or {@code share}: exactly one on a metric that needs it (a shortlist's selection rate
     * and impact ratio), at most one on a metric that may take it (exposure), none on any other metric, which would
     * silently ignore it.
     */
    /** A rule's scope as written: one name or a list of names (other shapes are the schema's to refuse). */
    private static List<String> scopes(JsonObject r) {
        if (r.get("scope") instanceof JsonString s) {
            return List.of(s.getString());
        }
        if (r.get("scope") instanceof JsonArray a) {
            return a.stream().filter(v -> v instanceof JsonString).map(v -> ((JsonString) v).getString()).toList();
        }
        return List.of();
    }

    private static void cutMeaning(String metric, JsonObject p, String at, boolean whole, List<FieldError> errors) {
        if (p.containsKey("k") && p.containsKey("share")) {
            errors.add(FieldError.at(at + "/parameters/share", "give k (rows) or share (of the ranked rows), not both"));
        }
        if (metric == null || MetricCatalogue.find(metric).isEmpty()) {
            return;
        }
        MetricDefinition d = MetricCatalogue.get(metric);
        if (!d.reads(MetricDefinition.Input.TOP_K) && !d.reads(MetricDefinition.Input.OPTIONAL_TOP_K)) {
            for (String field : List.of("k", "share")) {
                if (p.containsKey(field)) {
                    errors.add(FieldError.at(at + "/parameters/" + field, "metric '" + metric + "' ranks nothing: " + field
                            + " applies only to " + String.join(", ", MetricCatalogue.ids().stream().filter(id -> MetricCatalogue.get(id)
                            .reads(MetricDefinition.Input.TOP_K) || MetricCatalogue.get(id).reads(MetricDefinition.Input.OPTIONAL_TOP_K)).toList())));
                }
            }
        } else if (whole && d.reads(MetricDefinition.Input.TOP_K) && !p.containsKey("k") && !p.containsKey("share")) {
            errors.add(FieldError.at(at + "/parameters", "metric '" + metric + "' needs where the ranking is cut: parameters.k (rows)"
                    + " or parameters.share (of the ranked rows)"));
        }
    }

    /**
     * A change from the approved version is judged significant only by the tests Assay has for it; {@code test}
     * chooses between its paired and unpaired form, so it means nothing on another metric.
     */
    private static void significanceMeaning(String metric, JsonObject significance, String at, List<FieldError> errors) {
        boolean change = ChangeFromApproved.isChange(metric);
        if (significance.containsKey("test") && !change) {
            errors.add(FieldError.at(at + "/test", "'test' applies only to a *_change_from_approved metric (whether the two "
                    + "versions are compared on paired rows); metric '" + metric + "' has its own test"));
        }
        if (change && !ChangeFromApproved.TESTED.contains(ChangeFromApproved.base(metric))) {
            errors.add(FieldError.at(at, "no significance test for " + metric + ": changes are tested for "
                    + String.join(", ", ChangeFromApproved.TESTED.stream().map(ChangeFromApproved::id).toList())));
        }
    }

    /**
     * Control columns mean something only for a metric computed from the per-group counts, within each stratum (or
     * combined across them, Mantel-Haenszel); a minimum detectable effect is not computed per stratum.
     */
    private static void controlsMeaning(String metric, JsonObject r, String at, List<FieldError> errors) {
        if (!MetricCatalogue.get(metric).reads(MetricDefinition.Input.CONTROL_COLUMNS)) {
            errors.add(FieldError.at(at + "/controls", "metric '" + metric + "' is not computed within strata of control columns;"
                    + " controls apply to " + String.join(", ", CONTROLLED)));
        }
        if (r.containsKey("minimumDetectable")) {
            errors.add(FieldError.at(at + "/minimumDetectable", "a rule with controls has no minimum detectable effect"
                    + " (it is not computed within strata); leave out minimumDetectable or controls"));
        }
    }

    /** What a reader is told controls apply to: the conditional metrics, then the families of metrics computed per stratum. */
    private static final List<String> CONTROLLED = List.of("impact_ratio (judged on mantel_haenszel_impact_ratio)",
            "mantel_haenszel_impact_ratio", "mantel_haenszel_odds_ratio", "selection_rate", "count", "disparate_impact",
            "statistical_parity_difference", "equalized_odds_*", "demographic_parity_*", "equal_opportunity_*",
            "and every <rate>_difference / <rate>_ratio (also _to_overall)");

    /** The column declaration as far as its values have the right types (the schema names the others). */
    private static ColumnExpectation looseExpectation(JsonObject p) {
        JsonObject range = p.get("range") instanceof JsonObject o ? o : JsonValue.EMPTY_JSON_OBJECT;
        return new ColumnExpectation(
                p.get("type") instanceof JsonString t ? ColumnExpectation.DeclaredType.byId(t.getString()).orElse(null) : null,
                p.get("allowedValues") instanceof JsonArray values ? values : List.of(),
                number(range, "min"), number(range, "max"), p.get("pattern") instanceof JsonString s ? s.getString() : null);
    }

    /** A rule the schema and {@link #meaning} have passed. */
    private static Rule rule(JsonObject r) {
        String metric = r.getString("metric");
        List<String> scope = new ArrayList<>();
        if (r.get("scope") instanceof JsonString s) {
            scope.add(s.getString());
        } else {
            r.getJsonArray("scope").getValuesAs(JsonString.class).forEach(s -> scope.add(s.getString()));
        }
        Threshold threshold = threshold(r.getJsonObject("threshold"));
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
        DetectionRequirement detection = r.get("minimumDetectable") instanceof JsonObject md
                ? new DetectionRequirement(number(md, "impactRatio"), number(md, "difference")) : null;
        List<String> controls = r.get("controls") instanceof JsonArray c
                ? c.getValuesAs(JsonString.class).stream().map(JsonString::getString).toList() : List.of();
        return new Rule(r.getString("id"), r.getString("description", ""), metric, scope, threshold, severity,
                minimumGroupSize, onUndefined, cites, parameters, maxAdjustedP, tasks, tiers, detection, controls, validity(r));
    }


    /** The {@code validFor} of a pack or rule that {@link #validFor} has passed; null when it states none. */
    private static Validity validity(JsonObject o) {
        return o.get("validFor") instanceof JsonString s ? Validity.parse(s.getString()).orElseThrow() : null;
    }

    /**
     * A {@code validFor} the schema's pattern lets through that still means nothing: a duration of zero
     * ({@code P0D}), which would expire an audit as it completes.
     */
    private static void validFor(JsonObject o, String at, List<FieldError> errors) {
        if (o.get("validFor") instanceof JsonString s && Validity.FORM.matcher(s.getString()).matches()
                && Validity.parse(s.getString()).isEmpty()) {
            errors.add(FieldError.at(at + "/validFor", "must be longer than zero"));
        }
    }

    private static Threshold threshold(JsonObject t) {
        if (t.get("between") instanceof JsonArray band) {
            return Threshold.between(band.getJsonNumber(0).doubleValue(), band.getJsonNumber(1).doubleValue());
        }
        return new Threshold(Threshold.Comparator.bySymbol(t.getString("comparator")).orElseThrow(),
                t.getJsonNumber("value").doubleValue());
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
        Boolean paired = r.get("significance") instanceof JsonObject sig && sig.get("test") instanceof JsonString t
                ? t.getString().equals(PAIRED) : null;
        if (!(r.get("parameters") instanceof JsonObject p)) {
            return new RuleParameters(reference, null, null, null, null, null, ColumnExpectation.NONE, List.of(), paired);
        }
        TopK cut = p.get("k") instanceof JsonNumber k ? TopK.rows(k.longValueExact())
                : p.get("share") instanceof JsonNumber share ? TopK.share(share.doubleValue()) : null;
        return new RuleParameters(reference, number(p, "confidence"), number(p, "excludeBelowShare"),
                p.containsKey("scoringRate") ? p.getString("scoringRate").equals("above_median") : null,
                p.containsKey("equalizedOdds") ? p.getString("equalizedOdds").equals("worst_case") : null,
                number(p, "alpha"), expectation(p), p.get("proxies") instanceof JsonArray proxies
                ? proxies.getValuesAs(JsonString.class).stream().map(JsonString::getString).toList() : List.of(), paired, cut,
                p.containsKey("classAggregation") ? p.getString("classAggregation").equals("worst") : null);
    }

    private static ColumnExpectation expectation(JsonObject p) {
        JsonObject range = p.get("range") instanceof JsonObject o ? o : JsonValue.EMPTY_JSON_OBJECT;
        return new ColumnExpectation(
                p.containsKey("type") ? ColumnExpectation.DeclaredType.byId(p.getString("type")).orElseThrow() : null,
                p.get("allowedValues") instanceof JsonArray values ? values : List.of(),
                number(range, "min"), number(range, "max"), p.getString("pattern", null));
    }

    private static Double number(JsonObject o, String key) {
        return Optional.ofNullable(o.get(key)).filter(v -> v instanceof JsonNumber)
                .map(v -> ((JsonNumber) v).doubleValue()).orElse(null);
    }
}
