package dev.assay.api;

import dev.assay.failure.FieldError;
import dev.assay.infrastructure.JsonText;
import dev.assay.infrastructure.SchemaCheck;
import dev.assay.infrastructure.Yaml;
import dev.assay.infrastructure.YamlPositions;
import dev.assay.security.Role;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Request bodies parsed with errors that say where: JSON syntax by line and column, fields by pointer
 * and, since JSON text is YAML too, by the line and column of the value (of the key, for an unknown one).
 */
final class JsonBodies {

    private JsonBodies() {
    }

    static JsonObject object(String body) {
        if (body == null || body.isBlank()) {
            return JsonValue.EMPTY_JSON_OBJECT;
        }
        JsonValue v = JsonText.read(body, "The body", Yaml.MAX_CHARS);
        if (v instanceof JsonObject o) {
            return o;
        }
        throw Problem.invalid("The body must be a JSON object", List.of(FieldError.at("", "expected an object")));
    }

    /**
     * A request body checked against its JSON Schema (policies/schema/): unknown keys, wrong types and
     * missing fields as errors by pointer; the resource adds what the schema cannot say with
     * {@link Body#check}, so the client hears of every mistake in one answer.
     */
    static Body object(String body, SchemaCheck schema) {
        JsonObject json = object(body);
        return new Body(json, body == null ? "" : body, schema.validate(json));
    }

    /** A parsed body, its text (to place errors on lines) and its schema's errors. */
    record Body(JsonObject json, String text, List<FieldError> schemaErrors) {

        Body {
            schemaErrors = List.copyOf(schemaErrors);
        }

        /**
         * Answers 422 when the schema or {@code more} found anything: one error per place (the
         * schema's, when both speak of the same value or of one inside it; and none of {@code more}
         * about the items of a list the schema found a bad item in, whose indices may have shifted),
         * each with its line and column in the body. {@code what} names the body ("The audit request").
         */
        void check(String what, List<FieldError> more) {
            List<FieldError> errors = new ArrayList<>(schemaErrors);
            Set<String> lists = new HashSet<>();
            schemaErrors.stream().map(FieldError::pointer).filter(p -> p != null && isItem(p)).forEach(p -> lists.add(parent(p)));
            more.stream().filter(e -> e.pointer() == null || schemaErrors.stream().noneMatch(s -> s.pointer() != null
                            && (e.pointer().equals(s.pointer()) || e.pointer().startsWith(s.pointer() + "/")))
                            && !(isItem(e.pointer()) && lists.contains(parent(e.pointer()))))
                    .distinct().forEach(errors::add);
            if (!errors.isEmpty()) {
                throw Problem.invalid(what + " has " + errors.size() + " problem(s)",
                        SchemaCheck.placed(errors, YamlPositions.of(text)));
            }
        }

        private static boolean isItem(String pointer) {
            return pointer.substring(pointer.lastIndexOf('/') + 1).matches("\\d+");
        }

        private static String parent(String pointer) {
            return pointer.substring(0, Math.max(0, pointer.lastIndexOf('/')));
        }
    }

    static String optionalString(JsonObject o, String key, List<FieldError> errors) {
        JsonValue v = o.get(key);
        if (v == null || v == JsonValue.NULL) {
            return null;
        }
        if (v instanceof JsonString s) {
            return s.getString();
        }
        errors.add(FieldError.at("/" + key, "must be a string"));
        return null;
    }

    static List<String> stringList(JsonObject o, String key, List<FieldError> errors) {
        JsonValue v = o.get(key);
        if (v == null || v == JsonValue.NULL) {
            return List.of();
        }
        if (!(v instanceof JsonArray array)) {
            errors.add(FieldError.at("/" + key, "must be a list of strings"));
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < array.size(); i++) {
            if (array.get(i) instanceof JsonString s) {
                out.add(s.getString());
            } else {
                errors.add(FieldError.at("/" + key + "/" + i, "must be a string"));
            }
        }
        return out;
    }

    /** A list of role ids at {@code key}: at least one, each one of the four roles. */
    static EnumSet<Role> roles(JsonObject o, String key, List<FieldError> errors) {
        EnumSet<Role> roles = EnumSet.noneOf(Role.class);
        List<String> requested = stringList(o, key, errors);
        for (int i = 0; i < requested.size(); i++) {
            int index = i;
            Role.byId(requested.get(i)).ifPresentOrElse(roles::add, () -> errors.add(FieldError.at("/" + key + "/" + index,
                    "unknown role '" + requested.get(index) + "'; roles: model-owner, auditor, admin, ci-gate")));
        }
        if (requested.isEmpty()) {
            errors.add(FieldError.at("/" + key, "at least one role is required"));
        }
        return roles;
    }
}
