package dev.assay.failure;

/**
 * Something named by the caller does not exist. Thrown where a caller asked for one thing; a service
 * that only wonders whether something exists asks a lookup returning an Optional instead.
 */
public final class NotFound extends Failure {

    public NotFound(String detail) {
        super(detail);
    }
}
