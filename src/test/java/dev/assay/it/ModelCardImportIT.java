package dev.assay.it;

import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 20, part 5, over HTTP: model cards imported from a Hugging Face README and from a CycloneDX 1.6 ML-BOM (the
 * published examples in src/test/resources/dev/assay/registry/formats, cited in HuggingFaceCardTest and
 * CycloneDxCardTest), each listing what it did not map; an imported card audited like any other; the card exported as a
 * CycloneDX BOM that, imported again, is the same card (200, not 409).
 */
@ExtendWith(LibertyServer.class)
class ModelCardImportIT {

    private static String resource(String name) throws IOException {
        try (InputStream in = ModelCardImportIT.class.getResourceAsStream("/dev/assay/registry/formats/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static List<String> paths(JsonObject version) {
        return version.getJsonObject("import").getJsonArray("unmapped").getValuesAs(JsonObject.class).stream()
                .map(u -> u.getString("path")).toList();
    }

    @Test
    void aHuggingFaceCardIsImportedExportedAsCycloneDxAndTheBomGivesBackTheSameCard() throws Exception {
        Api ci = Api.withRoles("ci-gate");
        String model = "hf-it-" + UUID.randomUUID().toString().substring(0, 8);
        String path = "/api/v1/models/" + model + "/versions/2.0.0";
        byte[] readme = resource("adult-income-README.md").getBytes(StandardCharsets.UTF_8);

        Api.Reply created = ci.send("PUT", path, "text/markdown; charset=utf-8", readme);
        assertEquals(201, created.status(), created.text());
        JsonObject version = created.json();
        assertEquals("huggingface", version.getJsonObject("import").getString("format"));
        assertTrue(paths(version).containsAll(List.of("/license", "/tags", "/model-index/0/results/0/source",
                "#Model Card for adult-income-gbt > Environmental Impact")), paths(version).toString());
        JsonObject card = version.getJsonObject("card");
        assertEquals(model, card.getString("model"));
        assertEquals("income-models@example.com", card.getString("owner"));
        assertEquals("Audit every release for the four-fifths rule and monitor drift after deployment.", card.getString("riskManagement"));
        assertEquals(200, ci.send("PUT", path, "text/markdown", readme).status(), "the same README again is the same card");

        // The card as Assay keeps it, and as a CycloneDX 1.6 ML-BOM.
        JsonObject stored = ci.get(path + "/card", "application/json").json();
        assertEquals(card, stored);
        Api.Reply bom = ci.get(path + "/card", "application/vnd.cyclonedx+json");
        assertEquals(200, bom.status(), bom.text());
        assertTrue(bom.contentType().startsWith("application/vnd.cyclonedx+json"), bom.contentType());
        JsonObject doc = bom.json();
        assertEquals("1.6", doc.getString("specVersion"));
        JsonObject component = doc.getJsonArray("components").getJsonObject(0);
        assertEquals("machine-learning-model", component.getString("type"));
        assertEquals(model, component.getString("name"));
        assertTrue(bom.headers().get("assay-carried-as-properties").contains("columns"), bom.headers().toString());
        assertEquals(bom.text(), ci.get(path + "/card", "application/vnd.cyclonedx+json").text(), "the same card, the same bytes");

        // Export then import: the BOM registered on the same version is the same card.
        Api.Reply again = ci.send("PUT", path, "application/vnd.cyclonedx+json", bom.body());
        assertEquals(200, again.status(), again.text());
        assertEquals(List.of(), paths(again.json()), "Assay's own BOM has nothing without a place");
        assertEquals(card, again.json().getJsonObject("card"));

        assertEquals(406, ci.get(path + "/card", "text/csv").status());
    }

    @Test
    void theCycloneDxSpecificationsExampleIsImportedWithAnOverlayAndAudited() throws Exception {
        Api ci = Api.withRoles("ci-gate");
        String model = "stable-diffusion";
        String version = "1.4-" + UUID.randomUUID().toString().substring(0, 8);
        String path = "/api/v1/models/" + model + "/versions/" + version;
        // What the published BOM has no place for, in Assay's terms, for the walking skeleton's CSV.
        String overlay = """
                owner: imaging@example.com
                task: binary-classification
                positiveLabel: 1
                favorableOutcome: 1
                columns: {id: id, label: label, prediction: hired, protected: [sex]}
                """;
        Map<String, Map.Entry<String, byte[]>> parts = new LinkedHashMap<>();
        parts.put("card", Map.entry("application/vnd.cyclonedx+json",
                resource("cyclonedx-valid-machine-learning-1.6.json").getBytes(StandardCharsets.UTF_8)));
        parts.put("assay", Map.entry("application/yaml", overlay.getBytes(StandardCharsets.UTF_8)));
        Api.Reply created = ci.multipart("PUT", path, parts);
        assertEquals(201, created.status(), created.text());
        JsonObject imported = created.json();
        assertEquals("cyclonedx", imported.getJsonObject("import").getString("format"));
        List<String> unmapped = paths(imported);
        assertTrue(unmapped.containsAll(List.of("/components/0/version", "/components/0/modelCard/considerations/fairnessAssessments",
                "/components/0/modelCard/modelParameters/task")), unmapped.toString());
        JsonObject card = imported.getJsonObject("card");
        assertEquals(List.of("Who are the intended users of the model?", "Text-to-image generation for creative applications"),
                card.getJsonArray("intendedUse").getValuesAs(JsonString.class).stream().map(JsonString::getString).toList());
        assertEquals("imaging@example.com", card.getString("owner"));

        // An imported card is a card like any other: datasets are checked against it and it is audited.
        assertEquals(201, ci.send("POST", path + "/datasets", "text/csv", WalkingSkeletonIT.csv().getBytes()).status());
        Api.Reply audit = ci.send("POST", path + "/audits?wait=60", "application/json", "{}".getBytes());
        assertEquals(201, audit.status(), audit.text());
        assertEquals("FAIL", audit.json().getString("decision"), "the walking skeleton's data fails the four-fifths rule");
    }

    @Test
    void whatCannotBeImportedIsAClearProblemAndNothingIsStored() throws Exception {
        Api ci = Api.withRoles("ci-gate");
        String model = "bad-import-" + UUID.randomUUID().toString().substring(0, 8);
        String path = "/api/v1/models/" + model + "/versions/1.0.0";
        Api.Reply lacking = ci.send("PUT", path, "text/markdown", "---\nlicense: mit\nassay:\n  task: classification\n---\n# M\n".getBytes());
        assertEquals(422, lacking.status(), lacking.text());
        assertTrue(lacking.contentType().startsWith("application/problem+json"), lacking.contentType());
        List<JsonObject> errors = lacking.json().getJsonArray("errors").getValuesAs(JsonObject.class);
        assertTrue(errors.stream().anyMatch(e -> e.getString("pointer").equals("/assay/task") && e.getInt("line") == 4), errors.toString());
        assertTrue(errors.stream().anyMatch(e -> e.getString("pointer").equals("/owner")
                && e.getString("message").contains("assay: block")), errors.toString());

        Api.Reply notABom = ci.send("PUT", path, "application/vnd.cyclonedx+json",
                "{\"bomFormat\":\"CycloneDX\",\"specVersion\":\"1.6\",\"components\":[{\"type\":\"ml-model\",\"name\":\"x\"}]}".getBytes());
        assertEquals(422, notABom.status(), notABom.text());
        assertTrue(notABom.text().contains("/components/0/type"), notABom.text());

        assertEquals(415, ci.send("PUT", path, "text/plain", "model: x".getBytes()).status());
        assertEquals(404, ci.get(path).status(), "nothing was stored");
    }
}
