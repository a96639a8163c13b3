package dev.assay.alert;

import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.spi.JsonProvider;

import java.time.Instant;
import java.util.Objects;

/**
 * One event, as receivers get it: {@code {"id", "type", "occurredAt", "subject", ...details}}.
 *
 * @param id      unique per event, and the same for every delivery and retry of it, so a receiver drops repeats;
 *                an event that must be told once (a waiver expiring) has an id derived from what it is about
 * @param subject what the event is about: a deployment id, a model version ({@code model@version}), a waiver id
 * @param details further fields, beside the four above (their names must differ from those)
 */
public record Event(String id, EventType type, Instant occurredAt, String subject, JsonObject details) {

    private static final JsonProvider JSON = JsonProvider.provider();

    public Event {
        Objects.requireNonNull(id);
        Objects.requireNonNull(type);
        Objects.requireNonNull(occurredAt);
        Objects.requireNonNull(subject);
        details = details == null ? JsonObject.EMPTY_JSON_OBJECT : details;
        for (String reserved : new String[] {"id", "type", "occurredAt", "subject"}) {
            if (details.containsKey(reserved)) {
                throw new IllegalArgumentException("an event's details cannot hold '" + reserved + "'");
            }
        }
    }

    /**
     * An event told once about {@code about} (a waiver's or an audit's id): its id is {@code <type>:<about>}, the
     * same on every sweep, restart and server, so each receiver gets it once.
     */
    public static Event once(EventType type, String about, Instant occurredAt, String subject, JsonObject details) {
        return new Event(type.id() + ":" + about, type, occurredAt, subject, details);
    }

    public JsonObject toJson() {
        JsonObjectBuilder b = JSON.createObjectBuilder().add("id", id).add("type", type.id())
                .add("occurredAt", occurredAt.toString()).add("subject", subject);
        details.forEach(b::add);
        return b.build();
    }
}
