/**
 * Re-identification risk of the model card's quasi-identifiers (ARX's names): k-anonymity, rows in
 * classes under k, prosecutor risk, sample uniqueness and l-diversity, from the classes
 * {@link dev.assay.metric.privacy.AnonymityPlan} counts (it holds k-anonymity's floor); personal data in
 * column values by validating recognizers ({@link dev.assay.metric.privacy.PiiRecognizers}: payment cards,
 * phone numbers, ...) and GDPR Art. 9 special categories ({@link dev.assay.metric.privacy.SpecialCategories}),
 * both counted on one sample per column that {@link dev.assay.metric.privacy.PiiSampler} draws. Registered by
 * {@link dev.assay.metric.privacy.PrivacyFamily}.
 */
package dev.assay.metric.privacy;
