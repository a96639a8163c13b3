-- Monitoring after release (issue 17): deployments, production prediction and label batches, their
-- window partitions, window audits, and the lease that lets one server close windows at a time.
-- One migration for H2 and PostgreSQL. Batches, partitions and window audits are insert-only; a
-- deployment's row changes once, when it ends (until, ended_by).

CREATE TABLE deployment (
    id                  VARCHAR(40)   PRIMARY KEY,
    model_name          VARCHAR(200)  NOT NULL,
    model_version_id    VARCHAR(40)   NOT NULL REFERENCES model_version (id),
    environment         VARCHAR(100)  NOT NULL,
    since               TIMESTAMP WITH TIME ZONE NOT NULL,
    until               TIMESTAMP WITH TIME ZONE,
    ended_by            VARCHAR(200),
    gate_decision       VARCHAR(10)   NOT NULL,
    gate_audit_id       VARCHAR(40),
    reference_id        VARCHAR(40)   NOT NULL REFERENCES dataset (id),
    monitoring_json     TEXT          NOT NULL,
    created_by          VARCHAR(200)  NOT NULL
);
CREATE INDEX ix_deployment_model ON deployment (model_name, environment, since);

-- One posted batch of predictions or labels. The row is written last, in the transaction that puts
-- the batch's Parquet files in place: files without a row are an unfinished batch, removed on start.
-- Its key is the SHA-256 of deployment, kind and batch id, which also names its files: a second
-- insert of the same batch (a retry, or the same batch sent twice at once) collides on it.
CREATE TABLE monitoring_batch (
    id                  VARCHAR(64)   PRIMARY KEY,
    deployment_id       VARCHAR(40)   NOT NULL REFERENCES deployment (id),
    kind                VARCHAR(20)   NOT NULL,
    batch_id            VARCHAR(200)  NOT NULL,
    row_count           BIGINT        NOT NULL,
    matched             BIGINT,
    sha256              VARCHAR(64)   NOT NULL,
    created_by          VARCHAR(200)  NOT NULL,
    created_at          TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX ix_batch_deployment ON monitoring_batch (deployment_id, kind, created_at);

-- The rows a prediction batch holds in each window: one Parquet file per batch per window.
CREATE TABLE monitoring_partition (
    id                  VARCHAR(100)  PRIMARY KEY,
    batch_key           VARCHAR(64)   NOT NULL REFERENCES monitoring_batch (id),
    deployment_id       VARCHAR(40)   NOT NULL REFERENCES deployment (id),
    window_start        TIMESTAMP WITH TIME ZONE NOT NULL,
    row_count           BIGINT        NOT NULL
);
CREATE INDEX ix_partition_window ON monitoring_partition (deployment_id, window_start);

-- Each audit of a window; a window audited again (late labels) gets a new row, the earlier stays.
CREATE TABLE monitoring_window (
    id                  VARCHAR(40)   PRIMARY KEY,
    deployment_id       VARCHAR(40)   NOT NULL REFERENCES deployment (id),
    window_start        TIMESTAMP WITH TIME ZONE NOT NULL,
    window_end          TIMESTAMP WITH TIME ZONE NOT NULL,
    row_count           BIGINT        NOT NULL,
    labeled_rows        BIGINT        NOT NULL,
    content_key         VARCHAR(64)   NOT NULL,
    dataset_id          VARCHAR(40)   NOT NULL REFERENCES dataset (id),
    audit_id            VARCHAR(40)   NOT NULL REFERENCES audit_run (id),
    created_by          VARCHAR(200)  NOT NULL,
    created_at          TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX ix_window_deployment ON monitoring_window (deployment_id, window_start, created_at);

-- Who closes windows on schedule: the server whose lease has not expired.
CREATE TABLE monitoring_lease (
    name                VARCHAR(100)  PRIMARY KEY,
    holder              VARCHAR(100),
    expires_at          TIMESTAMP WITH TIME ZONE NOT NULL
);
INSERT INTO monitoring_lease (name, holder, expires_at) VALUES ('window-closer', NULL, TIMESTAMP WITH TIME ZONE '1970-01-01 00:00:00+00:00');
