/**
 * Technical plumbing shared by the capabilities: configuration from the server, the data
 * directory, the embedded DuckDB engine, schema migration and start-up ordering. Nothing here
 * knows about models, policies or audits.
 */
package dev.assay.infrastructure;
