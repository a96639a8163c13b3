package dev.assay.alert;

import jakarta.json.Json;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The pure parts of alerts: the signature (against Python's hmac), the backoff schedule, the event's shape. */
class AlertsLogicTest {

    @Test
    void theSignatureIsHmacSha256OfTimeDotBody() {
        byte[] body = "{\"id\":\"e1\"}".getBytes(StandardCharsets.UTF_8);
        // python3 -c "import hmac,hashlib; print(hmac.new(b'whsec_test_0123456789', b'1700000000.{\"id\":\"e1\"}', hashlib.sha256).hexdigest())"
        String header = Signature.header("whsec_test_0123456789", 1_700_000_000L, body);
        assertEquals("t=1700000000,v1=e3c0ab8c2c2783d6eb5ec42e123051b2d2ce704466c5abb868a37e471131e79d", header);
        assertTrue(Signature.verify("whsec_test_0123456789", header, body));
        assertFalse(Signature.verify("whsec_test_0123456789", header, "{\"id\":\"e2\"}".getBytes(StandardCharsets.UTF_8)));
        assertFalse(Signature.verify("whsec_test_0123456789", header.replace("t=1700000000", "t=1700000001"), body),
                "the time is signed too");
        assertFalse(Signature.verify("whsec_test_0123456789", "garbage", body));
    }

    @Test
    void backoffDoublesUpToItsCapAndStopsAfterTheLastAttempt() {
        Backoff b = new Backoff(Duration.ofSeconds(2), Duration.ofSeconds(10), 5);
        assertEquals(Optional.of(Duration.ofSeconds(2)), b.after(1));
        assertEquals(Optional.of(Duration.ofSeconds(4)), b.after(2));
        assertEquals(Optional.of(Duration.ofSeconds(8)), b.after(3));
        assertEquals(Optional.of(Duration.ofSeconds(10)), b.after(4), "capped");
        assertEquals(Optional.empty(), b.after(5), "five attempts in all: failed");
        assertEquals(Optional.of(Duration.ofMinutes(10)), Backoff.DEFAULT.after(11));
        assertThrows(IllegalArgumentException.class, () -> new Backoff(Duration.ZERO, Duration.ofSeconds(1), 3));
    }

    @Test
    void anEventCarriesItsFourFieldsAndItsDetailsButCannotOverrideThem() {
        Event e = new Event("e-1", EventType.GATE_CHANGED, Instant.parse("2026-12-01T00:00:00Z"), "m@1.0.0",
                Json.createObjectBuilder().add("before", "NONE").add("after", "FAIL").build());
        assertEquals("{\"id\":\"e-1\",\"type\":\"gate.changed\",\"occurredAt\":\"2026-12-01T00:00:00Z\",\"subject\":\"m@1.0.0\","
                + "\"before\":\"NONE\",\"after\":\"FAIL\"}", e.toJson().toString());
        assertThrows(IllegalArgumentException.class, () -> new Event("e-2", EventType.GATE_CHANGED, Instant.EPOCH, "s",
                Json.createObjectBuilder().add("id", "forged").build()));
        assertEquals(Optional.of(EventType.WAIVER_EXPIRING), EventType.byId("waiver.expiring"));
    }
}
