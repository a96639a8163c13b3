/**
 * Policy packs: the declarative YAML rules Assay audits against, their parsing and validation against the
 * packs' JSON Schema, inheritance ({@code extends}), content hashes and storage
 * ({@link dev.assay.policy.PolicyCatalog}); the evaluation of a rule's metric values into findings, each
 * with its {@link dev.assay.policy.Outcome} (pass, warn, fail or undefined: the one type of that name), and
 * of findings into a {@link dev.assay.policy.Decision}.
 */
package dev.assay.policy;
