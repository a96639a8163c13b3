/**
 * Audit runs: an asynchronous job that evaluates a model version's dataset against policy packs,
 * produces findings, a decision and a signed report; and the gate, the decision of a version's
 * latest finished audit. What an audit pins is one type, {@link dev.assay.audit.PinnedInputs}: an audit and a
 * backtest of it evaluate the same inputs, its baseline included. The PASS/WARN/FAIL rule is
 * {@link dev.assay.policy.Decision#decide}, for audits and gates alike.
 */
package dev.assay.audit;
