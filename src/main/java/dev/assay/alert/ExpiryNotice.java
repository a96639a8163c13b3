package dev.assay.alert;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Something that expires and is told to receivers ahead of its expiry (an approved waiver, an audit's validity):
 * {@link NoticeSweeps} asks each such bean, every sweep, for its notices and publishes them. Each notice is told once:
 * its event id is derived from what expires ({@link Event#once}), so repeated sweeps, restarts and several
 * servers add no second delivery.
 */
public interface ExpiryNotice {

    /** The environment variable that sets how long before an expiry its notice goes out (an ISO-8601 duration). */
    String noticeVariable();

    /**
     * How long before an expiry its notice goes out when {@link #noticeVariable()} is not set: 30 days, as issue 20 asks
     * of waiver and audit notices alike.
     */
    default Duration defaultNotice() {
        return Duration.ofDays(30);
    }

    /**
     * A notice for each thing that expires after {@code now} and at or before {@code until}, each made with
     * {@link Event#once} (the sweep publishes them; a receiver told before is not told again).
     */
    List<Event> notices(Instant now, Instant until);

    /**
     * What the expiries after {@code since} and at or before {@code now} changed, told once each ({@link Event#once}):
     * the gate an expired audit turned FAIL, say. The sweep looks back {@link NoticeSweeps#EXPIRED_LOOKBACK}, so
     * that an expiry while every server was down is still told when one is back. None by default.
     */
    default List<Event> expired(Instant since, Instant now) {
        return List.of();
    }
}
