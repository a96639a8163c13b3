package dev.assay.api;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;

/** One validation error: where (a JSON pointer, or a line and column) and what is wrong. */
public record FieldError(String pointer, Long line, Long column, String message) {

    public static FieldError at(String pointer, String message) {
        return new FieldError(pointer, null, null, message);
    }

    public static FieldError atLine(long line, Long column, String message) {
        return new FieldError(null, line, column, message);
    }

    public JsonObject toJson() {
        JsonObjectBuilder b = Json.createObjectBuilder();
        if (pointer != null) {
            b.add("pointer", pointer);
        }
        if (line != null) {
            b.add("line", line);
        }
        if (column != null) {
            b.add("column", column);
        }
        return b.add("message", message).build();
    }
}
