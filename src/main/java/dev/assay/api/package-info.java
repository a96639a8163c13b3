/**
 * The HTTP API v1 (../shared/API.md): Jakarta REST resources, request parsing and the mapping of
 * every failure to an RFC 9457 {@code application/problem+json} answer. Resources stay thin: they
 * authorize, parse and call the capability services.
 */
package dev.assay.api;
