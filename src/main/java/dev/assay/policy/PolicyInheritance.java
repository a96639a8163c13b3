package dev.assay.policy;

import dev.assay.failure.FieldError;
import dev.assay.failure.InvalidInput;
import dev.assay.infrastructure.SchemaCheck;
import dev.assay.infrastructure.Yaml;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code extends}: a pack takes over the rules of the latest stored version of another pack, changes
 * the fields its {@code overrides} give, rule by rule id, and adds its own {@code rules}. The result
 * is an ordinary, complete pack, checked and hashed as any other.
 */
public final class PolicyInheritance {

    private PolicyInheritance() {
    }

    public static JsonObject resolve(JsonObject child, StoredPolicy parent) {
        JsonObject base = base(parent);
        JsonObject overrides = child.containsKey("overrides") ? child.getJsonObject("overrides") : JsonValue.EMPTY_JSON_OBJECT;
        Set<String> known = new LinkedHashSet<>();
        JsonArrayBuilder rules = Json.createArrayBuilder();
        for (JsonObject rule : base.getJsonArray("rules").getValuesAs(JsonObject.class)) {
            String id = rule.getString("id");
            known.add(id);
            if (overrides.containsKey(id)) {
                JsonObjectBuilder merged = Json.createObjectBuilder(rule);
                for (Map.Entry<String, JsonValue> field : overrides.getJsonObject(id).entrySet()) {
                    merged.add(field.getKey(), field.getValue());
                }
                rules.add(merged);
            } else {
                rules.add(rule);
            }
        }
        List<FieldError> errors = unknownOverrides(child, parent);
        if (!errors.isEmpty()) {
            throw new InvalidInput("The overrides name rules the extended pack does not have", errors);
        }
        if (child.get("rules") instanceof JsonArray own) {
            own.forEach(rules::add);
        }
        JsonObjectBuilder out = Json.createObjectBuilder()
                .add("id", child.getString("id"))
                .add("version", child.getString("version"))
                .add("title", child.getString("title"))
                .add("description", child.getString("description", base.getString("description", "")))
                .add("rules", rules);
        // The pack's own validity, else the one of the pack it extends: a pack extending nyc-ll144 keeps its year.
        JsonValue validFor = child.containsKey("validFor") ? child.get("validFor") : base.get("validFor");
        if (validFor != null) {
            out.add("validFor", validFor);
        }
        return out.build();
    }

    /** The overrides that name no rule of the extended pack, each by its pointer. */
    public static List<FieldError> unknownOverrides(JsonObject child, StoredPolicy parent) {
        Set<String> known = new LinkedHashSet<>();
        base(parent).getJsonArray("rules").getValuesAs(JsonObject.class).forEach(r -> known.add(r.getString("id")));
        List<FieldError> errors = new ArrayList<>();
        if (child.get("overrides") instanceof JsonObject overrides) {
            overrides.keySet().stream().filter(id -> !known.contains(id)).forEach(id -> errors.add(FieldError.at(
                    "/overrides/" + SchemaCheck.escape(id), "pack '" + parent.policyId() + "' has no rule '" + id
                            + "'; its rules: " + String.join(", ", known))));
        }
        return errors;
    }

    private static JsonObject base(StoredPolicy parent) {
        return parent.resolvedJson() != null
                ? Json.createReader(new StringReader(parent.resolvedJson())).readObject()
                : (JsonObject) Yaml.readJson(parent.yaml(), "The extended policy");
    }
}
