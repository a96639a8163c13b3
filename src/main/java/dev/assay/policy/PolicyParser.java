package dev.assay.policy;

import dev.assay.api.FieldError;
import dev.assay.api.Problem;
import dev.assay.infrastructure.CanonicalJson;
import dev.assay.infrastructure.Yaml;
import dev.assay.metric.MetricCatalogue;
import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/** Parses and checks a policy pack, reporting every mistake at once. */
public final class PolicyParser {

    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,99}");
    private static final Pattern SEMVER = Pattern.compile("\\d+\\.\\d+\\.\\d+([-+][0-9A-Za-z.-]+)?");

    private PolicyParser() {
    }

    public static Policy parse(String yaml) {
        JsonValue json = Yaml.readJson(yaml, "The policy");
        if (!(json instanceof JsonObject pack)) {
            throw Problem.invalid("A policy must be a mapping", List.of(FieldError.at("", "expected a mapping")));
        }
        List<FieldError> errors = new ArrayList<>();
        String id = string(pack, "", "id", errors);
        if (id != null && !ID.matcher(id).matches()) {
            errors.add(FieldError.at("/id", "must be lower-case letters, digits and '-'"));
        }
        String version = string(pack, "", "version", errors);
        if (version != null && !SEMVER.matcher(version).matches()) {
            errors.add(FieldError.at("/version", "must be a semantic version such as 1.0.0"));
        }
        String title = string(pack, "", "title", errors);
        String description = optionalString(pack, "description").orElse("");
        List<Rule> rules = new ArrayList<>();
        JsonValue rulesValue = pack.get("rules");
        if (!(rulesValue instanceof JsonArray array) || array.isEmpty()) {
            errors.add(FieldError.at("/rules", "is required: a list of at least one rule"));
        } else {
            for (int i = 0; i < array.size(); i++) {
                rule(array.get(i), "/rules/" + i, errors).ifPresent(rules::add);
            }
        }
        if (!errors.isEmpty()) {
            throw Problem.invalid("The policy has " + errors.size() + " problem(s)", errors);
        }
        return new Policy(id, version, title, description, rules, CanonicalJson.sha256(pack), yaml);
    }

    private static Optional<Rule> rule(JsonValue value, String at, List<FieldError> errors) {
        if (!(value instanceof JsonObject r)) {
            errors.add(FieldError.at(at, "a rule must be a mapping"));
            return Optional.empty();
        }
        int before = errors.size();
        String id = string(r, at, "id", errors);
        String metric = string(r, at, "metric", errors);
        if (metric != null && MetricCatalogue.find(metric).isEmpty()) {
            errors.add(FieldError.at(at + "/metric", "unknown metric '" + metric
                    + "'; the README's metric reference lists every metric id"));
        }
        List<String> scope = new ArrayList<>();
        JsonValue s = r.get("scope");
        if (s instanceof JsonString str) {
            scope.add(str.getString());
        } else if (s instanceof JsonArray list && !list.isEmpty()
                && list.stream().allMatch(v -> v instanceof JsonString)) {
            list.forEach(v -> scope.add(((JsonString) v).getString()));
        } else {
            errors.add(FieldError.at(at + "/scope", "is required: 'protected' or a list of attributes"));
        }
        Threshold threshold = null;
        if (r.get("threshold") instanceof JsonObject t && t.get("value") instanceof JsonNumber bound
                && t.get("comparator") instanceof JsonString cmp) {
            Optional<Threshold.Comparator> comparator = Threshold.Comparator.bySymbol(cmp.getString());
            if (comparator.isEmpty()) {
                errors.add(FieldError.at(at + "/threshold/comparator", "must be one of >=, >, <=, <"));
            } else {
                threshold = new Threshold(comparator.get(), bound.doubleValue());
            }
        } else {
            errors.add(FieldError.at(at + "/threshold", "is required: { comparator: '>=', value: 0.8 }"));
        }
        Rule.Severity severity = enumValue(r, at, "severity", Rule.Severity.class, null, errors);
        Outcome onUndefined = enumValue(r, at, "undefined", Outcome.class, Outcome.WARN, errors);
        long minimumGroupSize = 30;
        if (r.get("minimumGroupSize") instanceof JsonNumber n) {
            if (!n.isIntegral() || n.longValue() < 1) {
                errors.add(FieldError.at(at + "/minimumGroupSize", "must be a whole number of at least 1"));
            } else {
                minimumGroupSize = n.longValue();
            }
        }
        List<Citation> cites = new ArrayList<>();
        if (r.get("cites") instanceof JsonArray list) {
            for (int i = 0; i < list.size(); i++) {
                if (list.get(i) instanceof JsonObject c) {
                    String p = at + "/cites/" + i;
                    cites.add(new Citation(string(c, p, "regulation", errors),
                            optionalString(c, "article").orElse(null), optionalString(c, "url").orElse(null)));
                }
            }
        }
        if (errors.size() > before) {
            return Optional.empty();
        }
        return Optional.of(new Rule(id, optionalString(r, "description").orElse(""), metric, scope, threshold, severity,
                minimumGroupSize, onUndefined, cites));
    }

    private static String string(JsonObject o, String at, String key, List<FieldError> errors) {
        Optional<String> v = optionalString(o, key);
        if (v.isEmpty()) {
            errors.add(FieldError.at(at + "/" + key, "is required"));
        }
        return v.orElse(null);
    }

    private static Optional<String> optionalString(JsonObject o, String key) {
        JsonValue v = o.get(key);
        if (v instanceof JsonString s && !s.getString().isBlank()) {
            return Optional.of(s.getString());
        }
        if (v instanceof JsonNumber n) {
            return Optional.of(n.toString());
        }
        return Optional.empty();
    }

    private static <E extends Enum<E>> E enumValue(JsonObject o, String at, String key, Class<E> type, E fallback,
                                                   List<FieldError> errors) {
        Optional<String> v = optionalString(o, key);
        if (v.isEmpty()) {
            if (fallback == null) {
                errors.add(FieldError.at(at + "/" + key, "is required"));
            }
            return fallback;
        }
        try {
            return Enum.valueOf(type, v.get().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            errors.add(FieldError.at(at + "/" + key, "unknown value '" + v.get() + "'"));
            return fallback;
        }
    }
}
