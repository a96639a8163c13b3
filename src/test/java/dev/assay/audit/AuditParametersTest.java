package dev.assay.audit;

import dev.assay.failure.FieldError;
import dev.assay.metric.MetricParameters;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The audit's {@code phoneRegions}: parsed, refused with a field error, pinned only when chosen. */
class AuditParametersTest {

    private static JsonObject json(String text) {
        return Json.createReader(new StringReader(text)).readObject();
    }

    @Test
    void phoneRegionsAreParsedAndPinnedOnlyWhenChosen() {
        List<FieldError> errors = new ArrayList<>();
        MetricParameters p = AuditParameters.parse(json("{\"phoneRegions\": [\"us\", \"GB\"]}"), errors);
        assertEquals(List.of(), errors);
        assertEquals(List.of("US", "GB"), p.phoneRegions());
        assertEquals(List.of("US", "GB"), AuditParameters.toJson(p).getJsonArray("phoneRegions")
                .getValuesAs(jakarta.json.JsonString.class).stream().map(jakarta.json.JsonString::getString).toList());
        assertEquals(p, AuditParameters.parse(AuditParameters.toJson(p), errors), "the pinned form reads back the same");

        MetricParameters defaults = AuditParameters.parse(json("{}"), errors);
        assertEquals(List.of("US"), defaults.phoneRegions());
        assertFalse(AuditParameters.toJson(defaults).containsKey("phoneRegions"), "requests without it keep their inputs hash");
    }

    @Test
    void unknownRegionsAreFieldErrors() {
        for (String bad : List.of("[\"XX\"]", "[]", "\"US\"", "[1]")) {
            List<FieldError> errors = new ArrayList<>();
            MetricParameters p = AuditParameters.parse(json("{\"phoneRegions\": " + bad + "}"), errors);
            assertEquals(1, errors.size(), bad + ": " + errors);
            assertEquals("/parameters/phoneRegions", errors.get(0).pointer(), bad);
            assertEquals(List.of("US"), p.phoneRegions(), bad);
        }
        List<FieldError> errors = new ArrayList<>();
        AuditParameters.parse(json("{\"phoneRegions\": [\"XX\"]}"), errors);
        assertTrue(errors.get(0).message().contains("'XX'"), errors.toString());
    }
}
