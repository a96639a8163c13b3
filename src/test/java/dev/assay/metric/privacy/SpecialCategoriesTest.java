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

        var race = SpecialCategories.column("special_category_data", "race", ROLES);
        assertEquals(1.0, race.value(), 0);
        assertTrue(race.note().endsWith("; declared in the model card"), race.note());
        assertEquals(0.0, SpecialCategories.column("undeclared_special_category", "race", ROLES).value(), 0);
        assertEquals(1.0, SpecialCategories.column("undeclared_special_category", "diagnosis", ROLES).value(), 0);
        assertEquals(1.0, SpecialCategories.column("special_category_data", "notes", ROLES).value(), 0, "declared sensitive");
        assertEquals(0.0, SpecialCategories.column("special_category_data", "income", ROLES).value(), 0);
    }

    @Test
    void protectedAttributesUsedAsFeaturesAreCounted() {
        var v = SpecialCategories.prohibited(ROLES);
        assertEquals(1.0, v.value(), 0);
        assertEquals("protected attribute(s) used as features: sex", v.note());
        assertEquals(0.0, SpecialCategories.prohibited(new DeclaredRoles(List.of("sex"), List.of(), List.of(), List.of("income")))
                .value(), 0);
    }
}
