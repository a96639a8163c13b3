package dev.assay.failure;

/** The request contradicts what is already recorded (an immutable version, a decided waiver, a run not done). */
public final class Conflict extends Failure {

    public Conflict(String detail) {
        super(detail);
    }
}
