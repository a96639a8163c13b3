/**
 * Re-identification risk of the model card's quasi-identifiers (ARX's names): k-anonymity, rows in
 * classes under k, prosecutor risk, sample uniqueness, from {@link dev.assay.metric.DatasetState}.
 */
package dev.assay.metric.privacy;
