package dev.assay.failure;

/**
 * A rule of the domain forbids this caller the act, whatever their roles (four eyes: a waiver is
 * decided by someone other than its requester). Missing roles and credentials are found before any
 * service runs, by the request filter, and never reach domain code.
 */
public final class NotPermitted extends Failure {

    public NotPermitted(String detail) {
        super(detail);
    }
}
