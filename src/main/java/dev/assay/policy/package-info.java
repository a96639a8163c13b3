/**
 * Policy packs: the declarative YAML rules Assay audits against, their parsing and validation, their
 * content hashes, and the evaluation of a rule's metric values into findings and of findings into a
 * decision.
 */
package dev.assay.policy;
