package dev.assay.api;

import dev.assay.audit.AuditReviews;
import dev.assay.review.ReviewComment;
import dev.assay.review.ReviewService;
import dev.assay.review.SignOff;
import jakarta.json.bind.annotation.JsonbNillable;
import jakarta.json.bind.annotation.JsonbPropertyOrder;

import java.time.Instant;
import java.util.List;

/** An audit's review: its comment threads (each finding's, and the audit's as a whole) and its sign-offs. */
@JsonbPropertyOrder({"audit", "threads", "signOffs"})
public record ReviewView(String audit, List<Thread> threads, List<SignOffView> signOffs) {

    public ReviewView {
        threads = List.copyOf(threads);
        signOffs = List.copyOf(signOffs);
    }

    /** A comment; {@code finding} is the rule's id, null for the audit as a whole; {@code thread} null for a thread's first. */
    @JsonbPropertyOrder({"id", "finding", "thread", "author", "writtenBy", "body", "createdAt"})
    public record Comment(String id, @JsonbNillable String finding, @JsonbNillable String thread, String author, String writtenBy,
                          String body, Instant createdAt) {
        static Comment of(ReviewComment c) {
            return new Comment(c.id(), c.findingRule(), c.threadId(), c.author(), c.writtenBy(), c.body(), c.createdAt());
        }
    }

    /** A thread's first comment and its replies, oldest first. */
    @JsonbPropertyOrder({"first", "replies"})
    public record Thread(Comment first, List<Comment> replies) {
        public Thread {
            replies = List.copyOf(replies);
        }

        static Thread of(ReviewService.Thread t) {
            return new Thread(Comment.of(t.first()), t.replies().stream().map(Comment::of).toList());
        }
    }

    /** A named auditor's sign-off: the person, and the token they acted through when they did. */
    @JsonbPropertyOrder({"id", "auditor", "signedBy", "statement", "signedAt"})
    public record SignOffView(String id, String auditor, String signedBy, String statement, Instant signedAt) {
        static SignOffView of(SignOff s) {
            return new SignOffView(s.id(), s.auditor(), s.signedBy(), s.statement(), s.signedAt());
        }
    }

    static ReviewView of(AuditReviews.Review r) {
        return new ReviewView(r.audit().id(), r.threads().stream().map(Thread::of).toList(),
                r.signOffs().stream().map(SignOffView::of).toList());
    }
}
