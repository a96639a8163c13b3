-- Review as auditors do it (issue 19 part 7): comments on an audit's findings, threaded, and a named auditor's
-- sign-off of an audit. Both are evidence: rows are inserted, never changed or deleted, and each has its ledger entry.

-- A comment on one finding of an audit (finding_rule the rule's id), or on the audit as a whole (finding_rule NULL).
-- A reply names the first comment of its thread (thread_id); a thread's first comment has none.
CREATE TABLE review_comment (
    id              VARCHAR(40)   PRIMARY KEY,
    audit_id        VARCHAR(40)   NOT NULL REFERENCES audit_run (id),
    finding_rule    VARCHAR(200),
    thread_id       VARCHAR(40)   REFERENCES review_comment (id),
    author          VARCHAR(200)  NOT NULL,
    written_by      VARCHAR(400)  NOT NULL,
    body            VARCHAR(4000) NOT NULL,
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX ix_review_comment_audit ON review_comment (audit_id, created_at);

-- One sign-off per auditor per audit: the person (auditor) and, for the record, the token they acted through.
CREATE TABLE audit_sign_off (
    id              VARCHAR(40)   PRIMARY KEY,
    audit_id        VARCHAR(40)   NOT NULL REFERENCES audit_run (id),
    model_version_id VARCHAR(40)  NOT NULL REFERENCES model_version (id),
    auditor         VARCHAR(200)  NOT NULL,
    signed_by       VARCHAR(400)  NOT NULL,
    statement       VARCHAR(4000) NOT NULL,
    signed_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT uq_audit_sign_off UNIQUE (audit_id, auditor)
);
CREATE INDEX ix_audit_sign_off_version ON audit_sign_off (model_version_id, signed_at);
