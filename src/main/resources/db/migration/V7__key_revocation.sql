-- Revoked report-signing keys. Insert-only: a revocation is never withdrawn (a key once suspected
-- stays suspect); reports signed by a revoked key verify as invalid with the reason "revoked key".
CREATE TABLE key_revocation (
    key_id          VARCHAR(64)   PRIMARY KEY,
    revoked_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    revoked_by      VARCHAR(200)  NOT NULL,
    reason          VARCHAR(1000) NOT NULL
);
