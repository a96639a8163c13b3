package dev.assay.failure;

/**
 * Input Assay cannot take at all and cannot point into: a name outside the naming rules, an upload
 * that broke off before its end. Input it could read but not accept is {@link InvalidInput}.
 */
public final class Malformed extends Failure {

    public Malformed(String detail) {
        super(detail);
    }
}
