/**
 * The command-line client for CI (README, "A client for CI"): {@code java -jar target/assay-cli.jar} with
 * {@code register}, {@code upload}, {@code audit}, {@code gate}, {@code verify} and {@code ledger}. It speaks
 * the HTTP API with the JDK's HttpClient and reuses the server's offline checks as they are
 * ({@link dev.assay.report.OfflineVerifier}, {@link dev.assay.ledger.LedgerExport}), so a report verifies the
 * same way everywhere. It reaches no class that needs JPA, CDI or the web container: CliJarTest checks
 * that, and that {@code src/assembly/cli.xml} packs exactly the classes it reaches. Exit codes: {@link Exit}.
 */
package dev.assay.cli;
