/**
 * Audit runs: an asynchronous job ({@link dev.assay.audit.AuditService}, its transactional steps in
 * {@link dev.assay.audit.AuditJobs}, its stage in {@link dev.assay.audit.AuditProgress}), queued in the database
 * and claimed by whichever server has a free worker ({@link dev.assay.audit.AuditQueue},
 * {@link dev.assay.audit.AuditWorker}: each audit runs to its end once across servers), that evaluates a
 * model version's dataset against policy packs and stores the findings, the decision and the signed
 * report; backtests of a candidate pack on finished audits; and the gate ({@link dev.assay.audit.GateService}),
 * the decision of a version's latest finished audit with its waivers applied. The
 * {@link dev.assay.audit.AuditEngine} turns rules into needs for the metric engine and judges the values:
 * findings, then a decision ({@link dev.assay.audit.AuditEngine.Evaluation}). What an audit pins is one type,
 * {@link dev.assay.audit.PinnedInputs}, so an audit and a backtest of it evaluate the same inputs, its
 * baseline included. The PASS/WARN/FAIL rule is {@link dev.assay.policy.Decision#decide}, for audits and
 * gates alike.
 */
package dev.assay.audit;
