package dev.assay.report;

import dev.assay.failure.FieldError;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class RoundingTest {

    @Test
    void roundsTheDecimalAValuePrintsAs() {
        Rounding halfUp = new Rounding(2, RoundingMode.HALF_UP);
        assertEquals(new BigDecimal("0.13"), halfUp.apply(0.125), "0.125 is a tie, not 0.12499999...");
        assertEquals(new BigDecimal("0.12"), new Rounding(2, RoundingMode.HALF_EVEN).apply(0.125));
        assertEquals(new BigDecimal("0.79"), new Rounding(2, RoundingMode.DOWN).apply(0.7999));
        assertEquals(new BigDecimal("0.464"), new Rounding(3, RoundingMode.HALF_UP).apply(0.46428571428571425));
        assertEquals(new BigDecimal("1.00"), halfUp.apply(1.0));
    }

    @Test
    void annotatesValuesButKeepsTheExactOne() {
        JsonObject finding = Json.createObjectBuilder().add("value", 0.7951).add("threshold", 0.8).build();
        JsonObject annotated = new Rounding(2, RoundingMode.HALF_UP).annotate(finding);
        assertEquals(0.7951, annotated.getJsonNumber("value").doubleValue(), 0, "rules see the exact value");
        assertEquals(new BigDecimal("0.80"), annotated.getJsonNumber("reported").bigDecimalValue());
        JsonObject undefined = Json.createObjectBuilder().addNull("value").build();
        assertEquals(undefined, new Rounding(2, RoundingMode.HALF_UP).annotate(undefined), "undefined stays undefined");
    }

    @Test
    void parsesAndNamesEveryMistake() {
        List<FieldError> errors = new ArrayList<>();
        assertNull(Rounding.parse(null, errors));
        assertEquals(new Rounding(3, RoundingMode.HALF_EVEN), Rounding.parse(Json.createObjectBuilder()
                .add("decimals", 3).add("mode", "half_even").build(), errors));
        assertEquals(List.of(), errors);
        Rounding.parse(Json.createObjectBuilder().add("decimals", 1.5).add("mode", "up").build(), errors);
        assertEquals(List.of("/rounding/decimals", "/rounding/mode"), errors.stream().map(FieldError::pointer).toList());
        errors.clear();
        Rounding.parse(Json.createObjectBuilder().add("decimals", 4294967298L).build(), errors);
        assertEquals(List.of("/rounding/decimals"), errors.stream().map(FieldError::pointer).toList(), "no wrap-around into 0..12");
    }
}
