package dev.assay.failure;

/** Input above a configured limit; refused before it is stored, so the limit protects the disk and heap. */
public final class TooLarge extends Failure {

    public TooLarge(String detail) {
        super(detail);
    }
}
