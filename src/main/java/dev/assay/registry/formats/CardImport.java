package dev.assay.registry.formats;

import dev.assay.failure.FieldError;
import dev.assay.failure.InvalidInput;
import dev.assay.infrastructure.SchemaCheck;
import dev.assay.infrastructure.YamlPositions;
import dev.assay.registry.ModelCard;
import dev.assay.registry.ModelCardParser;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An Assay card made from another format's document, with what of the document it left out, ready to be checked as a
 * native card is ({@link #check}): the same JSON Schema and the same meaning, so an imported card is never looser.
 *
 * @param format   {@code huggingface} or {@code cyclonedx}
 * @param card     the Assay card, its {@code model} and {@code version} those of the path unless the document says
 * @param unmapped every part of the document the card does not hold, in the document's order
 */
public record CardImport(String format, JsonObject card, List<Unmapped> unmapped, Origins origins) {

    public CardImport {
        unmapped = List.copyOf(unmapped);
    }

    /**
     * Where each field of the card came from, so an error in the card is said where the person wrote it: the card's
     * pointer becomes the document's ({@code /owner} made from the front matter's {@code assay.owner} is told at
     * {@code /assay/owner}, line and column of the README). A field that came from nowhere (a required field the
     * document lacks) keeps the card's pointer, with a word on where to give it.
     */
    public record Origins(Map<String, Origin> byField, YamlPositions document, long lineOffset, YamlPositions overlay,
                          String missingHint) {

        public Origins {
            byField = Map.copyOf(byField);
        }
    }

    /**
     * @param pointer where the field's value is in its source (a JSON pointer)
     * @param inside  whether the value sits there as JSON (an error inside it is pointed inside too), or as text
     *                (a CycloneDX property's value): then at the property
     * @param overlay whether the source is the overlay sent beside the document rather than the document itself
     */
    public record Origin(String pointer, boolean inside, boolean overlay) {
    }

    /**
     * The card checked as a native card would be (schema and meaning).
     *
     * @throws InvalidInput every problem at once, each at its place in the document (or the overlay) it came from
     */
    public ModelCard check(String model, String version) {
        try {
            return ModelCardParser.parse(card, model, version);
        } catch (InvalidInput e) {
            List<FieldError> placed = e.errors().stream().map(this::repoint).toList();
            throw new InvalidInput("The model card made from the " + (format.equals("cyclonedx") ? "CycloneDX BOM" : "Hugging Face card")
                    + " has " + placed.size() + " problem(s)", placed);
        }
    }

    private FieldError repoint(FieldError error) {
        String pointer = error.pointer() == null ? "" : error.pointer();
        List<String> tokens = List.of(pointer.split("/", -1));
        String field = tokens.size() > 1 ? SchemaCheck.unescape(tokens.get(1)) : "";
        Origin origin = origins.byField().get(field);
        if (origin == null) {
            return new FieldError(pointer, null, null, error.message() + (pointer.isEmpty() || pointer.chars().filter(c -> c == '/').count() > 1
                    ? "" : " (" + origins.missingHint().formatted(field) + ")"));
        }
        String rest = String.join("/", tokens.subList(Math.min(2, tokens.size()), tokens.size()));
        String at = origin.inside() && !rest.isEmpty() ? origin.pointer() + "/" + rest : origin.pointer();
        String message = origin.inside() || rest.isEmpty() ? error.message() : "at " + pointer + " of its JSON: " + error.message();
        YamlPositions positions = origin.overlay() ? origins.overlay() : origins.document();
        long offset = origin.overlay() ? 0 : origins.lineOffset();
        Optional<long[]> where = positions == null ? Optional.empty() : positions.locate(at);
        String said = origin.overlay() ? "the 'assay' part " + at : at;
        return where.map(p -> new FieldError(said, p[0] + offset, p[1], message)).orElse(new FieldError(said, null, null, message));
    }

    /**
     * Collects a card from a document: fields mapped from the document's own places, fields its Assay-specific part
     * gives (an {@code assay:} block or {@code assay:} properties), and an overlay sent beside it, in that rising order:
     * a field given twice is taken from the higher source, and the lower one is reported as unmapped (replaced), never
     * dropped silently.
     */
    static final class Draft {

        private static final JsonProvider JSON = JsonProvider.provider();

        private final Map<String, Layer> fields = new LinkedHashMap<>();
        private final List<Unmapped> unmapped = new ArrayList<>();

        private record Layer(int rank, JsonValue value, Origin origin, String path) {
        }

        private static final int MAPPED = 0;
        private static final int ASSAY = 1;
        private static final int OVERLAY = 2;

        private static final String[] SOURCE = {"its own place in the document", "the document's assay: part", "the 'assay' part sent beside it"};

        /** A field mapped from its counterpart in the document, at {@code pointer}. */
        void mapped(String field, JsonValue value, String pointer) {
            put(field, new Layer(MAPPED, value, new Origin(pointer, true, false), pointer));
        }

        /** A field the document's Assay part gives; {@code inside}: as JSON at {@code pointer}, not as text there. */
        void assay(String field, JsonValue value, String pointer, boolean inside) {
            put(field, new Layer(ASSAY, value, new Origin(pointer, inside, false), pointer));
        }

        void overlay(JsonObject overlay) {
            overlay.forEach((field, value) -> put(field, new Layer(OVERLAY, value,
                    new Origin("/" + SchemaCheck.escape(field), true, true), "'assay' part /" + SchemaCheck.escape(field))));
        }

        void unmapped(String path, String reason) {
            unmapped.add(new Unmapped(path, reason));
        }

        boolean has(String field) {
            return fields.containsKey(field);
        }

        private void put(String field, Layer layer) {
            Layer before = fields.get(field);
            if (before == null || before.rank() <= layer.rank()) {
                if (before != null) {
                    unmapped.add(new Unmapped(before.path(), "replaced: " + field + " is taken from " + SOURCE[layer.rank()]));
                }
                fields.put(field, layer);
            } else {
                unmapped.add(new Unmapped(layer.path(), "replaced: " + field + " is taken from " + SOURCE[before.rank()]));
            }
        }

        /**
         * The card: {@code model} and {@code version} from the path unless a source gives them (then the card's usual
         * check compares them with the path), every other field from its highest source.
         */
        CardImport done(String format, String model, String version, YamlPositions document, long lineOffset,
                        YamlPositions overlay, String missingHint) {
            JsonObjectBuilder card = JSON.createObjectBuilder();
            if (!fields.containsKey("model")) {
                card.add("model", model);
            }
            if (!fields.containsKey("version")) {
                card.add("version", version);
            }
            Map<String, Origin> origins = new LinkedHashMap<>();
            fields.forEach((field, layer) -> {
                card.add(field, layer.value());
                origins.put(field, layer.origin());
            });
            return new CardImport(format, card.build(), unmapped, new Origins(origins, document, lineOffset, overlay, missingHint));
        }
    }
}
