package dev.assay.alert;

import dev.assay.failure.FieldError;
import dev.assay.failure.InvalidInput;
import dev.assay.failure.NotFound;
import dev.assay.infrastructure.CanonicalJson;
import dev.assay.infrastructure.Clocks;
import dev.assay.ledger.Ledger;
import dev.assay.security.Caller;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.transaction.Transactional;

import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/** Configures receivers and publishes events to them (the deliveries; {@link Dispatcher} sends them). */
@ApplicationScoped
public class Alerts {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");

    @Inject
    AlertRepository alerts;

    @Inject
    Ledger ledger;

    Clock clock = Clocks.UTC_MICROS;

    /**
     * Creates or replaces a receiver (an admin's act, in the ledger without the secret).
     *
     * @throws InvalidInput a name, URL (absolute http or https), event list or secret (16 to 500 characters) that will not do
     */
    @Transactional
    public AlertReceiver configure(String name, String url, List<String> events, String secret, Caller admin) {
        List<FieldError> errors = new ArrayList<>();
        if (name == null || !NAME.matcher(name).matches()) {
            errors.add(FieldError.at("/name", "must be 1-100 letters, digits, '.', '_' or '-'"));
        }
        try {
            URI u = URI.create(url == null ? "" : url);
            if (!("http".equals(u.getScheme()) || "https".equals(u.getScheme())) || u.getHost() == null || url.length() > 2000) {
                errors.add(FieldError.at("/url", "must be an absolute http or https URL of at most 2000 characters"));
            }
        } catch (IllegalArgumentException e) {
            errors.add(FieldError.at("/url", "is not a URL: " + e.getMessage()));
        }
        Set<EventType> types = java.util.EnumSet.noneOf(EventType.class);
        for (int i = 0; i < events.size(); i++) {
            int at = i;
            EventType.byId(events.get(i)).ifPresentOrElse(types::add, () -> errors.add(FieldError.at("/events/" + at,
                    "unknown event '" + events.get(at) + "'; known: " + EventType.known())));
        }
        if (events.isEmpty()) {
            errors.add(FieldError.at("/events", "name at least one event"));
        }
        if (secret == null || secret.length() < 16 || secret.length() > 500) {
            errors.add(FieldError.at("/secret", "is required: 16 to 500 characters the receiver checks signatures with"));
        }
        if (!errors.isEmpty()) {
            throw new InvalidInput("The alert receiver has " + errors.size() + " problem(s)", errors);
        }
        AlertReceiver receiver = alerts.receiver(name).orElse(null);
        if (receiver == null) {
            receiver = new AlertReceiver(name, url, types, secret, admin.actor(), clock.instant());
            alerts.add(receiver);
        } else {
            receiver.update(url, types, secret, admin.actor(), clock.instant());
        }
        ledger.append("alert.receiver", name, admin.actor(), Json.createObjectBuilder().add("url", url)
                .add("events", Json.createArrayBuilder(types.stream().map(EventType::id).sorted().toList())).build());
        return receiver;
    }

    public boolean exists(String name) {
        return alerts.receiver(name).isPresent();
    }

    public AlertReceiver receiver(String name) {
        return alerts.receiver(name).orElseThrow(() -> new NotFound("No alert receiver " + name));
    }

    /** A receiver's deliveries, newest first (the last 1,000). */
    public List<AlertDelivery> deliveries(String name) {
        receiver(name);
        return alerts.deliveries(name, 1000);
    }

    /**
     * The deliveries, to any receiver, of the events about {@code subject} (a deployment id, say), newest first,
     * at most {@code limit}. The payload's subject is read back, so a subject that only appears inside another
     * field's text never counts.
     */
    public List<AlertDelivery> deliveriesAbout(String subject, int limit) {
        return alerts.deliveriesAbout(subject, limit).stream().filter(d -> subject.equals(subjectOf(d))).toList();
    }

    private static String subjectOf(AlertDelivery d) {
        try (jakarta.json.JsonReader r = Json.createReader(new java.io.StringReader(d.payload()))) {
            return r.readObject().getString("subject", null);
        } catch (jakarta.json.JsonException | ClassCastException e) {
            return null;
        }
    }

    /**
     * Records {@code event} for every receiver that wants it, in the caller's transaction (the event is
     * published exactly when the change it reports commits); an event already told to a receiver is not
     * told again.
     */
    @Transactional
    public void publish(Event event) {
        String payload = CanonicalJson.string(event.toJson());
        for (AlertReceiver r : alerts.receivers()) {
            if (r.wants(event.type())) {
                alerts.addIfNew(new AlertDelivery(UUID.randomUUID().toString(), r.name(), event, payload, clock.instant()));
            }
        }
    }
}
