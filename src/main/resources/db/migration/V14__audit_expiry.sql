-- When a finished audit stops being valid (its report's validity.expiresAt: completion plus the validFor of the
-- rules it judged), kept beside the report so the audit.expiring notice finds what expires soon without reading
-- reports. Written with the result, never updated; null for audits that never expire (and every earlier one).
ALTER TABLE audit_result ADD COLUMN expires_at TIMESTAMP WITH TIME ZONE;
CREATE INDEX ix_audit_result_expires ON audit_result (expires_at);
