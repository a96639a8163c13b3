/**
 * Audit runs: an asynchronous job that evaluates a model version's dataset against policy packs,
 * produces findings, a decision and a signed report; and the gate, the decision of a version's
 * latest finished audit.
 */
package dev.assay.audit;
