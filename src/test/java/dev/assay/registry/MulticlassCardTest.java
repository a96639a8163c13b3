package dev.assay.registry;

import dev.assay.failure.FieldError;
import dev.assay.failure.InvalidInput;
import jakarta.json.Json;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Issue 21 §1: a multiclass card's classes and favorable classes, and every mistake named by its field. */
class MulticlassCardTest {

    private static final String CARD = """
            model: grades
            version: "1"
            owner: o@example.com
            task: multiclass-classification
            %s
            columns:
              label: grade
              prediction: predicted_grade
              protected: [sex]
            %s
            """;

    private static ModelCard parse(String fields) {
        return parse(fields, "");
    }

    private static ModelCard parse(String fields, String columns) {
        return ModelCardParser.parseYaml(CARD.formatted(fields, columns), "grades", "1");
    }

    /** Each error's pointer and message, by pointer. */
    private static Map<String, String> errors(String fields, String columns) {
        InvalidInput e = assertThrows(InvalidInput.class, () -> parse(fields, columns));
        return e.errors().stream().collect(Collectors.toMap(FieldError::pointer, FieldError::message, (a, b) -> a + " | " + b));
    }

    @Test
    void aMulticlassCardNamesItsClassesAndItsFavorableOnes() {
        ModelCard card = parse("classes: [A, B, C, 4]\nfavorableClasses: [A, \"4.0\"]");
        assertTrue(card.multiclass());
        assertEquals(List.of(Json.createValue("A"), Json.createValue("B"), Json.createValue("C"), Json.createValue(4)), card.classes());
        // A favorable class is the card's own class (as written in classes): "4.0" means 4.
        assertEquals(List.of(Json.createValue("A"), Json.createValue(4)), card.favorableClasses());
        assertTrue(card.positivePrediction().isEmpty());
        assertTrue(card.favorableOutcome().isEmpty());
        ModelCard without = parse("classes: [low, high]");
        assertEquals(2, without.classes().size());
        assertTrue(without.favorableClasses().isEmpty());
    }

    @Test
    void classesAreRequiredAtLeastTwoAndDistinctByMeaning() {
        assertTrue(errors("", "").get("/classes").contains("is required for multiclass-classification"));
        assertTrue(errors("classes: [A]", "").get("/classes").contains("2"), errors("classes: [A]", "").toString());
        Map<String, String> same = errors("classes: [1, B, \"1.0\"]", "");
        assertTrue(same.get("/classes/2").contains("the same class as 1"), same.toString());
        Map<String, String> blank = errors("classes: [A, \"\", {x: 1}]", "");
        assertTrue(blank.containsKey("/classes/1") && blank.containsKey("/classes/2"), blank.toString());
    }

    @Test
    void favorableClassesAreClassesAndLeaveOneOut() {
        Map<String, String> e = errors("classes: [A, B, C]\nfavorableClasses: [A, D, A]", "");
        assertTrue(e.get("/favorableClasses/1").contains("\"D\" is not one of classes"), e.toString());
        assertTrue(e.get("/favorableClasses/2").contains("named twice"), e.toString());
        assertTrue(errors("classes: [A, B]\nfavorableClasses: [B, A]", "").get("/favorableClasses").contains("leave out at least one"));
        assertTrue(errors("classes: [A, B]\nfavorableClasses: []", "").containsKey("/favorableClasses"));
    }

    @Test
    void theBinaryFieldsAndAScoreDoNotApplyAndClassesBelongToMulticlassOnly() {
        Map<String, String> e = errors("classes: [A, B, C]\npositiveLabel: A\nfavorableOutcome: A\npositivePrediction: [A]",
                "  score: p_a");
        for (String field : List.of("/positiveLabel", "/favorableOutcome", "/positivePrediction")) {
            assertTrue(e.get(field).contains("use favorableClasses") || e.get(field).contains("favorableClasses"), e.toString());
        }
        assertTrue(e.get("/columns/score").contains("names no score column"), e.toString());
        InvalidInput binary = assertThrows(InvalidInput.class, () -> ModelCardParser.parseYaml("""
                model: m
                version: "1"
                owner: o@example.com
                task: binary-classification
                positiveLabel: 1
                favorableOutcome: 1
                classes: [0, 1]
                favorableClasses: [1]
                columns: {prediction: p}
                """, "m", "1"));
        Map<String, String> b = binary.errors().stream().collect(Collectors.toMap(FieldError::pointer, FieldError::message));
        assertEquals("applies only to task multiclass-classification, not binary-classification", b.get("/classes"));
        assertEquals("applies only to task multiclass-classification, not binary-classification", b.get("/favorableClasses"));
    }

    @Test
    void errorsHaveTheirLine() {
        InvalidInput e = assertThrows(InvalidInput.class, () -> parse("classes: [A, B, C]\nfavorableClasses: [Z]"));
        FieldError z = e.errors().stream().filter(f -> f.pointer().equals("/favorableClasses/0")).findFirst().orElseThrow();
        assertEquals(6L, z.line());
    }
}
