package dev.assay.infrastructure;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;

/** Converts the plain tree a YAML parser gives (maps, lists, scalars) into JSON-P values. */
public final class JsonTrees {

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
            JsonObjectBuilder b = Json.createObjectBuilder();
            map.forEach((k, v) -> b.add(String.valueOf(k), toJson(v)));
            return b.build();
        }
        if (node instanceof List<?> list) {
            JsonArrayBuilder b = Json.createArrayBuilder();
            list.forEach(v -> b.add(toJson(v)));
            return b.build();
        }
        if (node instanceof Boolean bool) {
            return bool ? JsonValue.TRUE : JsonValue.FALSE;
        }
        if (node instanceof Integer || node instanceof Long) {
            return Json.createValue(((Number) node).longValue());
        }
        if (node instanceof BigInteger big) {
            return Json.createValue(big);
        }
        if (node instanceof Double || node instanceof Float) {
            double d = ((Number) node).doubleValue();
            if (Double.isNaN(d) || Double.isInfinite(d)) {
                throw new IllegalArgumentException("JSON cannot hold " + d);
            }
            return Json.createValue(d);
        }
        if (node instanceof BigDecimal dec) {
            return Json.createValue(dec);
        }
        return Json.createValue(String.valueOf(node));
    }
}
