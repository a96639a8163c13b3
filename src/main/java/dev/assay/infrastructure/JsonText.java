package dev.assay.infrastructure;

import dev.assay.failure.FieldError;
import dev.assay.failure.InvalidInput;
import jakarta.json.JsonException;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import jakarta.json.stream.JsonLocation;
import jakarta.json.stream.JsonParser;
import jakarta.json.stream.JsonParsingException;

import java.io.StringReader;
import java.math.BigDecimal;
import java.util.List;

/**
 * JSON text from outside (request bodies, model cards, ledger exports) read with bounds: nesting at
 * most {@link #MAX_DEPTH} deep and numbers Java can hold, checked by a streaming pass before any tree is
 * built, so a body of ten thousand brackets is a 422 naming its line and column, not a stack
 * overflow further on (the schema validator and the YAML positions recurse).
 */
public final class JsonText {

    /** The same nesting bound as YAML's: no document Assay reads nests more than a dozen levels. */
    public static final int MAX_DEPTH = Yaml.MAX_DEPTH;

    private static final JsonProvider JSON = JsonProvider.provider();

    private JsonText() {
    }

    /**
     * The value of {@code text}, or InvalidInput (422) with the line and column of the first syntax
     * error or of the first bracket nested too deep, or of the first character over
     * {@code maxChars}. {@code what} names the text in the message ("The body").
     */
    public static JsonValue read(String text, String what, int maxChars) {
        if (text.length() > maxChars) {
            throw new InvalidInput(what + " is over a bound", List.of(FieldError.atLine(1, 1L,
                    "the text has " + text.length() + " characters; at most " + maxChars + " are allowed")));
        }
        try {
            checkDepth(text, what);
            return JSON.createReader(new StringReader(text)).readValue();
        } catch (JsonParsingException e) {
            JsonLocation loc = e.getLocation();
            throw new InvalidInput(what + " is not valid JSON", List.of(loc == null ? FieldError.at("", e.getMessage())
                    : FieldError.atLine(loc.getLineNumber(), loc.getColumnNumber(), e.getMessage())));
        } catch (JsonException | IllegalStateException e) {
            throw new InvalidInput(what + " is not valid JSON", List.of(FieldError.at("", String.valueOf(e.getMessage()))));
        }
    }

    /** {@link #read(String, String, int)} without a size bound: for texts already bounded where they came in. */
    public static JsonValue read(String text, String what) {
        return read(text, what, Integer.MAX_VALUE);
    }

    /** Digits and exponent a number may have: more than any double (about 1e308) or count needs. */
    public static final int MAX_NUMBER_CHARS = 400;
    public static final int MAX_EXPONENT = 400;

    /**
     * A number JSON's grammar allows but Java cannot hold, or whose exponent would make any use of it
     * costly (1e900000000 as an integer has 900 million digits), is a 422 at its place: Parsson threw a
     * bare NumberFormatException for an exponent beyond an int (found by ModelCardFuzzTest).
     */
    private static void checkNumber(JsonParser p, String what) {
        String text = p.getString();
        String problem = null;
        if (text.length() > MAX_NUMBER_CHARS) {
            problem = "a number of " + text.length() + " characters; at most " + MAX_NUMBER_CHARS + " are allowed";
        } else {
            try {
                BigDecimal value = p.getBigDecimal();
                if (Math.abs((long) value.precision() - value.scale()) > MAX_EXPONENT) {
                    problem = "a number beyond 1e" + MAX_EXPONENT + " in magnitude or precision";
                }
            } catch (NumberFormatException | ArithmeticException e) {
                problem = "a number out of range";
            }
        }
        if (problem == null) {
            return;
        }
        JsonLocation loc = p.getLocation();
        throw new InvalidInput(what + " is over a bound", List.of(FieldError.atLine(loc.getLineNumber(),
                Math.max(1, loc.getColumnNumber() - text.length()), problem)));
    }

    private static void checkDepth(String text, String what) {
        try (JsonParser p = JSON.createParser(new StringReader(text))) {
            int depth = 0;
            while (p.hasNext()) {
                JsonParser.Event e = p.next();
                if (e == JsonParser.Event.START_ARRAY || e == JsonParser.Event.START_OBJECT) {
                    if (++depth > MAX_DEPTH) {
                        JsonLocation loc = p.getLocation();
                        // The parser's location is just after the bracket; the error names the bracket itself.
                        throw new InvalidInput(what + " is over a bound", List.of(FieldError.atLine(loc.getLineNumber(),
                                Math.max(1, loc.getColumnNumber() - 1), "nested deeper than " + MAX_DEPTH + " levels")));
                    }
                } else if (e == JsonParser.Event.END_ARRAY || e == JsonParser.Event.END_OBJECT) {
                    depth--;
                } else if (e == JsonParser.Event.VALUE_NUMBER) {
                    checkNumber(p, what);
                }
            }
        }
    }
}
