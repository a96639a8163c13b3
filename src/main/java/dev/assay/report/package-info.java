/**
 * Reports: the canonical JSON document of a finished audit (RFC 8785), its detached JWS, the signing
 * keys (generated PKCS#12 or configured) and verification. Anyone holding a report and the public
 * key can verify it without the server.
 */
package dev.assay.report;
