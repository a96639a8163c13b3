/**
 * Reports: the canonical JSON document of a finished audit (RFC 8785), its detached JWS, the DSSE
 * attestation, the PDF/A-3a rendering laid out by {@code reports/layout.yaml} with its PAdES
 * signature, the signing keys (generated PKCS#12 or configured, rotated, revoked) and verification.
 * Anyone holding a report and the public key can verify it without the server.
 */
package dev.assay.report;
