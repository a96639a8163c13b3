package dev.assay.policy;

import dev.assay.failure.FieldError;
import dev.assay.infrastructure.SchemaCheck;
import jakarta.json.JsonValue;

import java.util.List;

/** The JSON Schema (2020-12) of policy packs, policies/schema/policy-pack.schema.json. */
public final class PolicySchema {

    private static final SchemaCheck SCHEMA = SchemaCheck.load("policies/schema/policy-pack.schema.json");

    private PolicySchema() {
    }

    /** Every schema violation of a pack, each with the JSON pointer it concerns. */
    public static List<FieldError> validate(JsonValue json) {
        return SCHEMA.validate(json);
    }
}
