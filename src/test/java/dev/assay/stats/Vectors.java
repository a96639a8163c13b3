package dev.assay.stats;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;

import java.io.InputStream;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/**
 * The reference vectors in src/test/resources/vectors/, computed once by the Python scripts stored beside
 * them (scipy_vectors.py, statsmodels_vectors.py) and read here; no test runs Python.
 */
public final class Vectors {

    /**
     * The agreement asked of every value: 1e-9 absolute for values of magnitude up to 1 (p-values,
     * proportions, interval bounds of rates), 1e-9 relative above (test statistics, ratios).
     */
    public static final double TOLERANCE = 1e-9;

    private Vectors() {
    }

    public static JsonObject load(String name) {
        try (InputStream in = Vectors.class.getResourceAsStream("/vectors/" + name)) {
            assertNotNull(in, "missing vector file " + name);
            try (JsonReader r = Json.createReader(in)) {
                return r.readObject();
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    public static List<JsonObject> cases(JsonObject file, String key) {
        List<JsonObject> out = file.getJsonArray(key).getValuesAs(JsonObject.class);
        org.junit.jupiter.api.Assertions.assertFalse(out.isEmpty(), key + " holds no case");
        return out;
    }

    public static void close(double expected, double actual, String what) {
        assertEquals(expected, actual, TOLERANCE * Math.max(1, Math.abs(expected)), what);
    }

    /** A stored number, or null where the library's value is undefined (stored as null). */
    public static Double number(JsonValue v) {
        return v == null || v.getValueType() == JsonValue.ValueType.NULL ? null : ((JsonNumber) v).doubleValue();
    }

    public static long[] longs(JsonArray a) {
        return a.getValuesAs(JsonNumber.class).stream().mapToLong(JsonNumber::longValueExact).toArray();
    }

    public static double[] doubles(JsonArray a) {
        return a.getValuesAs(JsonNumber.class).stream().mapToDouble(JsonNumber::doubleValue).toArray();
    }
}
