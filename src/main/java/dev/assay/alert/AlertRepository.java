package dev.assay.alert;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Receivers and their deliveries. */
public interface AlertRepository {

    Optional<AlertReceiver> receiver(String name);

    List<AlertReceiver> receivers();

    void add(AlertReceiver receiver);

    /** Adds a delivery unless the receiver has one of the same event already (an event is told once). */
    void addIfNew(AlertDelivery delivery);

    /** A receiver's deliveries, newest first, at most {@code limit}. */
    List<AlertDelivery> deliveries(String receiver, int limit);

    /**
     * Deliveries of events about {@code subject} (to every receiver), newest first, at most {@code limit}: the
     * payload is canonical JSON, so its subject reads exactly {@code "subject":"<subject>"}.
     */
    List<AlertDelivery> deliveriesAbout(String subject, int limit);

    /** Deliveries still retrying whose next attempt is due at {@code now}, oldest first, at most {@code limit}. */
    List<AlertDelivery> due(Instant now, int limit);

    /**
     * Takes a due delivery for one attempt: moves its next attempt to {@code leaseUntil} if it is still
     * {@code expectedNext} (another server has not taken it). True when this caller has it.
     */
    boolean claim(String id, Instant expectedNext, Instant leaseUntil);

    /** Records an attempt's outcome. */
    void attempted(String id, AlertDelivery.Status status, int attempts, Instant at, Instant next, String error);
}
