package dev.assay.registry.formats;

import dev.assay.failure.InvalidInput;
import dev.assay.infrastructure.CanonicalJson;
import dev.assay.registry.ModelCard;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

import java.io.StringReader;
import java.time.Instant;
import java.util.List;

import static dev.assay.registry.formats.HuggingFaceCardTest.resource;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * CycloneDX 1.6 ML-BOMs: the published examples of the CycloneDX specification repository read into Assay cards
 * ({@code cyclonedx-valid-machine-learning-1.6.json} is
 * https://github.com/CycloneDX/specification/blob/master/tools/src/test/resources/1.6/valid-machine-learning-1.6.json and
 * {@code cyclonedx-valid-machine-learning-considerations-env-1.6.json} its {@code -considerations-env-} sibling, as
 * published, Apache-2.0), Assay cards written as BOMs that the official schema accepts, and export then import giving
 * the same card.
 */
class CycloneDxCardTest {

    private static final Instant REGISTERED = Instant.parse("2026-11-30T12:00:00.123456Z");

    private static JsonObject json(String text) {
        return Json.createReader(new StringReader(text)).readObject();
    }

    /** What Assay needs that the specification's example has no place for. */
    private static final JsonObject OVERLAY = json("""
            {"owner": "imaging@example.com", "task": "score", "riskTier": "limited",
             "columns": {"id": "prompt_id", "prediction": "nsfw_flag", "score": "nsfw_score", "protected": ["region"]}}
            """);

    @Test
    void theSpecificationsMachineLearningExampleMapsWhatHasAPlaceAndReportsTheRest() {
        CardImport imported = CycloneDxCard.read(resource("cyclonedx-valid-machine-learning-1.6.json"), null, OVERLAY,
                OVERLAY.toString(), "stable-diffusion", "1.4");
        JsonObject card = imported.card();
        assertEquals(json("""
                {"model": "stable-diffusion", "version": "1.4",
                 "trainingData": [{"type": "dataset", "name": "Training Data", "contents": {"url": "https://example.com/path/to/dataset"},
                                  "classification": "public"}],
                 "intendedUse": ["Who are the intended users of the model?", "Text-to-image generation for creative applications"],
                 "limitations": ["What are the known technical limitations of the model? E.g. What kind(s) of data should the model be expected not to perform well on? What are the factors that might degrade model performance?",
                                 "Limited performance on non-photographic styles"],
                 "riskManagement": [{"name": "The name of the risk", "mitigationStrategy": "Strategy used to address this risk"}],
                 "performanceMetrics": [{"type": "The type of performance metric", "value": "The value of the performance metric",
                   "slice": "The name of the slice this metric was computed on. By default, assume this metric is not sliced",
                   "confidenceInterval": {"lowerBound": "The lower bound of the confidence interval",
                                          "upperBound": "The upper bound of the confidence interval"}}],
                 "owner": "imaging@example.com", "task": "score", "riskTier": "limited",
                 "columns": {"id": "prompt_id", "prediction": "nsfw_flag", "score": "nsfw_score", "protected": ["region"]}}
                """), card);
        String c = "/components/0";
        assertEquals(List.of(
                c + "/publisher", c + "/group", c + "/description",
                c + "/modelCard/modelParameters/approach", c + "/modelCard/modelParameters/task",
                c + "/modelCard/modelParameters/architectureFamily",
                c + "/modelCard/modelParameters/modelArchitecture", c + "/modelCard/modelParameters/inputs",
                c + "/modelCard/modelParameters/outputs", c + "/modelCard/quantitativeAnalysis/graphics",
                c + "/modelCard/considerations/users", c + "/modelCard/considerations/performanceTradeoffs",
                c + "/modelCard/considerations/fairnessAssessments",
                c + "/modelCard/properties"),
                imported.unmapped().stream().map(Unmapped::path).toList());
        assertTrue(imported.unmapped().get(4).reason().startsWith("not one of Assay's tasks"), imported.unmapped().get(4).reason());
        ModelCard checked = imported.check("stable-diffusion", "1.4");
        assertEquals(ModelCard.Task.SCORE, checked.task());

        // Written back, what came from CycloneDX places goes to the same places (and reads back as the same card).
        CycloneDxCard.Export export = CycloneDxCard.write(card, "01".repeat(32), REGISTERED, "t");
        assertEquals(List.of("riskTier", "columns"), export.carried());
        assertEquals(card, CycloneDxCard.read(export.bom().toString(), null, null, null, "stable-diffusion", "1.4").card());
    }

