package dev.assay.infrastructure;

import jakarta.json.JsonNumber;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

/** Reading report and API JSON for display: one rendering of a value as text, one of a number. */
public final class JsonValues {

    private JsonValues() {
    }

    /** A string as it is, any other value as JSON text, null or absent as {@code absent}. */
    public static String text(JsonValue v, String absent) {
        return v == null || v == JsonValue.NULL ? absent : v instanceof JsonString s ? s.getString() : v.toString();
    }

    /** The number, or null when the value is absent, null or not a number (undefined stays undefined). */
    public static Double number(JsonValue v) {
        return v instanceof JsonNumber n ? n.doubleValue() : null;
    }
}
