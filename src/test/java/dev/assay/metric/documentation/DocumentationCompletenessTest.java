package dev.assay.metric.documentation;

import dev.assay.metric.MetricValue;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class DocumentationCompletenessTest {

    @Test
    void countsFilledAnnexFourFieldsAndNamesTheMissingOnes() {
        JsonObject card = Json.createObjectBuilder()
                .add("model", "m").add("version", "1").add("owner", "o@example.com")
                .add("intendedUse", "screening")
                .add("trainingData", "   ")                        // blank: missing
                .add("performanceMetrics", Json.createArrayBuilder()) // empty list: missing
                .add("limitations", "synthetic")
                .add("humanOversight", Json.createObjectBuilder().add("who", "a credit officer"))
                .addNull("riskManagement")                           // null: missing
                .build();
        MetricValue v = DocumentationCompleteness.of(card);
        // Filled: owner, version, intendedUse, humanOversight, limitations = 5 of 10.
        assertEquals(5.0 / 10, v.value(), 1e-12);
        assertEquals(10, v.n());
        assertEquals("missing: trainingData (Annex IV 2(d) data requirements and datasheets); "
                + "evaluationData (Annex IV 2(g) validation and testing data); "
                + "performanceMetrics (Annex IV 2(g), 3 metrics of accuracy and robustness (Art. 15(3))); "
                + "riskManagement (Annex IV 5 risk management system (Art. 9)); "
                + "postMarketMonitoring (Annex IV 9 post-market monitoring plan (Art. 72))", v.note());
    }

    @Test
    void aFullCardAndNoCard() {
        var b = Json.createObjectBuilder();
        DocumentationCompleteness.FIELDS.keySet().forEach(f -> b.add(f, "text"));
        MetricValue full = DocumentationCompleteness.of(b.build());
        assertEquals(1.0, full.value(), 0);
        assertNull(full.note());
        assertNull(DocumentationCompleteness.of(null).value());
    }
}
