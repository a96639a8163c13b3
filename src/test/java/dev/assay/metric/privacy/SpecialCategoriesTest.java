package dev.assay.metric.privacy;

import dev.assay.metric.DeclaredRoles;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SpecialCategoriesTest {

    private static final DeclaredRoles ROLES = new DeclaredRoles(List.of("sex", "race"), List.of("notes"), List.of("age"),
            List.of("income", "sex"));

    @Test
    void namesAndRolesMapToArticle9Categories() {
        assertEquals(Optional.of("racial or ethnic origin"), SpecialCategories.category("race"));
        assertEquals(Optional.of("health"), SpecialCategories.category("Diagnosis_Code"));
        assertEquals(Optional.of("health"), SpecialCategories.category("hivStatus"));
        assertEquals(Optional.of("religious or philosophical beliefs"), SpecialCategories.category("religion"));
        assertEquals(Optional.empty(), SpecialCategories.category("income"));
        assertEquals(Optional.empty(), SpecialCategories.category("embrace"), "whole words only");

        var race = SpecialCategories.column("special_category_data", "race", ROLES, null);
        assertEquals(1.0, race.value(), 0);
        assertTrue(race.note().endsWith("; declared in the model card"), race.note());
        assertEquals(0.0, SpecialCategories.column("undeclared_special_category", "race", ROLES, null).value(), 0);
        assertEquals(1.0, SpecialCategories.column("undeclared_special_category", "diagnosis", ROLES, null).value(), 0);
        assertEquals(1.0, SpecialCategories.column("special_category_data", "notes", ROLES, null).value(), 0, "declared sensitive");
        assertEquals(0.0, SpecialCategories.column("special_category_data", "income", ROLES, null).value(), 0);
    }

    @Test
    void protectedAttributesUsedAsFeaturesAreCounted() {
        var v = SpecialCategories.prohibited(ROLES, List.of());
        assertEquals(1.0, v.value(), 0);
        assertEquals("protected attribute(s) used as features: sex", v.note());
        assertEquals(0.0, SpecialCategories.prohibited(new DeclaredRoles(List.of("sex"), List.of(), List.of(), List.of("income")), List.of())
                .value(), 0);
    }

    @Test
    void proxiesNamedByTheRuleCountAsProhibitedFeatures() {
        DeclaredRoles roles = new DeclaredRoles(List.of("sex", "race"), List.of(), List.of(), List.of("income", "sex", "zip3"));
        var v = SpecialCategories.prohibited(roles, List.of("zip3", "surname"));
        assertEquals(2.0, v.value(), 0, "sex itself, and zip3 as the proxy of race; surname is not a feature");
        assertEquals("protected attribute(s) used as features: sex; proxies of protected attributes used as features: zip3",
                v.note());
        assertEquals("no protected attribute or named proxy among the model's features", SpecialCategories.prohibited(
                new DeclaredRoles(List.of("sex"), List.of(), List.of(), List.of("income")), List.of("zip3")).note());
    }

    @Test
    void columnsAreRecognizedFromTheirValues() {
        assertEquals(Optional.of("racial or ethnic origin"), SpecialCategories.valueCategory(" African-American "));
        assertEquals(Optional.of("racial or ethnic origin"), SpecialCategories.valueCategory("Amer-Indian-Eskimo"));
        assertEquals(Optional.of("religious or philosophical beliefs"), SpecialCategories.valueCategory("MUSLIM"));
        assertEquals(Optional.empty(), SpecialCategories.valueCategory("gay pride parade"), "whole values only");
        // q7 holds beliefs in 6 of 10 sampled values: flagged from its values, and not declared.
        var q7 = new dev.assay.metric.privacy.PiiSampler.PiiState(10, java.util.Map.of(),
                java.util.Map.of("religious or philosophical beliefs", 6L, "health", 1L));
        var flagged = SpecialCategories.column("undeclared_special_category", "q7", ROLES, q7);
        assertEquals(1.0, flagged.value(), 0);
        assertEquals("religious or philosophical beliefs (from its values: 6 of 10 sampled)", flagged.note());
        // Under half: not flagged.
        var few = new dev.assay.metric.privacy.PiiSampler.PiiState(10, java.util.Map.of(), java.util.Map.of("health", 4L));
        assertEquals(0.0, SpecialCategories.column("special_category_data", "q8", ROLES, few).value(), 0);
    }
}
