package dev.assay.infrastructure;

import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;

/** Converts the plain tree a YAML parser gives (maps, lists, scalars) into JSON-P values. */
public final class JsonTrees {

    /** Looked up once: the static factories of {@code jakarta.json.Json} look the provider up on every call, a class-path scan each. */
    private static final JsonProvider JSON = JsonProvider.provider();

    private JsonTrees() {
    }

    public static JsonValue toJson(Object node) {
        if (node == null) {
            return JsonValue.NULL;
        }
        if (node instanceof JsonValue v) {
            return v;
        }
        if (node instanceof Map<?, ?> map) {
            JsonObjectBuilder b = JSON.createObjectBuilder();
            map.forEach((k, v) -> b.add(String.valueOf(k), toJson(v)));
            return b.build();
        }
        if (node instanceof List<?> list) {
            JsonArrayBuilder b = JSON.createArrayBuilder();
            list.forEach(v -> b.add(toJson(v)));
            return b.build();
        }
        if (node instanceof Boolean bool) {
            return bool ? JsonValue.TRUE : JsonValue.FALSE;
        }
        if (node instanceof Integer || node instanceof Long) {
            return JSON.createValue(((Number) node).longValue());
        }
        if (node instanceof BigInteger big) {
            return JSON.createValue(big);
        }
        if (node instanceof Double || node instanceof Float) {
            double d = ((Number) node).doubleValue();
            if (Double.isNaN(d) || Double.isInfinite(d)) {
                throw new IllegalArgumentException("JSON cannot hold " + d);
            }
            return JSON.createValue(d);
        }
        if (node instanceof BigDecimal dec) {
            return JSON.createValue(dec);
        }
        return JSON.createValue(String.valueOf(node));
    }
}
