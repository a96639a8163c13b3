package dev.assay.audit;

import dev.assay.policy.Decision;

/**
 * A CDI event fired when an audit's result is written, synchronously and inside that transaction: an
 * observer's writes (an alert's deliveries) commit with the result or not at all. Packages above
 * {@code audit/} (monitoring) react to audits this way without {@code audit/} knowing them.
 *
 * @param inputs what the audit pinned (its window, for a production window's audit)
 */
public record AuditCompleted(String auditId, String modelVersionId, Decision.Verdict verdict, PinnedInputs inputs) {
}
