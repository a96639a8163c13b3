package dev.assay.api;

import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbConfig;
import jakarta.json.bind.serializer.JsonbSerializer;
import jakarta.json.bind.serializer.SerializationContext;
import jakarta.json.stream.JsonGenerator;
import jakarta.ws.rs.ext.ContextResolver;
import jakarta.ws.rs.ext.Provider;

import java.math.BigDecimal;

/**
 * The one JSON-B configuration of the API's response records (the {@code *View} records of this
 * package): the server's JSON-B provider asks this resolver for its {@link Jsonb}, and the unit tests
 * serialize with {@link #JSONB} too, so both write the same bytes.
 *
 * <p>It reproduces the wire format the API had when its answers were built with JSON-P by hand:
 * <ul>
 *   <li>names: the record components' names, unchanged (API.md fixes them);</li>
 *   <li>order: each record's {@code @JsonbPropertyOrder} (JSON-B would sort names otherwise);</li>
 *   <li>nulls: a null component is left out (JSON-B's default), except those marked
 *       {@code @JsonbNillable}, which the contract shows as {@code null} ({@code "decision": null});</li>
 *   <li>instants: ISO-8601 as {@code Instant.toString()} writes them (Yasson's default for Instant);</li>
 *   <li>doubles: as JSON-P wrote them, {@code BigDecimal.valueOf(d).toString()} ({@code 0.000015},
 *       {@code 1.0E+10}), where JSON-B would write {@code Double.toString} ({@code 1.5E-5},
 *       {@code 1.0E10}): clients parse both alike, but the bytes stay those of before. This applies to
 *       {@code Double} components: a primitive {@code double} bypasses registered serializers, so
 *       views declare {@code Double};</li>
 *   <li>stored documents (the model card, the report's findings and metrics, ledger payloads) are
 *       {@code JsonValue} components and written as they are.</li>
 * </ul>
 * The signed report and problem+json answers do not pass through here: they are written as strings.
 */
@Provider
public class ViewJson implements ContextResolver<Jsonb> {

    static final Jsonb JSONB = JsonbBuilder.create(config());

    static JsonbConfig config() {
        return new JsonbConfig().withSerializers(new JsonpDouble());
    }

    @Override
    public Jsonb getContext(Class<?> type) {
        return JSONB;
    }

    /** A double as JSON-P's {@code Json.createValue(double)} renders it. */
    public static final class JsonpDouble implements JsonbSerializer<Double> {

        @Override
        public void serialize(Double value, JsonGenerator generator, SerializationContext context) {
            generator.write(BigDecimal.valueOf(value));
        }
    }
}
