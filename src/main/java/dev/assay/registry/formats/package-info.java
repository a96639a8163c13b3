/**
 * Model cards from where they already are, and back: a Hugging Face model card (README.md, YAML front matter with
 * {@code model-index}, Markdown sections) or a CycloneDX 1.6 ML-BOM's {@code modelCard} read into an Assay card
 * ({@link dev.assay.registry.formats.HuggingFaceCard}, {@link dev.assay.registry.formats.CycloneDxCard}), and an Assay
 * card written as a CycloneDX 1.6 ML-BOM. What has no counterpart is never dropped silently: an import lists every
 * field it did not map by its place in the document ({@link dev.assay.registry.formats.Unmapped}); an export carries
 * every Assay field CycloneDX has no place for as an {@code assay:} property, so export then import gives the same card.
 *
 * <p>The Assay fields neither format has (task in Assay's terms, column roles, protected attributes, favorable
 * outcome, ...) come from the document itself ({@code assay:} block in the front matter, {@code assay:<field>}
 * properties in the BOM) or from an overlay sent beside it; the card made is checked exactly as a native one.
 *
 * <p>CycloneDX is read and written as JSON-P and checked against the official CycloneDX 1.6 JSON schema (taken at build
 * time from the CycloneDX project's {@code cyclonedx-core-java} artifact). That library's object model is not used: it
 * needs json-schema-validator 1.5 where Assay runs 3.0 (one class path holds one), and an import must name every field
 * it did not map by its JSON pointer, which a typed model that keeps only what it knows cannot say.
 */
package dev.assay.registry.formats;
