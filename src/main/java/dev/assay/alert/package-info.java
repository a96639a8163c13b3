/**
 * Alerts: events ({@code window.failed}, {@code monitoring.alarm}, {@code deployment.health}, {@code gate.changed},
 * {@code waiver.expiring}, {@code audit.expiring}) delivered to the receivers an admin configures, as signed JSON POSTs, at
 * least once, retried with backoff and recorded per delivery. Publishing an event only writes its
 * deliveries, in the transaction of the change it reports; a dispatcher sends them on its own thread,
 * so a receiver that is down or slow never holds up an audit or an ingest. What expires is told ahead of time by
 * {@link dev.assay.alert.ExpiryNotice} beans, swept on one schedule ({@link dev.assay.alert.NoticeSweeps}).
 */
package dev.assay.alert;
