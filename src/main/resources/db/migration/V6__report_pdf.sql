-- The PAdES-signed PDF of a finished audit, base64 (one text type serves H2 and PostgreSQL alike).
ALTER TABLE audit_result ADD COLUMN report_pdf TEXT;
