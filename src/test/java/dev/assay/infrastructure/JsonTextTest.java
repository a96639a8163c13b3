package dev.assay.infrastructure;

import dev.assay.failure.FieldError;
import dev.assay.failure.InvalidInput;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JsonTextTest {

    @Test
    void nestingDeeperThanTheBoundIsA422AtItsColumn() {
        String deep = "{\"a\":" + "[".repeat(100_000) + "]".repeat(100_000) + "}";
        InvalidInput e = assertThrows(InvalidInput.class, () -> JsonText.read(deep, "The body"));
        FieldError error = e.errors().get(0);
        assertEquals(1L, error.line());
        // the object is level 1, so the bracket at column 5 + 64 is the 65th level
        assertEquals(6L + JsonText.MAX_DEPTH - 1, error.column());
        assertTrue(error.message().contains("deeper than " + JsonText.MAX_DEPTH), error.message());
    }

    @Test
    void nestingAtTheBoundIsRead() {
        String ok = "[".repeat(JsonText.MAX_DEPTH) + "]".repeat(JsonText.MAX_DEPTH);
        assertEquals(jakarta.json.JsonValue.ValueType.ARRAY, JsonText.read(ok, "The body").getValueType());
    }

    @Test
    void syntaxErrorsNameTheirLineAndColumn() {
        InvalidInput e = assertThrows(InvalidInput.class, () -> JsonText.read("{\"a\": 1,\n \"b\" 2}", "The body"));
        assertEquals(2L, e.errors().get(0).line());
        assertTrue(e.getMessage().startsWith("The body is not valid JSON"), e.getMessage());
    }

    @Test
    void aTextOverItsSizeBoundIsRefused() {
        InvalidInput e = assertThrows(InvalidInput.class, () -> JsonText.read("\"" + "x".repeat(100) + "\"", "The body", 50));
        assertTrue(e.errors().get(0).message().contains("at most 50"), e.errors().get(0).message());
        assertEquals("x".repeat(3), ((jakarta.json.JsonString) JsonText.read("\"xxx\"", "The body", 50)).getString());
    }

    @Test
    void objectsReadAsBefore() {
        assertEquals(2, ((JsonObject) JsonText.read("{\"a\": {\"b\": 2}}", "The body")).getJsonObject("a").getInt("b"));
    }

    /** Found by ModelCardFuzzTest: an exponent beyond an int was a bare NumberFormatException (a 500). */
    @Test
    void numbersJavaCannotHoldAreA422AtTheirPlace() {
        for (String number : new String[] {"1e9000055555555555555", "1e900", "1e-500", "1" + "0".repeat(500)}) {
            InvalidInput e = assertThrows(InvalidInput.class, () -> JsonText.read("{\"a\":\n  " + number + "}", "The body"), number);
            FieldError error = e.errors().get(0);
            assertEquals(2L, error.line(), number);
            assertEquals(3L, error.column(), number);
            assertTrue(error.message().startsWith("a number"), error.message());
        }
        assertEquals(0.95, ((JsonObject) JsonText.read("{\"a\": 0.95, \"b\": 1e300, \"c\": -12}", "The body"))
                .getJsonNumber("a").doubleValue(), 0);
    }
}
