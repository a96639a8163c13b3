package dev.assay.audit;

import dev.assay.registry.ModelRegistry;
import dev.assay.registry.ModelVersion;
import dev.assay.report.ReportDocument;
import dev.assay.review.ReviewComment;
import dev.assay.review.ReviewService;
import dev.assay.review.SignOff;
import dev.assay.security.Caller;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The review of an audit as a caller reaches it: the audit is looked up for them first (404 for an audit of a model
 * out of their reach, the same answer as for none), then {@link ReviewService} is handed what it needs of it (ended
 * or not, its findings' rules, its model's owners). One place for the API and the portal.
 */
@ApplicationScoped
public class AuditReviews {

    @Inject
    AuditService audits;

    @Inject
    ModelRegistry registry;

    @Inject
    ReviewService reviews;

    /** The audit with its threads and sign-offs. */
    public record Review(AuditRun audit, List<ReviewService.Thread> threads, List<SignOff> signOffs) {
        public Review {
            threads = List.copyOf(threads);
            signOffs = List.copyOf(signOffs);
        }
    }

    public Review of(String auditId, Caller caller) {
        AuditRun run = audits.get(auditId, caller);
        return new Review(run, reviews.threads(run.id()), reviews.signOffs(run.id()));
    }

    /** The sign-offs of an audit the caller has already been given (the version page's latest). */
    public List<SignOff> signOffs(String auditId) {
        return reviews.signOffs(auditId);
    }

    public ReviewComment comment(String auditId, String findingRule, String replyTo, String body, Caller caller) {
        return reviews.comment(subject(auditId, caller), findingRule, replyTo, body, caller);
    }

    public SignOff signOff(String auditId, String statement, Caller caller) {
        return reviews.signOff(subject(auditId, caller), statement, caller);
    }

    private ReviewService.Subject subject(String auditId, Caller caller) {
        AuditRun run = audits.get(auditId, caller);
        ModelVersion version = registry.byId(run.modelVersionId());
        Set<String> rules = new LinkedHashSet<>();
        audits.result(run.id()).ifPresent(result -> ReportDocument.parse(result.reportJson()).findings().stream()
                .map(f -> f.getString("rule", null)).filter(r -> r != null).forEach(rules::add));
        boolean ended = run.ended();
        return new ReviewService.Subject(run.id(), run.modelVersionId(), ended, rules, registry.owners(version.modelName()));
    }
}
