package dev.assay.alert;

import java.time.Duration;
import java.time.Instant;

/**
 * Something that expires and is told to receivers ahead of its expiry (an approved waiver, an audit's validity):
 * {@link NoticeSweeps} asks each such bean, every sweep, to publish its notices. Each notice is told once:
 * its event id is derived from what expires ({@link Event#once}), so repeated sweeps, restarts and several
 * servers add no second delivery.
 */
public interface ExpiryNotice {

    /** How long before an expiry its notice goes out. */
    Duration ahead();

    /** Publishes a notice for each thing that expires after {@code now} and at or before {@code until}. */
    void sweep(Instant now, Instant until);
}
