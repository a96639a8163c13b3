/**
 * The model after release: deployments (a version serving in an environment, allowed only when its gate
 * meets the environment's requirement), production prediction and label batches (idempotent, stored whole
 * or not at all, appended as Parquet partitioned by window), tumbling windows closed on schedule or on
 * request, each audited as an ordinary audit of the window's slice against the deployment's reference
 * dataset, and what the windows say: series of metric values and the deployment's health. Uses audit/;
 * knows no HTTP.
 */
package dev.assay.monitoring;
