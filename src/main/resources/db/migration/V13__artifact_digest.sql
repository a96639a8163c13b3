-- The artifact a version's card names (card "artifact.digest", algorithm:hex), kept beside the card so the
-- gate can be asked by the digest a CI job holds; one digest belongs to at most one version of a model.
ALTER TABLE model_version ADD COLUMN artifact_digest VARCHAR(140);
CREATE UNIQUE INDEX uq_model_artifact ON model_version (model_name, artifact_digest);
CREATE INDEX ix_model_artifact ON model_version (artifact_digest);
