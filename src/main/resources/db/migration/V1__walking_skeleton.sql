-- One migration set for H2 and PostgreSQL: only types and syntax both accept.
-- Evidence tables (dataset, audit_result, policy_version) are insert-only; the application
-- never updates or deletes their rows.

CREATE TABLE app_user (
    username        VARCHAR(100)  PRIMARY KEY,
    password_hash   VARCHAR(300)  NOT NULL,
    roles           VARCHAR(200)  NOT NULL,
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE TABLE api_token (
    id              VARCHAR(40)   PRIMARY KEY,
    name            VARCHAR(200)  NOT NULL,
    token_hash      VARCHAR(64)   NOT NULL UNIQUE,
    roles           VARCHAR(200)  NOT NULL,
    created_by      VARCHAR(100)  NOT NULL,
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at      TIMESTAMP WITH TIME ZONE,
    revoked_at      TIMESTAMP WITH TIME ZONE
);

CREATE TABLE model_version (
    id              VARCHAR(40)   PRIMARY KEY,
    model_name      VARCHAR(200)  NOT NULL,
    version         VARCHAR(100)  NOT NULL,
    card_json       TEXT          NOT NULL,
    card_sha256     VARCHAR(64)   NOT NULL,
    created_by      VARCHAR(100)  NOT NULL,
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT uq_model_version UNIQUE (model_name, version)
);

CREATE TABLE dataset (
    id              VARCHAR(40)   PRIMARY KEY,
    model_version_id VARCHAR(40)  NOT NULL REFERENCES model_version (id),
    role            VARCHAR(20)   NOT NULL,
    sha256          VARCHAR(64)   NOT NULL,
    format          VARCHAR(20)   NOT NULL,
    size_bytes      BIGINT        NOT NULL,
    row_count       BIGINT        NOT NULL,
    columns_json    TEXT          NOT NULL,
    created_by      VARCHAR(100)  NOT NULL,
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX ix_dataset_version ON dataset (model_version_id, created_at);

CREATE TABLE policy_version (
    sha256          VARCHAR(64)   PRIMARY KEY,
    policy_id       VARCHAR(100)  NOT NULL,
    version         VARCHAR(50)   NOT NULL,
    title           VARCHAR(300)  NOT NULL,
    yaml            TEXT          NOT NULL,
    built_in        BOOLEAN       NOT NULL,
    created_by      VARCHAR(100)  NOT NULL,
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX ix_policy_version_id ON policy_version (policy_id, created_at);

-- The job row of an audit: its inputs are fixed at creation; only status, started_at, finished_at
-- and error move as the job runs. Its outcome is the insert-only audit_result row.
CREATE TABLE audit_run (
    id              VARCHAR(40)   PRIMARY KEY,
    model_version_id VARCHAR(40)  NOT NULL REFERENCES model_version (id),
    dataset_id      VARCHAR(40)   NOT NULL REFERENCES dataset (id),
    baseline_id     VARCHAR(40)   REFERENCES dataset (id),
    request_json    TEXT          NOT NULL,
    inputs_sha256   VARCHAR(64)   NOT NULL,
    status          VARCHAR(20)   NOT NULL,
    error           VARCHAR(2000),
    created_by      VARCHAR(100)  NOT NULL,
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    started_at      TIMESTAMP WITH TIME ZONE,
    finished_at     TIMESTAMP WITH TIME ZONE
);
CREATE INDEX ix_audit_version ON audit_run (model_version_id, created_at);
CREATE INDEX ix_audit_inputs ON audit_run (inputs_sha256);

CREATE TABLE audit_result (
    audit_id        VARCHAR(40)   PRIMARY KEY REFERENCES audit_run (id),
    decision        VARCHAR(10)   NOT NULL,
    reasons         VARCHAR(4000) NOT NULL,
    report_json     TEXT          NOT NULL,
    report_sha256   VARCHAR(64)   NOT NULL,
    report_jws      TEXT          NOT NULL,
    key_id          VARCHAR(100)  NOT NULL,
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL
);
