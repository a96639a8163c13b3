package dev.assay.registry.formats;

import dev.assay.failure.FieldError;
import dev.assay.failure.InvalidInput;
import dev.assay.registry.ModelCard;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A Hugging Face model card read into an Assay card. {@code adult-income-README.md} is written after Hugging Face's
 * published format: the annotated metadata of https://github.com/huggingface/hub-docs/blob/main/modelcard.md, the
 * {@code model-index} example of https://huggingface.co/docs/hub/model-cards#evaluation-results, and the headings of
 * huggingface_hub's template
 * https://github.com/huggingface/huggingface_hub/blob/main/src/huggingface_hub/templates/modelcard_template.md.
 */
class HuggingFaceCardTest {

    static String resource(String name) {
        try (InputStream in = HuggingFaceCardTest.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static JsonValue json(String text) {
        return Json.createReader(new StringReader(text)).readValue();
    }

    private static final String TITLE = "#Model Card for adult-income-gbt";

    @Test
    void theFrontMatterTheModelIndexAndTheSectionsMapToTheirFields() {
        CardImport imported = HuggingFaceCard.read(resource("adult-income-README.md"), null, null, "adult-income", "2.0.0");
        JsonObject card = imported.card();
        assertEquals("huggingface", imported.format());
        assertEquals(json("""
                {"model": "adult-income", "version": "2.0.0",
                 "performanceMetrics": [
                   {"metric": "accuracy", "value": 0.8712, "name": "Test accuracy", "task": "tabular-classification",
                    "dataset": "Adult Census Income", "split": "test"},
                   {"metric": "f1", "value": 0.7051, "name": "Test F1", "task": "tabular-classification",
                    "dataset": "Adult Census Income", "split": "test"},
                   "roc_auc"],
                 "owner": "income-models@example.com", "task": "binary-classification", "riskTier": "high",
                 "positiveLabel": ">50K", "favorableOutcome": ">50K",
                 "columns": {"id": "row_id", "label": "income", "prediction": "predicted_income", "score": "score",
                             "protected": ["sex", "race"], "features": ["age", "education", "hours_per_week"]},
                 "trainingData": {"datasets": ["scikit-learn/adult-census-income"],
                                  "description": "The 1994 Census Bureau extract (48,842 rows), the training split of 32,561 rows."},
                 "evaluationData": {"datasets": [{"type": "scikit-learn/adult-census-income", "name": "Adult Census Income",
                                                  "config": "default", "split": "test"}],
                                    "description": "The held-out test split of 16,281 rows."},
                 "intendedUse": "Research on income prediction and on auditing classifiers for fairness.\\n\\n### Direct Use\\n\\nScoring census-style records in batch for research dashboards.",
                 "limitations": "Decisions about individual people: credit, hiring, housing or benefits.\\n\\n## Bias, Risks, and Limitations\\n\\nThe 1994 census extract under-represents some groups; selection rates differ by sex and race.",
                 "riskManagement": "Audit every release for the four-fifths rule and monitor drift after deployment."}
                """), card);

        // Nothing is dropped silently: every front-matter key and model-index part without a place, and every section
        // with text that maps nowhere (the template's placeholders and hints are no text; a '#' in a code block is no heading).
        assertEquals(List.of(
                "/language", "/license", "/library_name", "/tags", "/pipeline_tag",
                "/model-index/0/name", "/model-index/0/results/0/dataset/revision", "/model-index/0/results/0/task/name",
                "/model-index/0/results/0/metrics/0/verified", "/model-index/0/results/0/source",
                TITLE,
                TITLE + " > Model Details > Model Description",
                TITLE + " > How to Get Started with the Model",
                TITLE + " > Training Details > Training Procedure > Training Hyperparameters",
                TITLE + " > Evaluation > Testing Data, Factors & Metrics > Metrics",
                TITLE + " > Evaluation > Results",
                TITLE + " > Environmental Impact"), imported.unmapped().stream().map(Unmapped::path).toList());
        assertTrue(imported.unmapped().get(4).reason().contains("give assay.task"), imported.unmapped().get(4).reason());

        // The card passes the same check as a native one.
        ModelCard checked = imported.check("adult-income", "2.0.0");
        assertEquals(ModelCard.Task.BINARY_CLASSIFICATION, checked.task());
        assertEquals(List.of("sex", "race"), checked.columns().protectedAttributes());
        assertEquals(card, checked.document());
    }

    @Test
    void anOverlayWinsOverTheCardAndWhatItReplacesIsReported() {
        String overlayText = "owner: fairness@example.com\nriskTier: limited\nintendedUse: Internal research only\n";
        JsonObject overlay = Json.createObjectBuilder().add("owner", "fairness@example.com").add("riskTier", "limited")
                .add("intendedUse", "Internal research only").build();
        CardImport imported = HuggingFaceCard.read(resource("adult-income-README.md"), overlay, overlayText, "adult-income", "2.0.0");
        assertEquals("fairness@example.com", imported.card().getString("owner"));
        assertEquals("limited", imported.card().getString("riskTier"));
        assertEquals("Internal research only", imported.card().getString("intendedUse"));
        List<Unmapped> replaced = imported.unmapped().stream().filter(u -> u.reason().startsWith("replaced")).toList();
        assertEquals(List.of("/assay/owner", "/assay/riskTier", TITLE + " > Uses"), replaced.stream().map(Unmapped::path).toList());
        assertEquals("replaced: owner is taken from the 'assay' part sent beside it", replaced.get(0).reason());
    }

    @Test
    void whatTheCardLacksOrGetsWrongIsToldWhereToGiveIt() {
        String readme = """
                ---
                license: mit
                assay:
                  task: classification
                  columns: {prediction: approved, protected: sex}
                ---
                # A model
                """;
        InvalidInput e = assertThrows(InvalidInput.class, () -> HuggingFaceCard.read(readme, null, null, "m", "1").check("m", "1"));
        List<String> said = e.errors().stream().map(f -> f.pointer() + (f.line() == null ? "" : " " + f.line() + ":" + f.column())
                + " " + f.message()).toList();
        assertTrue(said.contains("/owner is required (" + HuggingFaceCard.MISSING.formatted("owner") + ")"), said.toString());
        assertTrue(said.stream().anyMatch(s -> s.startsWith("/assay/task 4:9 must be one of")), said.toString());
        assertTrue(said.stream().anyMatch(s -> s.startsWith("/assay/columns/protected 5:46 must be an array")), said.toString());
    }

    @Test
    void frontMatterThatIsNoMappingOrNoYamlIsRefusedOnTheReadmesLines() {
        InvalidInput notClosed = assertThrows(InvalidInput.class, () -> HuggingFaceCard.read("---\nlicense: mit\n", null, null, "m", "1"));
        assertEquals(1L, notClosed.errors().get(0).line());
        InvalidInput broken = assertThrows(InvalidInput.class, () -> HuggingFaceCard.read("---\nlicense: mit\ntags: [a\n---\n", null, null,
                "m", "1"));
        FieldError where = broken.errors().get(0);
        assertTrue(where.line() != null && where.line() >= 3, where.toString());
        InvalidInput block = assertThrows(InvalidInput.class, () -> HuggingFaceCard.read("---\nassay: owner\n---\n", null, null, "m", "1"));
        assertEquals(new FieldError("/assay", 2L, 8L, "must be a mapping of Assay card fields (owner, task, columns, ...)"),
                block.errors().get(0));
    }

    @Test
    void aReadmeWithoutFrontMatterTakesEverythingAssaySpecificFromTheOverlay() {
        JsonObject overlay = Json.createObjectBuilder().add("owner", "o@example.com").add("task", "regression")
                .add("columns", Json.createObjectBuilder().add("prediction", "p")).build();
        CardImport imported = HuggingFaceCard.read("# Plain\n\nJust prose.\n\n## Limitations\n\nNone known.\n", overlay,
                "owner: o@example.com\n", "m", "1");
        assertEquals("None known.", imported.card().getString("limitations"));
        assertEquals(List.of(new Unmapped("#Plain", Unmapped.NO_COUNTERPART)), imported.unmapped());
        assertEquals(ModelCard.Task.REGRESSION, imported.check("m", "1").task());
    }
}
