-- Identity is a person, not a token (issue 16).
-- Who acted is recorded as the person, followed by the token when one was used: "alice (token ci-main)".
-- The columns that record it are widened to hold both (a user name of up to 100, a token name of up to 200).
ALTER TABLE model_version ALTER COLUMN created_by SET DATA TYPE VARCHAR(320);
ALTER TABLE dataset ALTER COLUMN created_by SET DATA TYPE VARCHAR(320);
ALTER TABLE policy_version ALTER COLUMN created_by SET DATA TYPE VARCHAR(320);
ALTER TABLE audit_run ALTER COLUMN created_by SET DATA TYPE VARCHAR(320);
ALTER TABLE waiver ALTER COLUMN requested_by SET DATA TYPE VARCHAR(320);
ALTER TABLE waiver_decision ALTER COLUMN decided_by SET DATA TYPE VARCHAR(320);
ALTER TABLE ledger_entry ALTER COLUMN actor SET DATA TYPE VARCHAR(320);
ALTER TABLE key_revocation ALTER COLUMN revoked_by SET DATA TYPE VARCHAR(320);
ALTER TABLE app_user ALTER COLUMN created_by SET DATA TYPE VARCHAR(320);
ALTER TABLE api_token ALTER COLUMN created_by SET DATA TYPE VARCHAR(320);
ALTER TABLE api_token ALTER COLUMN revoked_by SET DATA TYPE VARCHAR(320);

-- A token acts for its owner, a person; tokens from before acted for whoever issued them.
ALTER TABLE api_token ADD COLUMN owner VARCHAR(100);
UPDATE api_token SET owner = created_by;
ALTER TABLE api_token ALTER COLUMN owner SET NOT NULL;
CREATE INDEX ix_api_token_owner ON api_token (owner, name);

-- The person who asked for a waiver, apart from the token they asked through: four eyes compares people.
ALTER TABLE waiver ADD COLUMN requester VARCHAR(320);
UPDATE waiver SET requester = requested_by;
ALTER TABLE waiver ALTER COLUMN requester SET NOT NULL;

-- Who owns a model: the person who registered its first version, and whom an admin assigns.
CREATE TABLE model_owner (
    model_name      VARCHAR(200)  NOT NULL,
    owner           VARCHAR(100)  NOT NULL,
    assigned_by     VARCHAR(320)  NOT NULL,
    assigned_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (model_name, owner)
);
INSERT INTO model_owner (model_name, owner, assigned_by, assigned_at)
    SELECT model_name, created_by, 'migration', min(created_at) FROM model_version GROUP BY model_name, created_by;

-- Monitoring (V10) records who acted the same way.
ALTER TABLE deployment ALTER COLUMN created_by SET DATA TYPE VARCHAR(320);
ALTER TABLE deployment ALTER COLUMN ended_by SET DATA TYPE VARCHAR(320);
ALTER TABLE monitoring_batch ALTER COLUMN created_by SET DATA TYPE VARCHAR(320);
ALTER TABLE monitoring_window ALTER COLUMN created_by SET DATA TYPE VARCHAR(320);
