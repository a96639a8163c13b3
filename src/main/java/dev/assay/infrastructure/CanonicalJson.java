package dev.assay.infrastructure;

import jakarta.json.JsonValue;
import org.erdtman.jcs.JsonCanonicalizer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * RFC 8785 JSON Canonicalization Scheme: sorted keys, no white space, ECMAScript number form. The
 * number formatting is the hard part on Java 17 (whose Double.toString is not always shortest), so
 * it comes from the reference implementation by the RFC's co-author (io.github.erdtman).
 */
public final class CanonicalJson {

    private CanonicalJson() {
    }

    public static byte[] bytes(JsonValue value) {
        return bytes(value.toString());
    }

    public static byte[] bytes(String json) {
        try {
            return new JsonCanonicalizer(json).getEncodedUTF8();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String string(JsonValue value) {
        return new String(bytes(value), StandardCharsets.UTF_8);
    }

    /**
     * The canonical form of any JSON value, a number, text or list as well as an object (the reference implementation
     * reads objects only: the value is canonicalized as the one member of an object, then taken out of it).
     */
    public static String anyValue(JsonValue value) {
        if (value.getValueType() == JsonValue.ValueType.OBJECT) {
            return string(value);
        }
        String wrapped = new String(bytes("{\"v\":" + value + "}"), StandardCharsets.UTF_8);
        return wrapped.substring("{\"v\":".length(), wrapped.length() - 1);
    }

    public static String sha256(JsonValue value) {
        return Hashing.sha256Hex(bytes(value));
    }
}
