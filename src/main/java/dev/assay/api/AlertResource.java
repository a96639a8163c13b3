package dev.assay.api;

import dev.assay.alert.AlertDelivery;
import dev.assay.alert.AlertReceiver;
import dev.assay.alert.Alerts;
import dev.assay.alert.EventType;
import dev.assay.failure.FieldError;
import dev.assay.infrastructure.SchemaCheck;
import dev.assay.security.Caller;
import dev.assay.security.Permission;
import dev.assay.security.Requires;
import jakarta.inject.Inject;
import jakarta.json.bind.annotation.JsonbPropertyOrder;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Alert receivers (API.md, "Alerts"): an admin configures where events go; admins and auditors read
 * what was delivered. Deliveries carry {@code Assay-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of
 * "<t>.<body>" under the receiver's secret>} (README, "Alerts").
 */
@Path("api/v1")
@Produces(MediaType.APPLICATION_JSON)
public class AlertResource {

    /** Its body: unknown keys and wrong types are errors, never ignored. */
    private static final SchemaCheck SCHEMA = SchemaCheck.load("policies/schema/alert-receiver.schema.json");

    @Inject
    Alerts alerts;

    /** A receiver as answered: never its secret. */
    @JsonbPropertyOrder({"name", "url", "events", "updatedBy", "updatedAt"})
    public record ReceiverView(String name, String url, List<String> events, String updatedBy, Instant updatedAt) {

        static ReceiverView of(AlertReceiver r) {
            return new ReceiverView(r.name(), r.url(), r.events().stream().map(EventType::id).sorted().toList(), r.updatedBy(),
                    r.updatedAt());
        }
    }

    /** One delivery: the event, how often it was tried, where it stands. */
    @JsonbPropertyOrder({"event", "type", "attempts", "status", "lastAttemptAt", "nextAttemptAt", "lastError", "createdAt"})
    public record DeliveryView(String event, String type, int attempts, String status, Instant lastAttemptAt,
                               Instant nextAttemptAt, String lastError, Instant createdAt) {

        static DeliveryView of(AlertDelivery d) {
            boolean retrying = d.status() == AlertDelivery.Status.RETRYING;
            return new DeliveryView(d.eventId(), d.eventType(), d.attempts(), d.status().id(), d.lastAttemptAt(),
                    retrying ? d.nextAttemptAt() : null, d.lastError(), d.createdAt());
        }
    }

    public record DeliveriesView(List<DeliveryView> deliveries) {
    }

    /** Body: {"url", "events": [...], "secret"}. 201 for a new receiver, 200 for a replaced one. */
    @PUT
    @Path("alert-receivers/{name}")
    @Consumes(MediaType.WILDCARD)
    @Requires(Permission.MANAGE_ALERTS)
    public Response configure(@PathParam("name") String name, String body, @Context SecurityContext security) {
        JsonBodies.Body checked = JsonBodies.object(body, SCHEMA);
        List<FieldError> errors = new ArrayList<>();
        String url = JsonBodies.optionalString(checked.json(), "url", errors);
        List<String> events = JsonBodies.stringList(checked.json(), "events", errors);
        String secret = JsonBodies.optionalString(checked.json(), "secret", errors);
        checked.check("The alert receiver", errors);
        boolean existed = alerts.exists(name);
        AlertReceiver r = alerts.configure(name, url, events, secret, (Caller) security.getUserPrincipal());
        return Response.status(existed ? 200 : 201).entity(ReceiverView.of(r)).build();
    }

    @GET
    @Path("alert-receivers/{name}/deliveries")
    @Requires(Permission.READ_ALERTS)
    public DeliveriesView deliveries(@PathParam("name") String name) {
        return new DeliveriesView(alerts.deliveries(name).stream().map(DeliveryView::of).toList());
    }
}
