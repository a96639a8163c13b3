/**
 * Metrics of the model's documentation rather than its data: whether the model card holds what the
 * EU AI Act's Annex IV asks the technical documentation of a high-risk system to hold. Registered by
 * {@link dev.assay.metric.documentation.DocumentationFamily}; no scan.
 */
package dev.assay.metric.documentation;
