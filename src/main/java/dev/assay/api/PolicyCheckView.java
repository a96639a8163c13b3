package dev.assay.api;

import dev.assay.failure.FieldError;
import jakarta.json.bind.annotation.JsonbPropertyOrder;

import java.util.List;

/**
 * {@code POST /api/v1/policies/validate}: a valid pack names its id, version and hash; an invalid one
 * has none of them, and every error.
 */
@JsonbPropertyOrder({"valid", "id", "version", "sha256", "errors"})
public record PolicyCheckView(boolean valid, String id, String version, String sha256, List<Error> errors) {

    public PolicyCheckView {
        errors = List.copyOf(errors);
    }

    /** Where (a JSON pointer, or a line and column, whichever is known) and what is wrong. */
    @JsonbPropertyOrder({"pointer", "line", "column", "message"})
    public record Error(String pointer, Long line, Long column, String message) {

        static Error of(FieldError e) {
            return new Error(e.pointer(), e.line(), e.column(), e.message());
        }
    }
}
