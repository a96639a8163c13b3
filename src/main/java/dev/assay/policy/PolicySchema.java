package dev.assay.policy;

import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.path.NodePath;
import dev.assay.api.FieldError;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/** The JSON Schema (2020-12) of policy packs, policies/schema/policy-pack.schema.json. */
public final class PolicySchema {

    private static final Schema SCHEMA = load();

    private PolicySchema() {
    }

    private static Schema load() {
        try (InputStream in = PolicySchema.class.getClassLoader().getResourceAsStream("policies/schema/policy-pack.schema.json")) {
            if (in == null) {
                throw new IllegalStateException("policies/schema/policy-pack.schema.json is not on the class path");
            }
            return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12).getSchema(in, InputFormat.JSON);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every schema violation of a pack (given as JSON text), each with the JSON pointer it concerns. */
    public static List<FieldError> validate(String json) {
        LinkedHashSet<String> seen = new LinkedHashSet<>();
        List<FieldError> errors = new ArrayList<>();
        for (Error e : SCHEMA.validate(json, InputFormat.JSON)) {
            String pointer = pointer(e.getInstanceLocation());
            if (e.getProperty() != null && "required".equals(e.getKeyword())) {
                pointer = pointer + "/" + e.getProperty();
            }
            String message = e.getMessage().replaceFirst("^\\$[^:]*: ", "");
            if (seen.add(pointer + "|" + message)) {
                errors.add(FieldError.at(pointer, message));
            }
        }
        return errors;
    }

    private static String pointer(NodePath path) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < path.getNameCount(); i++) {
            b.append('/').append(String.valueOf(path.getElement(i)).replace("~", "~0").replace("/", "~1"));
        }
        return b.toString();
    }
}
