package dev.assay.report;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;

import java.io.StringReader;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/**
 * The revoked keys, as published at /.well-known/assay-revoked-keys.json, and what they do to a
 * verification: a signature by a revoked key is invalid whenever it was made, because whoever
 * holds a compromised key can write any signing time.
 */
public record Revocations(Map<String, Revoked> byKeyId) {

    public static final Revocations NONE = new Revocations(Map.of());

    public record Revoked(String keyId, Instant revokedAt, String reason) {
    }

    public Revocations {
        byKeyId = Map.copyOf(byKeyId);
    }

    public static Revocations of(Iterable<Revoked> revoked) {
        Map<String, Revoked> map = new TreeMap<>();
        revoked.forEach(r -> map.put(r.keyId(), r));
        return new Revocations(map);
    }

    public ReportSigner.Verification apply(ReportSigner.Verification v) {
        Revoked r = v.keyId() == null ? null : byKeyId.get(v.keyId());
        if (!v.valid() || r == null) {
            return v;
        }
        return new ReportSigner.Verification(false, v.keyId(), v.signedAt(),
                "revoked key: " + r.keyId() + " was revoked at " + r.revokedAt() + " (" + r.reason() + ")");
    }

    public JsonObject toJson() {
        JsonArrayBuilder list = Json.createArrayBuilder();
        byKeyId.values().forEach(r -> list.add(Json.createObjectBuilder().add("kid", r.keyId())
                .add("revokedAt", r.revokedAt().toString()).add("reason", r.reason())));
        return Json.createObjectBuilder().add("revoked", list).build();
    }

    public static Revocations parse(String json) {
        JsonObject o = Json.createReader(new StringReader(json)).readObject();
        return of(o.getJsonArray("revoked").getValuesAs(JsonObject.class).stream()
                .map(r -> new Revoked(r.getString("kid"), Instant.parse(r.getString("revokedAt")), r.getString("reason")))
                .toList());
    }
}
