/**
 * What went wrong, said without a transport: the bottom of the package graph, importing nothing of
 * Assay. Domain code (registry, dataset, policy, audit, waiver, report, infrastructure) throws a
 * {@link dev.assay.failure.Failure}; only the edges that speak HTTP turn one into an answer: the API
 * into RFC 9457 problem+json ({@code dev.assay.api.Problem#of}), the portal into a page with the same
 * status and text. So the statuses live in one place and a service never learns that a caller is an
 * HTTP client; a test (ArchitectureTest) keeps it so.
 */
package dev.assay.failure;