    @Test
    void aModelNamedOtherwiseThanThePathIsReportedAndTheEnvironmentalExampleMapsNothing() {
        CardImport imported = CycloneDxCard.read(resource("cyclonedx-valid-machine-learning-considerations-env-1.6.json"), null,
                OVERLAY, OVERLAY.toString(), "llama", "7b");
        String c = "/components/0";
        assertEquals(List.of(c + "/group", c + "/name", c + "/supplier", c + "/publisher", c + "/externalReferences",
                c + "/modelCard/considerations"), imported.unmapped().stream().map(Unmapped::path).toList());
        assertEquals("the component's name is \"Llama-2-7b\"; the path names the Assay model 'llama'", imported.unmapped().get(1).reason());
        assertEquals(json("{\"model\": \"llama\", \"version\": \"7b\"}").size() + OVERLAY.size(), imported.card().size());
    }

    @Test
    void withoutAnOverlayTheMissingFieldsAreNamedWithWhereToGiveThem() {
        InvalidInput e = assertThrows(InvalidInput.class, () -> CycloneDxCard.read(resource("cyclonedx-valid-machine-learning-1.6.json"),
                null, null, null, "stable-diffusion", "1.4").check("stable-diffusion", "1.4"));
        assertTrue(e.errors().stream().anyMatch(f -> f.pointer().equals("/owner") && f.message().equals(
                "is required (" + CycloneDxCard.MISSING.formatted("owner") + ")")), e.errors().toString());
        assertTrue(e.errors().stream().anyMatch(f -> f.pointer().equals("/columns")), e.errors().toString());
    }

    @Test
    void aBomTheOfficialSchemaRefusesIsRefusedWithPointersAndNothingIsGuessed() {
        String bad = resource("cyclonedx-valid-machine-learning-considerations-env-1.6.json")
                .replace("\"type\": \"machine-learning-model\"", "\"type\": \"ml-model\"");
        InvalidInput e = assertThrows(InvalidInput.class, () -> CycloneDxCard.read(bad, null, null, null, "m", "1"));
        assertTrue(e.getMessage().startsWith("The BOM is not valid CycloneDX 1.6"), e.getMessage());
        assertTrue(e.errors().stream().anyMatch(f -> f.pointer().equals("/components/0/type") && f.line() != null), e.errors().toString());
        InvalidInput old = assertThrows(InvalidInput.class, () -> CycloneDxCard.read(bad.replace("\"1.6\"", "\"1.4\""), null, null, null, "m", "1"));
        assertEquals("/specVersion", old.errors().get(0).pointer());
    }

    @Test
    void aBomOfSeveralModelsIsReadForTheOneNamed() {
        JsonObject one = json(resource("cyclonedx-valid-machine-learning-considerations-env-1.6.json"));
        JsonObject model = one.getJsonArray("components").getJsonObject(0);
        JsonObject two = Json.createObjectBuilder(one).add("components", Json.createArrayBuilder().add(model)
                .add(Json.createObjectBuilder(model).add("bom-ref", "other").add("name", "other"))).build();
        InvalidInput e = assertThrows(InvalidInput.class, () -> CycloneDxCard.read(two.toString(), null, OVERLAY, null, "other", "7b"));
        assertTrue(e.getMessage().contains("2 machine-learning-model components") && e.getMessage().contains("other"), e.getMessage());
        CardImport chosen = CycloneDxCard.read(two.toString(), "other", OVERLAY, null, "other", "7b");
        assertTrue(chosen.unmapped().stream().anyMatch(u -> u.path().equals("/components/0")), "the other model is reported whole");
        assertTrue(chosen.unmapped().stream().noneMatch(u -> u.path().equals("/components/1/name")), "its name is the path's");
    }

