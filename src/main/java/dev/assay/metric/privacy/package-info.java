/**
 * Re-identification risk of the model card's quasi-identifiers (ARX's names): k-anonymity, rows in
 * classes under k, prosecutor risk, sample uniqueness, from {@link dev.assay.metric.DatasetState}; personal data
 * in column values by validating recognizers ({@link dev.assay.metric.privacy.PiiRecognizers}); GDPR Art. 9
 * special categories ({@link dev.assay.metric.privacy.SpecialCategories}).
 */
package dev.assay.metric.privacy;
