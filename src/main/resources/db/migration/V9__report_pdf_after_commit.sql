-- The PAdES-signed PDF of a finished audit, rendered after the transaction that ends the run (the decision,
-- report JSON, JWS, attestation and ledger entry never wait for it) and inserted once, never updated: by the
-- audit's own job, by the first download that finds none, or on start for results a stop left without one.
-- Results written between V6 and this migration keep theirs in audit_result.report_pdf.
CREATE TABLE audit_report_pdf (
    audit_id   VARCHAR(40)  PRIMARY KEY REFERENCES audit_result (audit_id),
    pdf        TEXT         NOT NULL,
    created_at TIMESTAMP WITH TIME ZONE NOT NULL
);
