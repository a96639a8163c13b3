package dev.assay.audit;

/**
 * A CDI event fired inside the transaction of a change that can move a version's gate (an audit finishing,
 * a waiver requested or decided), by {@link GateChanges} before the change: the gate {@link GateService}
 * keeps is read afresh from then until the transaction has completed.
 */
public record GateInputsChanged(String modelVersionId) {
}
