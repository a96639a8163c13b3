package dev.assay.policy;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.assay.failure.InvalidInput;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * Fuzzes the policy pack parser with any text: a pack is parsed or refused as InvalidInput (a 422)
 * naming its errors, nothing else. Corpus: PolicyFuzzTestInputs/pack (the built-in packs among them).
 */
class PolicyFuzzTest {

    @FuzzTest(maxDuration = "5m")
    void pack(byte[] bytes) {
        String yaml = new String(bytes, StandardCharsets.UTF_8);
        try {
            PolicyParser.parse(yaml);
        } catch (InvalidInput e) {
            assertFalse(e.errors().isEmpty(), "a refusal names its errors");
        }
    }
}
