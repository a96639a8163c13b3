package dev.assay.infrastructure;

import jakarta.json.Json;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Vectors from RFC 8785 (JSON Canonicalization Scheme). */
class CanonicalJsonTest {

    private static String canonical(String json) {
        return new String(CanonicalJson.bytes(json), StandardCharsets.UTF_8);
    }

    @Test
    void rfc8785Section32Example() {
        String input = """
                {
                  "numbers": [333333333.33333329, 1E30, 4.50,
                              2e-3, 0.000000000000000000000000001],
                  "string": "\\u20ac$\\u000F\\u000aA'\\u0042\\u0022\\u005c\\\\\\"\\/",
                  "literals": [null, true, false]
                }""";
        assertEquals("{\"literals\":[null,true,false],\"numbers\":[333333333.3333333,1e+30,4.5,0.002,1e-27],"
                + "\"string\":\"€$\\u000f\\nA'B\\\"\\\\\\\\\\\"/\"}", canonical(input));
    }

    @Test
    void rfc8785AppendixBNumbers() {
        String[][] vectors = {
                {"0", "0"}, {"-0", "0"}, {"5e-324", "5e-324"}, {"1.7976931348623157e308", "1.7976931348623157e+308"},
                {"9007199254740992", "9007199254740992"}, {"9007199254740994", "9007199254740994"},
                {"295147905179352830000", "295147905179352830000"}, {"1e+21", "1e+21"},
                {"1e-7", "1e-7"}, {"0.000001", "0.000001"},
                {"333333333.3333333", "333333333.3333333"}, {"1e23", "1e+23"},
        };
        for (String[] v : vectors) {
            assertEquals("[" + v[1] + "]", canonical("[" + v[0] + "]"), v[0]);
        }
    }

    @Test
    void keysAreSortedByUtf16CodeUnits() {
        // RFC 8785 section 3.2.3: sorting on UTF-16 code units, not on code points or bytes.
        String input = "{\"\\u20ac\":\"Euro Sign\",\"\\r\":\"Carriage Return\",\"\\ufb33\":\"Hebrew Letter Dalet With Dagesh\","
                + "\"1\":\"One\",\"\\ud83d\\ude00\":\"Emoji: Grinning Face\",\"\\u0080\":\"Control\",\"\\u00f6\":\"Latin Small Letter O With Diaeresis\"}";
        String out = canonical(input);
        String[] expectedOrder = {"Carriage Return", "One", "Control", "Latin Small", "Euro Sign", "Emoji", "Hebrew"};
        int last = -1;
        for (String label : expectedOrder) {
            int at = out.indexOf(label);
            assertEquals(true, at > last, label + " out of order in " + out);
            last = at;
        }
    }

    @Test
    void jsonPValuesCanonicalizeToTheSameBytesAsText() {
        var value = Json.createObjectBuilder().add("b", 0.1 + 0.2).add("a", 1).build();
        assertEquals("{\"a\":1,\"b\":0.30000000000000004}", CanonicalJson.string(value));
    }
}
