-- A pack that extends another is stored as written and as resolved (the parent's rules with the
-- overrides applied): audits use the resolved form, so a later parent version changes nothing here.
ALTER TABLE policy_version ADD COLUMN resolved_json TEXT;
