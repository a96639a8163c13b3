package dev.assay.audit;

import dev.assay.policy.Decision;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

public interface AuditRepository {

    /** A finished audit whose validity ends at {@code expiresAt}. */
    record Expiring(String auditId, String modelVersionId, Instant expiresAt) {
    }

    /** Finished audits whose validity ends after {@code from}, at or before {@code to}, soonest first. */
    List<Expiring> expiringBetween(Instant from, Instant to);

    Optional<AuditRun> find(String id);

    Optional<AuditResult> result(String auditId);

    /** The decision of a finished audit alone, without loading its report, signature and PDF. */
    Optional<Decision.Verdict> verdict(String auditId);

    void add(AuditRun run);

    void addResult(AuditResult result);

    /** The audits of one version, newest first. */
    List<AuditRun> ofVersion(String modelVersionId);

    /** The newest finished (DONE) audit of a version, production windows' audits left out (they do not move the gate). */
    Optional<AuditRun> latestDone(String modelVersionId);

    /** The newest audit of these inputs that did not end in ERROR. */
    Optional<AuditRun> byInputs(String inputsSha256);

    /** The PAdES-signed PDF of a finished audit, once rendered (or as a result from before V9 holds it). */
    Optional<byte[]> pdf(String auditId);

    /** Inserts a rendered PDF; fails when the audit has one already (PDFs are written once). */
    void addPdf(ReportPdf pdf);

    /** Finished audits with no PDF yet, oldest first: a stop came between the result and its PDF. */
    List<String> withoutPdf();
}
