package dev.assay.alert;

import dev.assay.infrastructure.AssayConfig;
import dev.assay.infrastructure.Clocks;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Sends due deliveries, every second, on a scheduled thread of its own: each as an HTTP POST of the
 * event's canonical JSON with {@link Signature#HEADER}, {@code Assay-Event-Id} and {@code Assay-Event-Type},
 * all of a round at once, each bounded by a connect timeout (2 s) and a response timeout (5 s by default,
 * {@code ASSAY_ALERT_TIMEOUT}), so a receiver that hangs holds up only its own delivery. A 2xx answer
 * delivers; anything else (an error status, a refused connection, a timeout) is retried after
 * {@link Backoff} ({@code ASSAY_ALERT_BACKOFF_FIRST}, {@code ASSAY_ALERT_BACKOFF_CAP},
 * {@code ASSAY_ALERT_MAX_ATTEMPTS}) and fails after the last attempt. Servers sharing a database take each
 * delivery once per attempt ({@link AlertRepository#claim}); a stop loses no delivery, it is tried on the
 * next start.
 */
@ApplicationScoped
public class Dispatcher {

    private static final Logger LOG = Logger.getLogger(Dispatcher.class.getName());

    @Resource(lookup = "concurrent/alerts")
    ManagedScheduledExecutorService scheduler;

    @Inject
    AlertRepository alerts;

    @Inject
    AssayConfig config;

    Clock clock = Clocks.UTC_MICROS;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2))
            .followRedirects(HttpClient.Redirect.NEVER).build();
    private volatile ScheduledFuture<?> rounds;

    public void start() {
        if (rounds == null) {
            rounds = scheduler.scheduleWithFixedDelay(this::roundSafely, 1, 1, TimeUnit.SECONDS);
        }
    }

    @PreDestroy
    void stop() {
        if (rounds != null) {
            rounds.cancel(false);
        }
    }

    private void roundSafely() {
        try {
            round();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "An alert delivery round failed; the next one retries", e);
        }
    }

    /** One round: every due delivery (up to 100) sent at once, each outcome recorded. */
    void round() {
        Backoff backoff = backoff();
        Duration timeout = config.env("ASSAY_ALERT_TIMEOUT").map(Duration::parse).orElse(Duration.ofSeconds(5));
        Instant now = clock.instant();
        List<CompletableFuture<Void>> sent = new ArrayList<>();
        for (AlertDelivery d : alerts.due(now, 100)) {
            // The lease outlasts the attempt, so no other server takes the delivery while it is under way.
            if (!alerts.claim(d.id(), d.nextAttemptAt(), now.plus(timeout).plusSeconds(30))) {
                continue;
            }
            AlertReceiver receiver = alerts.receiver(d.receiver()).orElse(null);
            if (receiver == null) {
                continue;
            }
            byte[] body = d.payload().getBytes(StandardCharsets.UTF_8);
            HttpRequest request = HttpRequest.newBuilder(URI.create(receiver.url())).timeout(timeout)
                    .header("Content-Type", "application/json")
                    .header("Assay-Event-Id", d.eventId())
                    .header("Assay-Event-Type", d.eventType())
                    .header(Signature.HEADER, Signature.header(receiver.secret(), clock.instant().getEpochSecond(), body))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
            sent.add(http.sendAsync(request, HttpResponse.BodyHandlers.discarding())
                    .handle((response, error) -> {
                        record(d, backoff, response == null ? null : response.statusCode(), error);
                        return null;
                    }));
        }
        CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new)).orTimeout(timeout.toMillis() + 5_000, TimeUnit.MILLISECONDS)
                .exceptionally(e -> null).join();
    }

    private void record(AlertDelivery d, Backoff backoff, Integer status, Throwable error) {
        Instant at = clock.instant();
        int attempts = d.attempts() + 1;
        if (status != null && status / 100 == 2) {
            alerts.attempted(d.id(), AlertDelivery.Status.DELIVERED, attempts, at, at, null);
            return;
        }
        Throwable cause = error instanceof java.util.concurrent.CompletionException && error.getCause() != null ? error.getCause() : error;
        String why = status != null ? "HTTP " + status : cause.getClass().getSimpleName() + ": " + cause.getMessage();
        backoff.after(attempts).ifPresentOrElse(
                wait -> alerts.attempted(d.id(), AlertDelivery.Status.RETRYING, attempts, at, at.plus(wait), why),
                () -> alerts.attempted(d.id(), AlertDelivery.Status.FAILED, attempts, at, at, why));
    }

    private Backoff backoff() {
        return new Backoff(config.env("ASSAY_ALERT_BACKOFF_FIRST").map(Duration::parse).orElse(Backoff.DEFAULT.first()),
                config.env("ASSAY_ALERT_BACKOFF_CAP").map(Duration::parse).orElse(Backoff.DEFAULT.cap()),
                config.env("ASSAY_ALERT_MAX_ATTEMPTS").map(Integer::parseInt).orElse(Backoff.DEFAULT.maxAttempts()));
    }
}
