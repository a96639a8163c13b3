package dev.assay.review;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/**
 * One comment on an audit: on a finding (its rule's id) or on the audit as a whole (no rule); the first of a
 * thread, or a reply in one. Written once.
 */
@Entity
@Table(name = "review_comment")
public class ReviewComment {

    @Id
    private String id;

    @Column(name = "audit_id", nullable = false)
    private String auditId;

    /** The finding's rule id; null for a comment on the audit as a whole. */
    @Column(name = "finding_rule")
    private String findingRule;

    /** The thread's first comment; null when this one starts a thread. */
    @Column(name = "thread_id")
    private String threadId;

    /** The person who wrote it (four eyes and "who said what" compare people). */
    @Column(nullable = false)
    private String author;

    /** The person and the token they wrote through, as records name them. */
    @Column(name = "written_by", nullable = false)
    private String writtenBy;

    @Column(nullable = false)
    private String body;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    protected ReviewComment() {
    }

    public ReviewComment(String id, String auditId, String findingRule, String threadId, String author, String writtenBy,
                         String body, Instant createdAt) {
        this.id = id;
        this.auditId = auditId;
        this.findingRule = findingRule;
        this.threadId = threadId;
        this.author = author;
        this.writtenBy = writtenBy;
        this.body = body;
        this.createdAt = createdAt;
    }

    public String id() {
        return id;
    }

    public String auditId() {
        return auditId;
    }

    public String findingRule() {
        return findingRule;
    }

    public String threadId() {
        return threadId;
    }

    public String author() {
        return author;
    }

    public String writtenBy() {
        return writtenBy;
    }

    public String body() {
        return body;
    }

    public Instant createdAt() {
        return createdAt;
    }
}
