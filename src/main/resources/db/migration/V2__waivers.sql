-- A waiver request is immutable; its decision is a separate, insert-only event.
CREATE TABLE waiver (
    id              VARCHAR(40)   PRIMARY KEY,
    model_version_id VARCHAR(40)  NOT NULL REFERENCES model_version (id),
    rule_id         VARCHAR(200)  NOT NULL,
    justification   VARCHAR(4000) NOT NULL,
    expires_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    requested_by    VARCHAR(200)  NOT NULL,
    requested_at    TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX ix_waiver_version ON waiver (model_version_id, requested_at);

CREATE TABLE waiver_decision (
    waiver_id       VARCHAR(40)   PRIMARY KEY REFERENCES waiver (id),
    outcome         VARCHAR(20)   NOT NULL,
    decided_by      VARCHAR(200)  NOT NULL,
    comment         VARCHAR(4000) NOT NULL,
    decided_at      TIMESTAMP WITH TIME ZONE NOT NULL
);
