package dev.assay.api;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.stream.JsonParsingException;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;

/** Request bodies parsed with errors that say where: JSON syntax by line and column, fields by pointer. */
final class JsonBodies {

    private JsonBodies() {
    }

    static JsonObject object(String body) {
        if (body == null || body.isBlank()) {
            return JsonValue.EMPTY_JSON_OBJECT;
        }
        try {
            JsonValue v = Json.createReader(new StringReader(body)).readValue();
            if (v instanceof JsonObject o) {
                return o;
            }
            throw Problem.invalid("The body must be a JSON object", List.of(FieldError.at("", "expected an object")));
        } catch (JsonParsingException e) {
            throw Problem.invalid("The body is not valid JSON", List.of(FieldError.atLine(
                    e.getLocation().getLineNumber(), e.getLocation().getColumnNumber(), e.getMessage())));
        } catch (JsonException e) {
            throw Problem.invalid("The body is not valid JSON", List.of(FieldError.at("", e.getMessage())));
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
    static java.util.EnumSet<dev.assay.security.Role> roles(JsonObject o, String key, List<FieldError> errors) {
        java.util.EnumSet<dev.assay.security.Role> roles = java.util.EnumSet.noneOf(dev.assay.security.Role.class);
        List<String> requested = stringList(o, key, errors);
        for (int i = 0; i < requested.size(); i++) {
            int index = i;
            dev.assay.security.Role.byId(requested.get(i)).ifPresentOrElse(roles::add, () -> errors.add(FieldError.at("/" + key + "/" + index,
                    "unknown role '" + requested.get(index) + "'; roles: model-owner, auditor, admin, ci-gate")));
        }
        if (requested.isEmpty()) {
            errors.add(FieldError.at("/" + key, "at least one role is required"));
        }
        return roles;
    }
}
