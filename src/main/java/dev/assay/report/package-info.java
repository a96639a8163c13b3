/**
 * Reports: the canonical JSON document of a finished audit (RFC 8785), its detached JWS, the DSSE
 * attestation, the PDF/A-3a rendering laid out by {@code reports/layout.yaml} with its PAdES
 * signature, the signing keys (generated PKCS#12 or configured, rotated, revoked) and verification,
 * online and offline ({@link dev.assay.report.OfflineVerifier}); and what everything published obeys
 * (rounding on request, the small-cell rule). Anyone holding a report and the public key can verify it
 * without the server. The document's JSON is written and read in one place,
 * {@link dev.assay.report.ReportDocument}; nothing else reads a report by key name but the PDF renderer,
 * which renders the published JSON as it is.
 */
package dev.assay.report;
