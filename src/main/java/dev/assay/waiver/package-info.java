/**
 * Waivers: a time-boxed, justified exception to one failed rule of one model version, requested by
 * one person and approved or rejected by another (four eyes). An approved, unexpired waiver turns
 * that rule's failure into a warning at the gate; on expiry the gate fails again by itself.
 */
package dev.assay.waiver;
