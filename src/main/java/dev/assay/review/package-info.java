/**
 * Review as auditors do it: comments on an audit's findings (or on the audit as a whole), threaded, and a named
 * auditor's sign-off of an audit. Both are evidence like the audit itself: written once, each with its ledger
 * entry, never edited or deleted (a correction is a further comment). This package knows audits only by the
 * facts the caller hands it ({@link dev.assay.review.ReviewService.Subject}), so the audit service can read
 * sign-offs into later reports without a circle between the two.
 */
package dev.assay.review;