    private static final JsonObject FULL = json("""
            {"model": "credit-risk", "version": "1.4.0", "owner": "risk-ml@example.com", "task": "binary-classification",
             "riskTier": "high", "positiveLabel": 1, "favorableOutcome": 1, "positivePrediction": [1],
             "columns": {"id": "applicant_id", "label": "defaulted", "prediction": "approved", "score": "score",
                         "protected": ["sex", "race"], "quasiIdentifiers": ["zip3", "age"], "features": ["income", "age"]},
             "artifact": {"digest": "sha256:9f2c1f5e0a0b4c2d8e7f6a5b4c3d2e1f0a9b8c7d6e5f4a3b2c1d0e9f8a7b6c5d", "uri": "s3://models/credit-risk/1.4.0/model.onnx"},
             "intendedUse": "Consumer credit pre-screening", "trainingData": ["loans-2019", "loans-2020"],
             "humanOversight": "An underwriter decides", "evaluationData": {"name": "holdout-2021", "rows": 12000},
             "performanceMetrics": ["accuracy", "roc_auc"], "limitations": ["Not for small-business loans", "US only"],
             "riskManagement": [{"name": "Proxy discrimination by zip code", "mitigationStrategy": "zip3 excluded from features"}],
             "postMarketMonitoring": "Weekly windows with post-market-monitoring"}
            """);

    @Test
    void anAssayCardIsAValidBomThatReadsBackAsTheSameCard() {
        CycloneDxCard.Export export = CycloneDxCard.write(FULL, "ab".repeat(32), REGISTERED, "1.0.0-test");
        assertEquals(List.of(), CycloneDxCard.violations(export.bom()), "the official 1.6 schema accepts it");
        JsonObject component = export.bom().getJsonArray("components").getJsonObject(0);
        assertEquals("machine-learning-model", component.getString("type"));
        assertEquals(json("{\"h\": [{\"alg\": \"SHA-256\", \"content\": \"9f2c1f5e0a0b4c2d8e7f6a5b4c3d2e1f0a9b8c7d6e5f4a3b2c1d0e9f8a7b6c5d\"}]}").get("h"),
                component.getJsonArray("hashes"));
        assertEquals("risk-ml@example.com", component.getJsonArray("authors").getJsonObject(0).getString("email"));
        assertEquals(json("{\"u\": [\"Consumer credit pre-screening\"]}").get("u"),
                component.getJsonObject("modelCard").getJsonObject("considerations").get("useCases"));
        // What CycloneDX has no place for travels as assay: properties, JSON valued.
        assertEquals(List.of("riskTier", "positiveLabel", "favorableOutcome", "positivePrediction", "columns", "humanOversight",
                "evaluationData", "postMarketMonitoring"), export.carried());
        assertEquals("1", component.getJsonObject("modelCard").getJsonArray("properties").getJsonObject(1).getString("value"));
        assertEquals("2026-11-30T12:00:00Z", export.bom().getJsonObject("metadata").getString("timestamp"));

        CardImport back = CycloneDxCard.read(CanonicalJson.string(export.bom()), null, null, null, "credit-risk", "1.4.0");
        assertEquals(FULL, back.card());
        assertEquals(List.of(), back.unmapped(), "Assay's own BOM has nothing without a place");
        assertEquals(FULL, back.check("credit-risk", "1.4.0").document());
        assertEquals(CanonicalJson.string(export.bom()), CanonicalJson.string(
                CycloneDxCard.write(FULL, "ab".repeat(32), REGISTERED, "1.0.0-test").bom()), "the same card, the same bytes");
    }

