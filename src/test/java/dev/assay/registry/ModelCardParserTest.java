package dev.assay.registry;

import dev.assay.api.FieldError;
import dev.assay.api.Problem;
import dev.assay.infrastructure.CanonicalJson;
import jakarta.json.Json;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ModelCardParserTest {

    static final String YAML = """
            model: credit-risk            # comments do not change the card
            version: 1.4.0
            owner: risk-ml@example.com
            task: binary-classification
            riskTier: high
            positiveLabel: 1
            favorableOutcome: 1
            columns:
              id: applicant_id
              label: defaulted
              prediction: approved
              protected: [sex, race]
            """;

    static final String JSON = """
            {"version": "1.4.0", "model": "credit-risk", "owner": "risk-ml@example.com",
             "task": "binary-classification", "riskTier": "high", "positiveLabel": 1, "favorableOutcome": 1,
             "columns": {"protected": ["sex", "race"], "prediction": "approved", "label": "defaulted", "id": "applicant_id"}}
            """;

    @Test
    void yamlAndJsonOfTheSameCardHaveTheSameHash() {
        ModelCard fromYaml = ModelCardParser.parseYaml(YAML, "credit-risk", "1.4.0");
        ModelCard fromJson = ModelCardParser.parseJson(JSON, "credit-risk", "1.4.0");
        assertEquals(CanonicalJson.sha256(fromYaml.document()), CanonicalJson.sha256(fromJson.document()));
        assertEquals(List.of("sex", "race"), fromYaml.columns().protectedAttributes());
        assertEquals(Optional.of(Json.createValue(1)), fromYaml.favorableOutcome());
        assertEquals(List.of("applicant_id", "defaulted", "approved", "sex", "race"),
                List.copyOf(fromYaml.columns().named()));
    }

    @Test
    void everyMistakeIsReportedAtOnceWithItsPointer() {
        String bad = """
                {"model": "other", "version": "1.4.0", "task": "ranking", "riskTier": "extreme",
                 "columns": {"protected": "sex"}}
                """;
        Problem p = assertThrows(Problem.class, () -> ModelCardParser.parseJson(bad, "credit-risk", "1.4.0"));
        assertEquals(422, p.status());
        List<String> pointers = p.errors().stream().map(FieldError::pointer).toList();
        assertTrue(pointers.containsAll(List.of("/model", "/owner", "/task", "/riskTier", "/columns/prediction",
                "/columns/protected")), pointers.toString());
    }

    @Test
    void invalidYamlNamesLineAndColumn() {
        Problem p = assertThrows(Problem.class, () -> ModelCardParser.parseYaml("model: a\n  version: [1,\n", "a", "1"));
        FieldError e = p.errors().get(0);
        assertTrue(e.line() != null && e.line() >= 1 && e.column() != null, e.toString());
    }

    @Test
    void hostileYamlIsRefusedQuickly() {
        long start = System.nanoTime();
        // Unknown tags, deep nesting, a huge scalar: each a clear 422, never a hang or an out-of-memory error.
        assertEquals(422, assertThrows(Problem.class,
                () -> ModelCardParser.parseYaml("model: !!javax.script.ScriptEngineManager [x]\n", "a", "1")).status());
        String deep = "a: " + "[".repeat(5000) + "]".repeat(5000) + "\n";
        assertEquals(422, assertThrows(Problem.class, () -> ModelCardParser.parseYaml(deep, "a", "1")).status());
        String huge = "model: " + "x".repeat(3 * 1024 * 1024) + "\n";
        assertEquals(422, assertThrows(Problem.class, () -> ModelCardParser.parseYaml(huge, "a", "1")).status());
        assertTrue((System.nanoTime() - start) / 1e9 < 10, "hostile YAML is refused quickly");
    }

    @Test
    void yamlAliasBombIsRefused() {
        StringBuilder bomb = new StringBuilder("a: &a [x,x,x,x,x,x,x,x,x,x]\n");
        char prev = 'a';
        for (char c = 'b'; c <= 'z'; c++) {
            bomb.append(c).append(": &").append(c).append(" [");
            for (int i = 0; i < 10; i++) {
                bomb.append(i == 0 ? "" : ",").append('*').append(prev);
            }
            bomb.append("]\n");
            prev = c;
        }
        Problem p = assertThrows(Problem.class, () -> ModelCardParser.parseYaml(bomb.toString(), "a", "1"));
        assertEquals(422, p.status());
    }
}
