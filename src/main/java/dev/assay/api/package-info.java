/**
 * The HTTP API v1 (../shared/API.md): Jakarta REST resources, request parsing and the mapping of
 * every failure to an RFC 9457 {@code application/problem+json} answer. Resources stay thin: they
 * authorize, parse and call the capability services.
 *
 * <p>Answers are small immutable records named for what they are ({@code AuditView}, {@code GateView},
 * ...), serialized by the server's JSON-B provider with the one configuration of {@link dev.assay.api.ViewJson}
 * (the bytes of the former hand-built JSON, pinned by {@code ResponseViewsTest}). Left as they are, because
 * their bytes are a document of their own: the signed report and attestation, the JWK set and the
 * published list of revoked keys, and problem+json.
 */
package dev.assay.api;
