package dev.assay.registry;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.assay.failure.FieldError;
import dev.assay.failure.InvalidInput;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Fuzzes the model card parsers with any text: a card is either parsed or refused as InvalidInput
 * (a 422) with at least one error that says where; nothing else may escape (no parser exception, no
 * stack overflow, no hang). Corpus: ModelCardFuzzTestInputs/{yaml,json}.
 */
class ModelCardFuzzTest {

    @FuzzTest(maxDuration = "5m")
    void yaml(byte[] bytes) {
        String text = new String(bytes, StandardCharsets.UTF_8);
        parsedOrRefused(() -> ModelCardParser.parseYaml(text, "credit-risk", "1.4.0"));
    }

    @FuzzTest(maxDuration = "5m")
    void json(byte[] bytes) {
        String text = new String(bytes, StandardCharsets.UTF_8);
        parsedOrRefused(() -> ModelCardParser.parseJson(text, "credit-risk", "1.4.0"));
    }

    private static void parsedOrRefused(Runnable parse) {
        try {
            parse.run();
        } catch (InvalidInput e) {
            assertFalse(e.errors().isEmpty(), "a refusal names its errors");
            for (FieldError error : e.errors()) {
                assertTrue(error.pointer() != null || error.line() != null, "each error says where: " + error);
            }
        }
    }
}
