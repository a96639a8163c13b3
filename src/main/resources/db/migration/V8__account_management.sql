-- Local-mode account management: an admin disables an account (it is never deleted, so what it
-- did stays attributable); tokens record who revoked them.
ALTER TABLE app_user ADD COLUMN disabled_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE app_user ADD COLUMN created_by VARCHAR(100);
ALTER TABLE api_token ADD COLUMN revoked_by VARCHAR(100);
