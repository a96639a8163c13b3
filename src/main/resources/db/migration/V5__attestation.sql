-- The in-toto attestation of an audit (a DSSE envelope), signed when the audit completes.
ALTER TABLE audit_result ADD COLUMN attestation TEXT;
