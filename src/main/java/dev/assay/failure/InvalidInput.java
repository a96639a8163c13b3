package dev.assay.failure;

import java.util.List;

/**
 * Input that Assay read but cannot accept: a card, pack, upload or request with errors, every one of
 * them at once so the sender fixes all in one round.
 */
public final class InvalidInput extends Failure {

    private final List<FieldError> errors;

    public InvalidInput(String detail, List<FieldError> errors) {
        super(detail);
        this.errors = List.copyOf(errors);
    }

    /** In the order the sender should read them (usually that of the text). */
    public List<FieldError> errors() {
        return errors;
    }
}