    @Test
    void aValueItsPlaceCannotHoldExactlyTravelsAsAProperty() {
        // A list of one would read back as its text; a number where CycloneDX has text; a version YAML read as a number.
        JsonObject card = Json.createObjectBuilder(FULL).add("version", Json.createValue(1.5))
                .add("limitations", Json.createArrayBuilder().add("US only"))
                .add("performanceMetrics", Json.createArrayBuilder().add(Json.createObjectBuilder().add("type", "accuracy").add("value", 0.87)))
                .add("owner", "Risk ML team").build();
        CycloneDxCard.Export export = CycloneDxCard.write(card, "cd".repeat(32), REGISTERED, "t");
        assertEquals(List.of(), CycloneDxCard.violations(export.bom()));
        assertTrue(export.carried().containsAll(List.of("version", "limitations", "performanceMetrics")), export.carried().toString());
        assertTrue(!export.carried().contains("owner"), "a name is an author's name");
        assertEquals(card, CycloneDxCard.read(export.bom().toString(), null, null, null, "credit-risk", "1.5").card());
    }

    // ---------------------------------------------------------------- export then import, for any card

    @Provide
    Arbitrary<JsonValue> documentation() {
        Arbitrary<String> text = Arbitraries.strings().withCharRange(' ', '~').ofMinLength(1).ofMaxLength(20);
        Arbitrary<JsonValue> string = text.map(Json::createValue);
        Arbitrary<JsonValue> list = text.list().ofMinSize(1).ofMaxSize(3).map(l -> Json.createArrayBuilder(l).build());
        Arbitrary<JsonValue> object = Combinators.combine(text, text).as((k, v) -> Json.createObjectBuilder().add(k, v).build());
        Arbitrary<JsonValue> risks = Combinators.combine(text, text).as((n, m) -> Json.createArrayBuilder()
                .add(Json.createObjectBuilder().add("name", n).add("mitigationStrategy", m)).build());
        return Arbitraries.oneOf(string, list, object, risks, Arbitraries.just(JsonValue.NULL));
    }

    @Provide
    Arbitrary<JsonObject> cards() {
        Arbitrary<String> owner = Arbitraries.oneOf(Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(8).map(s -> s + "@example.com"),
                Arbitraries.strings().withCharRange(' ', '~').ofMinLength(1).ofMaxLength(12));
        Arbitrary<JsonValue> version = Arbitraries.oneOf(Arbitraries.strings().numeric().ofMinLength(1).ofMaxLength(4).map(Json::createValue),
                Arbitraries.integers().between(0, 99).map(Json::createValue));
        Arbitrary<JsonValue> label = Arbitraries.oneOf(Arbitraries.integers().between(0, 1).map(Json::createValue),
                Arbitraries.of("yes", "1", "true").map(Json::createValue), Arbitraries.just(JsonValue.TRUE));
        Arbitrary<List<JsonValue>> docs = documentation().list().ofSize(8);
        Arbitrary<Boolean> artifact = Arbitraries.of(true, false);
        return Combinators.combine(owner, version, label, docs, artifact, Arbitraries.of("binary-classification", "score", "regression"))
                .as((o, v, l, d, a, task) -> {
                    JsonObjectBuilder b = Json.createObjectBuilder().add("model", "m").add("version", v).add("owner", o)
                            .add("task", task).add("positiveLabel", l).add("favorableOutcome", l)
                            .add("columns", Json.createObjectBuilder().add("prediction", "p").add("protected", Json.createArrayBuilder().add("sex")));
                    String[] fields = {"intendedUse", "trainingData", "humanOversight", "evaluationData", "performanceMetrics",
                            "limitations", "riskManagement", "postMarketMonitoring"};
                    for (int i = 0; i < fields.length; i++) {
                        b.add(fields[i], d.get(i));
                    }
                    if (a) {
                        b.add("artifact", Json.createObjectBuilder().add("digest", "sha512:" + "0a".repeat(64)).add("uri", "https://x.example/m"));
                    }
                    return b.build();
                });
    }

    @Property(tries = 150)
    void exportThenImportGivesTheSameCardAndTheBomIsValid(@ForAll("cards") JsonObject card) {
        CycloneDxCard.Export export = CycloneDxCard.write(card, "ef".repeat(32), REGISTERED, "t");
        assertEquals(List.of(), CycloneDxCard.violations(export.bom()), export.bom().toString());
        String version = card.get("version").toString().replace("\"", "");
        CardImport back = CycloneDxCard.read(CanonicalJson.string(export.bom()), null, null, null, "m", version);
        assertEquals(card, back.card());
        assertEquals(List.of(), back.unmapped());
    }
}
