package dev.assay.registry;

import dev.assay.failure.FieldError;
import dev.assay.failure.InvalidInput;
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
        InvalidInput p = assertThrows(InvalidInput.class, () -> ModelCardParser.parseJson(bad, "credit-risk", "1.4.0"));
        // The type is the verdict: InvalidInput is what the API answers with 422 (api.ProblemTest).
        List<String> pointers = p.errors().stream().map(FieldError::pointer).toList();
        assertTrue(pointers.containsAll(List.of("/model", "/owner", "/task", "/riskTier", "/columns/prediction",
                "/columns/protected")), pointers.toString());
    }

    @Test
    void invalidYamlNamesLineAndColumn() {
        InvalidInput p = assertThrows(InvalidInput.class, () -> ModelCardParser.parseYaml("model: a\n  version: [1,\n", "a", "1"));
        FieldError e = p.errors().get(0);
        assertTrue(e.line() != null && e.line() >= 1 && e.column() != null, e.toString());
    }

    @Test
    void hostileYamlIsRefusedQuickly() {
        long start = System.nanoTime();
        // Unknown tags, deep nesting, a huge scalar: each a clear 422 (InvalidInput), never a hang or an out-of-memory error.
        assertThrows(InvalidInput.class,
                () -> ModelCardParser.parseYaml("model: !!javax.script.ScriptEngineManager [x]\n", "a", "1"));
        String deep = "a: " + "[".repeat(5000) + "]".repeat(5000) + "\n";
        assertThrows(InvalidInput.class, () -> ModelCardParser.parseYaml(deep, "a", "1"));
        String huge = "model: " + "x".repeat(3 * 1024 * 1024) + "\n";
        assertThrows(InvalidInput.class, () -> ModelCardParser.parseYaml(huge, "a", "1"));
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
        // InvalidInput: the API's 422 (api.ProblemTest).
        assertThrows(InvalidInput.class, () -> ModelCardParser.parseYaml(bomb.toString(), "a", "1"));
    }

    /** Each error as "pointer line:column message". */
    private static List<String> errors(InvalidInput p) {
        return p.errors().stream().map(e -> e.pointer() + " " + e.line() + ":" + e.column() + " " + e.message()).toList();
    }

    private static final String TOP_LEVEL = "model, version, owner, task, riskTier, positiveLabel, favorableOutcome, "
            + "positivePrediction, classes, favorableClasses, distributionDate, intendedUse, trainingData, humanOversight, evaluationData, "
            + "performanceMetrics, limitations, "
            + "riskManagement, postMarketMonitoring, artifact, columns";

    @Test
    void unknownKeysAnywhereAndWrongTypesAreNamedWithLineAndColumnAllAtOnce() {
        String yaml = """
                model: credit-risk
                version: 1.4.0
                owner: risk-ml@example.com
                task: binary-classification
                riskTier: high
                positiveLabel: 1
                favorableOutcome: [1]
                owners: [a@example.com]
                columns:
                  id: applicant_id
                  label: defaulted
                  prediction: approved
                  protected: sex
                  protect: [race]
                """;
        InvalidInput p = assertThrows(InvalidInput.class, () -> ModelCardParser.parseYaml(yaml, "credit-risk", "1.4.0"));
        // The type is the verdict: InvalidInput is what the API answers with 422 (api.ProblemTest).
        assertEquals("The model card has 4 problem(s)", p.getMessage());
        assertEquals(List.of(
                "/favorableOutcome 7:19 must be a string or a number or a boolean or null, not an array",
                "/owners 8:1 unknown property 'owners' (did you mean 'owner'?); known here: " + TOP_LEVEL,
                "/columns/protected 13:14 must be an array or null, not a string",
                "/columns/protect 14:3 unknown property 'protect' (did you mean 'protected'?); known here: id, label, "
                        + "prediction, score, weight, timestamp, protected, quasiIdentifiers, sensitive, features"), errors(p));
    }

    /** Production logs carry the prediction time; evaluation uploads need not (it is not among the named columns). */
    @Test
    void theDistributionDateIsADate() {
        String card = JSON.replace("\"riskTier\": \"high\",", "\"riskTier\": \"high\", \"distributionDate\": \"%s\",");
        ModelCard ok = ModelCardParser.parseJson(card.formatted("2026-12-15"), "credit-risk", "1.4.0");
        assertEquals("2026-12-15", ok.document().getString("distributionDate"));
        InvalidInput p = assertThrows(InvalidInput.class, () -> ModelCardParser.parseJson(card.formatted("next week"), "credit-risk", "1.4.0"));
        assertEquals(List.of("/distributionDate"), p.errors().stream().map(FieldError::pointer).toList());
    }

    @Test
    void theTimestampColumnIsReadAndNotRequiredOfDatasets() {
        String json = """
                {"model": "credit-risk", "version": "1.4.0", "owner": "risk-ml@example.com",
                 "task": "binary-classification", "favorableOutcome": 1, "positiveLabel": 1,
                 "columns": {"id": "id", "prediction": "approved", "label": "defaulted", "timestamp": "predicted_at"}}
                """;
        ModelCard card = ModelCardParser.parseJson(json, "credit-risk", "1.4.0");
        assertEquals(java.util.Optional.of("predicted_at"), card.columns().timestamp());
        assertEquals(java.util.Set.of("id", "defaulted", "approved"), card.columns().named());
    }

    @Test
    void aJsonCardsErrorsHaveLinesToo() {
        String json = """
                {"model": "credit-risk", "version": "1.4.0", "owner": "risk-ml@example.com",
                 "task": "binary-classification", "favorableOutcome": 1, "positiveLabel": 1,
                 "columns": {"prediction": "approved", "label": "defaulted", "timestmp": "at"},
                 "rounding": 2}
                """;
        InvalidInput p = assertThrows(InvalidInput.class, () -> ModelCardParser.parseJson(json, "credit-risk", "1.4.0"));
        assertEquals(List.of(
                "/columns/timestmp 3:62 unknown property 'timestmp' (did you mean 'timestamp'?); known here: id, label, "
                        + "prediction, score, weight, timestamp, protected, quasiIdentifiers, sensitive, features",
                "/rounding 4:2 unknown property 'rounding'; known here: " + TOP_LEVEL), errors(p));
    }

    @Test
    void theSchemasErrorAndTheParsersAreOnePerPlace() {
        String yaml = YAML.replace("model: credit-risk            # comments do not change the card", "model: other")
                .replace("task: binary-classification", "task: ranking");
        InvalidInput p = assertThrows(InvalidInput.class, () -> ModelCardParser.parseYaml(yaml, "credit-risk", "1.4.0"));
        assertEquals(List.of("/model 1:8 must equal the model in the path, 'credit-risk'",
                "/task 4:7 must be one of \"binary-classification\", \"multiclass-classification\", \"score\", \"regression\""), errors(p));
    }

    /** The README's card, the demo's, and the shapes the tests register: all accepted as they are. */
    @Test
    void everyCardTheReadmeTheDemoAndTheTestsUseIsAccepted() throws Exception {
        String readme = java.nio.file.Files.readString(java.nio.file.Path.of("README.md"));
        int start = readme.indexOf("\n", readme.indexOf("$B/api/v1/models/compas/versions/2016 <<'EOF'")) + 1;
        String compas = readme.substring(start, readme.indexOf("\nEOF\n", start) + 1);
        ModelCard card = ModelCardParser.parseYaml(compas, "compas", "2016");
        assertEquals(List.of(Json.createValue("Medium"), Json.createValue("High")), card.positivePrediction());
        int grades = readme.indexOf("\n", readme.indexOf("$B/api/v1/models/credit-grade/versions/3.0.0 <<'EOF'")) + 1;
        ModelCard multiclass = ModelCardParser.parseYaml(readme.substring(grades, readme.indexOf("\nEOF\n", grades) + 1), "credit-grade",
                "3.0.0");
        assertEquals(List.of(Json.createValue("A"), Json.createValue("B")), multiclass.favorableClasses());
        ModelCardParser.parseYaml(dev.assay.demo.DemoSeeder.card("1.0.0"), "loan-approval", "1.0.0");
        ModelCardParser.parseYaml(YAML + """
                  score: score
                  weight: w
                  quasiIdentifiers: [zip3, age, sex]
                  sensitive: [diagnosis]
                  features: [income, age, zip3]
                positivePrediction: 1
                trainingData: {source: "bureau", period: "2020-2024"}
                performanceMetrics: [accuracy, roc_auc]
                """, "credit-risk", "1.4.0");
        ModelCardParser.parseYaml("model: m\nversion: 2.0\nowner: o@example.com\ntask: score\nriskTier: null\n"
                + "columns: {prediction: p, score: null}\n", "m", "2.0");
    }

    /** A card stored before a key became an error still loads: stored versions never change. */
    @Test
    void aStoredCardWithAKeyNowRefusedStillLoads() {
        var stored = Json.createObjectBuilder(Json.createReader(new java.io.StringReader(JSON)).readObject())
                .add("notes", "kept from an earlier release").build();
        assertEquals("credit-risk", ModelCardParser.fromJson(stored, "credit-risk", "1.4.0").model());
    }
}
