/**
 * Technical plumbing shared by the capabilities: configuration from the server, the data directory,
 * DuckDB (its one configuration and what its column types say), schema migration, start-up state and
 * clocks; canonical JSON (RFC 8785) and hashing; YAML read as JSON with line positions, JSON Schema
 * checks that say where, and JSON display helpers; SQL quoting, values compared by meaning under a
 * common type, and RE2 syntax checks. Nothing here knows about models, policies or audits: it imports
 * nothing of Assay but {@code failure}.
 */
package dev.assay.infrastructure;
