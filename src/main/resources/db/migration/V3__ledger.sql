-- The tamper-evident audit trail: each entry holds the hash of the one before it. Insert-only.
CREATE TABLE ledger_entry (
    seq             BIGINT        PRIMARY KEY,
    kind            VARCHAR(50)   NOT NULL,
    subject         VARCHAR(200)  NOT NULL,
    actor           VARCHAR(200)  NOT NULL,
    recorded_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    payload         TEXT          NOT NULL,
    prev_hash       VARCHAR(64)   NOT NULL,
    hash            VARCHAR(64)   NOT NULL UNIQUE
);

-- The head of the chain, locked (SELECT ... FOR UPDATE) by each append so concurrent appends queue
-- up until the one before commits. The only row of the ledger that is ever updated; it is derived
-- from the entries and checked against them.
CREATE TABLE ledger_head (
    id              INTEGER       PRIMARY KEY,
    seq             BIGINT        NOT NULL,
    hash            VARCHAR(64)   NOT NULL
);
INSERT INTO ledger_head (id, seq, hash) VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');
