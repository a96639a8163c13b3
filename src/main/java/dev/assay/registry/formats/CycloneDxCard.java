package dev.assay.registry.formats;

import dev.assay.failure.FieldError;
import dev.assay.failure.InvalidInput;
import dev.assay.infrastructure.CanonicalJson;
import dev.assay.infrastructure.JsonText;
import dev.assay.infrastructure.SchemaCheck;
import dev.assay.infrastructure.Yaml;
import dev.assay.infrastructure.YamlPositions;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * An Assay card as a CycloneDX 1.6 ML-BOM, and the Assay card of one: a {@code machine-learning-model} component with
 * its {@code modelCard} (https://cyclonedx.org/docs/1.6/json/#components_items_modelCard). Every BOM read is checked
 * against the official 1.6 JSON schema first, and so is every BOM written (in the tests).
 *
 * <p>Where each Assay field goes ({@link #PLACES}; pointers below the component):
 * <ul>
 * <li>{@code model}, {@code version} → {@code /name}, {@code /version} (on import the path names them; a component
 *     named otherwise is reported);</li>
 * <li>{@code owner} → {@code /authors} (one author, by e-mail or name);</li>
 * <li>{@code artifact} → {@code /hashes} (SHA-256 or SHA-512) and a {@code distribution} {@code /externalReferences} URL;</li>
 * <li>{@code task} → {@code /modelCard/modelParameters/task} (Assay's task ids; another task is reported);</li>
 * <li>{@code trainingData} → {@code /modelCard/modelParameters/datasets} (a dataset per name);</li>
 * <li>{@code intendedUse} → {@code /modelCard/considerations/useCases}; {@code limitations} →
 *     {@code technicalLimitations}; {@code riskManagement} → {@code ethicalConsiderations} (risk, mitigation);</li>
 * <li>{@code performanceMetrics} → {@code /modelCard/quantitativeAnalysis/performanceMetrics};</li>
 * <li>every other field (riskTier, positiveLabel, favorableOutcome, positivePrediction, columns, evaluationData,
 *     humanOversight, postMarketMonitoring), and any field whose value its place cannot hold exactly (a list of one,
 *     a number where CycloneDX has text), → a {@code /modelCard/properties} entry {@code assay:<field>} whose value
 *     is the field's JSON. So export then import gives the same card, and {@link Export#carried()} says which.</li>
 * </ul>
 * On import, {@code assay:<field>} properties (of the model card or of the component) give any Assay field and win over
 * a mapped one; a property value that is not JSON is taken as text ({@code binary-classification}). The BOM's envelope
 * ({@code bomFormat}, {@code specVersion}, {@code serialNumber}, {@code version}, {@code metadata.timestamp},
 * {@code metadata.tools}) and the component's {@code type} and {@code bom-ref} identify; everything else the card does
 * not hold (other components, licenses, fairness assessments, graphics, ...) is reported unmapped by its pointer.
 */
public final class CycloneDxCard {

    public static final String FORMAT = "cyclonedx";
    public static final String MEDIA_TYPE = "application/vnd.cyclonedx+json";
    public static final String PROPERTY_PREFIX = "assay:";

    private static final JsonProvider JSON = JsonProvider.provider();

    /** The official CycloneDX 1.6 schema, with the SPDX and JSF schemas it refers to (unpacked at build time). */
    private static final SchemaCheck SCHEMA = SchemaCheck.load("cyclonedx/bom-1.6.schema.json", "http://cyclonedx.org/schema/",
            "cyclonedx/");

    static final String MISSING = "a CycloneDX model card has no place for %s: give it as a modelCard property named "
            + PROPERTY_PREFIX + "%<s (its value JSON), or in an 'assay' part sent beside the BOM";

    private CycloneDxCard() {
    }

    /**
     * An Assay field's natural place in a component: {@code write} puts a value there (empty when the place cannot
     * hold it), {@code read} takes it back (empty when what is there is not an Assay value). A value goes to its place
     * only when read gives it back exactly; otherwise it is carried as a property.
     *
     * @param pointer the place below the component, for unmapped reporting: everything under it is the field's
     */
    private record Place(String field, String pointer, Function<JsonValue, Optional<JsonValue>> write,
                         Function<JsonValue, Optional<JsonValue>> read) {
    }

    private static final List<Place> PLACES = List.of(
            new Place("owner", "/authors", CycloneDxCard::writeOwner, CycloneDxCard::readOwner),
            new Place("task", "/modelCard/modelParameters/task", v -> text(v).filter(CycloneDxCard::isTask).map(JSON::createValue),
                    v -> text(v).filter(CycloneDxCard::isTask).map(JSON::createValue)),
            new Place("trainingData", "/modelCard/modelParameters/datasets", CycloneDxCard::writeDatasets, CycloneDxCard::readDatasets),
            new Place("intendedUse", "/modelCard/considerations/useCases", CycloneDxCard::writeTexts, CycloneDxCard::readTexts),
            new Place("limitations", "/modelCard/considerations/technicalLimitations", CycloneDxCard::writeTexts,
                    CycloneDxCard::readTexts),
            new Place("riskManagement", "/modelCard/considerations/ethicalConsiderations", CycloneDxCard::writeRisks,
                    CycloneDxCard::readRisks),
            new Place("performanceMetrics", "/modelCard/quantitativeAnalysis/performanceMetrics", CycloneDxCard::writeMetrics,
                    CycloneDxCard::readMetrics));

    private static final Set<String> TASKS = Set.of("binary-classification", "multiclass-classification", "score", "regression");

    private static boolean isTask(String s) {
        return TASKS.contains(s);
    }

    // ---------------------------------------------------------------- export

    /**
     * An Assay card as a BOM.
     *
     * @param bom     the CycloneDX 1.6 document
     * @param carried the Assay fields CycloneDX has no place for (or no place that holds their value exactly), carried as
     *                {@code assay:} properties of the model card
     */
    public record Export(JsonObject bom, List<String> carried) {

        public Export {
            carried = List.copyOf(carried);
        }
    }

    /**
     * The BOM of a card registered at {@code registeredAt} (its timestamp, so the same card gives the same bytes; the
     * serial number is derived from the card's hash). A value whose place would make the BOM invalid CycloneDX (an
     * owner that is no e-mail address but looks like one, say) is carried as a property instead.
     *
     * @param assayVersion the version of Assay that writes it (metadata.tools)
     */
    public static Export write(JsonObject card, String cardSha256, Instant registeredAt, String assayVersion) {
        Set<String> carriedAnyway = new LinkedHashSet<>();
        while (true) {
            Export export = build(card, cardSha256, registeredAt, assayVersion, carriedAnyway);
            List<FieldError> violations = SCHEMA.validate(export.bom());
            if (violations.isEmpty()) {
                return export;
            }
            Set<String> culprits = new LinkedHashSet<>();
            for (FieldError v : violations) {
                ALL_PLACES.stream().filter(place -> v.pointer() != null && (v.pointer() + "/").startsWith(COMPONENT + place.getValue() + "/"))
                        .forEach(place -> culprits.add(place.getKey()));
            }
            if (!carriedAnyway.addAll(culprits)) {
                throw new IllegalStateException("The BOM of card " + cardSha256 + " is not valid CycloneDX 1.6: " + violations);
            }
        }
    }

    private static final String COMPONENT = "/components/0";

    /** Each field's places below the component, the artifact's two included. */
    private static final List<Map.Entry<String, String>> ALL_PLACES;

    static {
        List<Map.Entry<String, String>> all = new ArrayList<>();
        PLACES.forEach(p -> all.add(Map.entry(p.field(), p.pointer())));
        all.add(Map.entry("artifact", "/hashes"));
        all.add(Map.entry("artifact", "/externalReferences"));
        ALL_PLACES = List.copyOf(all);
    }

    private static Export build(JsonObject card, String cardSha256, Instant registeredAt, String assayVersion, Set<String> carriedAnyway) {
        JsonObject component = JSON.createObjectBuilder()
                .add("bom-ref", "model:" + asText(card.get("model")) + "@" + asText(card.get("version")))
                .add("type", "machine-learning-model")
                // The card's model and version as text (YAML may read a version 1.0 as a number: then the number goes as
                // a property too, so it comes back as it was).
                .add("name", asText(card.get("model")))
                .add("version", asText(card.get("version")))
                .build();
        Set<String> carried = new LinkedHashSet<>();
        for (String field : List.of("model", "version")) {
            if (!(card.get(field) instanceof JsonString)) {
                carried.add(field);
            }
        }
        Set<String> placed = new LinkedHashSet<>(List.of("model", "version"));
        for (Place p : PLACES) {
            JsonValue value = card.get(p.field());
            placed.add(p.field());
            if (value == null) {
                continue;
            }
            Optional<JsonValue> there = carriedAnyway.contains(p.field()) ? Optional.empty()
                    : p.write().apply(value).filter(w -> p.read().apply(w).equals(Optional.of(value)));
            if (there.isPresent()) {
                component = put(component, p.pointer(), there.get());
            } else {
                carried.add(p.field());
            }
        }
        placed.add("artifact");
        if (card.get("artifact") instanceof JsonObject artifact && !carriedAnyway.contains("artifact")
                && artifactPlaces(artifact).isPresent()) {
            JsonObjectBuilder b = JSON.createObjectBuilder(component);
            artifactPlaces(artifact).get().forEach(b::add);
            component = b.build();
        } else if (card.containsKey("artifact")) {
            carried.add("artifact");
        }
        card.keySet().stream().filter(f -> !placed.contains(f)).forEach(carried::add);
        List<String> inCardOrder = card.keySet().stream().filter(carried::contains).toList();
        if (!inCardOrder.isEmpty()) {
            JsonArrayBuilder properties = JSON.createArrayBuilder();
            inCardOrder.forEach(f -> properties.add(JSON.createObjectBuilder().add("name", PROPERTY_PREFIX + f)
                    .add("value", CanonicalJson.anyValue(card.get(f)))));
            component = put(component, "/modelCard/properties", properties.build());
        }
        JsonObject bom = JSON.createObjectBuilder()
                .add("bomFormat", "CycloneDX")
                .add("specVersion", "1.6")
                .add("serialNumber", "urn:uuid:" + UUID.nameUUIDFromBytes(("assay-card:" + cardSha256).getBytes(StandardCharsets.UTF_8)))
                .add("version", 1)
                .add("metadata", JSON.createObjectBuilder()
                        .add("timestamp", registeredAt.truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString())
                        .add("tools", JSON.createObjectBuilder().add("components", JSON.createArrayBuilder()
                                .add(JSON.createObjectBuilder().add("type", "application").add("name", "Assay")
                                        .add("version", assayVersion)))))
                .add("components", JSON.createArrayBuilder().add(component.containsKey("modelCard") ? component
                        : JSON.createObjectBuilder(component).add("modelCard", JsonValue.EMPTY_JSON_OBJECT).build()))
                .build();
        return new Export(bom, inCardOrder);
    }

    private static String asText(JsonValue v) {
        return v instanceof JsonString s ? s.getString() : String.valueOf(v);
    }

    /** {@code value} set at {@code pointer} (below {@code o}), making the objects on the way. */
    private static JsonObject put(JsonObject o, String pointer, JsonValue value) {
        String[] tokens = pointer.substring(1).split("/", 2);
        if (tokens.length == 1) {
            return JSON.createObjectBuilder(o).add(tokens[0], value).build();
        }
        JsonObject child = o.get(tokens[0]) instanceof JsonObject existing ? existing : JsonValue.EMPTY_JSON_OBJECT;
        return JSON.createObjectBuilder(o).add(tokens[0], put(child, "/" + tokens[1], value)).build();
    }

    /** The schema's verdict on a BOM: every violation, by pointer (empty when valid). */
    public static List<FieldError> violations(JsonValue bom) {
        return SCHEMA.validate(bom);
    }

    // ---------------------------------------------------------------- import

    /**
     * The Assay card of a BOM's model component.
     *
     * @param component   the {@code bom-ref} of the model component to read; null when the BOM has exactly one
     * @param overlay     Assay card fields sent beside the BOM (they win over the BOM's own); null for none
     * @param overlayText the overlay's text, to place its errors; null for none
     * @throws InvalidInput a BOM that is not JSON, not CycloneDX 1.6 by its schema, or has no (or no single) model component
     */
    public static CardImport read(String text, String component, JsonObject overlay, String overlayText, String model,
                                  String version) {
        JsonValue parsed = JsonText.read(text, "The CycloneDX BOM", Yaml.MAX_CHARS);
        YamlPositions positions = YamlPositions.of(text);
        if (!(parsed instanceof JsonObject bom)) {
            throw new InvalidInput("The CycloneDX BOM must be a JSON object", List.of(FieldError.at("", "expected an object")));
        }
        if (!"1.6".equals(bom.getString("specVersion", null)) || !"CycloneDX".equals(bom.getString("bomFormat", null))) {
            throw new InvalidInput("Only CycloneDX 1.6 BOMs are read", SchemaCheck.placed(List.of(FieldError.at("/specVersion",
                    "must be \"1.6\" (with bomFormat \"CycloneDX\"); this BOM says " + bom.get("specVersion"))), positions));
        }
        List<FieldError> invalid = SCHEMA.validate(bom);
        if (!invalid.isEmpty()) {
            throw new InvalidInput("The BOM is not valid CycloneDX 1.6 (" + invalid.size() + " problem(s))",
                    SchemaCheck.placed(invalid, positions));
        }
        String at = modelComponent(bom, component, positions);
        JsonObject c = (JsonObject) JSON.createPointer(at).getValue(bom);
        CardImport.Draft draft = new CardImport.Draft();
        Set<String> consumed = new LinkedHashSet<>(List.of("/$schema", "/bomFormat", "/specVersion", "/serialNumber", "/version",
                "/metadata/timestamp", "/metadata/tools", at + "/type", at + "/bom-ref", at + "/modelCard/bom-ref"));

        // Why a part that looks like it has a place was not mapped (reported in document order, with the rest).
        Map<String, String> why = new LinkedHashMap<>();
        for (String field : List.of("name", "version")) {
            String expected = field.equals("name") ? model : version;
            if (c.get(field) instanceof JsonString s && s.getString().equals(expected)) {
                consumed.add(at + "/" + field);
            } else if (c.containsKey(field)) {
                why.put(at + "/" + field, "the component's " + field + " is " + c.get(field) + "; the path names the Assay "
                        + (field.equals("name") ? "model '" + model + "'" : "version '" + version + "'"));
            }
        }
        for (Place p : PLACES) {
            JsonValue there = pointer(c, p.pointer());
            if (there == null) {
                continue;
            }
            Optional<JsonValue> value = p.read().apply(there);
            if (value.isPresent()) {
                draft.mapped(p.field(), value.get(), at + p.pointer());
                consumed.add(at + p.pointer());
            } else if (p.field().equals("task")) {
                why.put(at + p.pointer(), "not one of Assay's tasks (binary-classification, multiclass-classification, score, regression): give "
                        + PROPERTY_PREFIX + "task");
            } else if (p.field().equals("owner") && there instanceof JsonArray authors && !authors.isEmpty()
                    && authors.get(0) instanceof JsonObject first) {
                // Several authors, or one with more than an e-mail or a name: the first author's e-mail (else name) is
                // the owner; the rest is reported below.
                String key = first.get("email") instanceof JsonString ? "email" : first.get("name") instanceof JsonString ? "name" : null;
                if (key != null) {
                    draft.mapped("owner", first.get(key), at + p.pointer() + "/0/" + key);
                    consumed.add(at + p.pointer() + "/0/" + key);
                }
            }
        }
        readArtifact(c, at, draft, consumed);
        for (String holder : List.of(at + "/modelCard/properties", at + "/properties")) {
            if (pointer(bom, holder) instanceof JsonArray properties) {
                for (int i = 0; i < properties.size(); i++) {
                    JsonObject p = properties.getJsonObject(i);
                    String name = p.getString("name", "");
                    if (name.startsWith(PROPERTY_PREFIX) && name.length() > PROPERTY_PREFIX.length()) {
                        String valueAt = holder + "/" + i + "/value";
                        draft.assay(name.substring(PROPERTY_PREFIX.length()), propertyValue(p.get("value")), valueAt, false);
                        consumed.add(holder + "/" + i);
                    }
                }
            }
        }
        report(bom, "", consumed, why, draft);
        if (overlay != null) {
            draft.overlay(overlay);
        }
        return draft.done(FORMAT, model, version, positions, 0, overlayText == null ? null : YamlPositions.of(overlayText),
                MISSING);
    }

    /** The pointer of the model component: the one {@code bom-ref} names, else the only one. */
    private static String modelComponent(JsonObject bom, String ref, YamlPositions positions) {
        List<String> models = new ArrayList<>();
        if (bom.get("metadata") instanceof JsonObject m && m.get("component") instanceof JsonObject c) {
            collect(c, "/metadata/component", models);
        }
        if (bom.get("components") instanceof JsonArray list) {
            for (int i = 0; i < list.size(); i++) {
                collect(list.getJsonObject(i), "/components/" + i, models);
            }
        }
        List<String> chosen = ref == null ? models : models.stream()
                .filter(p -> ref.equals(((JsonObject) JSON.createPointer(p).getValue(bom)).getString("bom-ref", null))).toList();
        if (chosen.size() == 1) {
            return chosen.get(0);
        }
        List<String> refs = models.stream().map(p -> ((JsonObject) JSON.createPointer(p).getValue(bom)).getString("bom-ref", p)).toList();
        String why = models.isEmpty() ? "the BOM has no component of type machine-learning-model"
                : ref != null ? "no machine-learning-model component has bom-ref '" + ref + "'; the BOM's: " + String.join(", ", refs)
                : "the BOM has " + models.size() + " machine-learning-model components; name one with ?component=<bom-ref>: "
                + String.join(", ", refs);
        throw new InvalidInput("Which model to read: " + why, List.of(FieldError.at(models.isEmpty() ? "/components" : models.get(0), why)));
    }

    /** Machine-learning-model components, nested ones included. */
    private static void collect(JsonObject component, String at, List<String> models) {
        if ("machine-learning-model".equals(component.getString("type", null))) {
            models.add(at);
        }
        if (component.get("components") instanceof JsonArray nested) {
            for (int i = 0; i < nested.size(); i++) {
                collect(nested.getJsonObject(i), at + "/components/" + i, models);
            }
        }
    }

    /** Reports what nothing consumed: each top-most part of the BOM that neither is nor holds a consumed pointer. */
    private static void report(JsonValue node, String at, Set<String> consumed, Map<String, String> why, CardImport.Draft draft) {
        if (consumed.contains(at)) {
            return;
        }
        boolean holds = consumed.stream().anyMatch(c -> c.startsWith(at + "/"));
        if (!holds) {
            draft.unmapped(at.isEmpty() ? "/" : at, why.getOrDefault(at, Unmapped.NO_COUNTERPART));
            return;
        }
        if (node instanceof JsonObject o) {
            o.forEach((k, v) -> report(v, at + "/" + SchemaCheck.escape(k), consumed, why, draft));
        } else if (node instanceof JsonArray a) {
            for (int i = 0; i < a.size(); i++) {
                report(a.get(i), at + "/" + i, consumed, why, draft);
            }
        }
    }

    /** The value at {@code pointer}, or null when any step of it is missing. */
    private static JsonValue pointer(JsonObject o, String pointer) {
        JsonValue node = o;
        for (String token : pointer.substring(1).split("/")) {
            String name = SchemaCheck.unescape(token);
            if (node instanceof JsonObject obj && obj.containsKey(name)) {
                node = obj.get(name);
            } else if (node instanceof JsonArray list && name.matches("\\d{1,9}") && Integer.parseInt(name) < list.size()) {
                node = list.get(Integer.parseInt(name));
            } else {
                return null;
            }
        }
        return node;
    }

    /** An {@code assay:} property's value: its JSON, or the text itself when it is not JSON. */
    private static JsonValue propertyValue(JsonValue value) {
        if (!(value instanceof JsonString s)) {
            return JsonValue.NULL;
        }
        try {
            return JsonText.read(s.getString(), "The property value");
        } catch (InvalidInput notJson) {
            return s;
        }
    }

    // ---------------------------------------------------------------- the places, both ways

    private static Optional<String> text(JsonValue v) {
        return v instanceof JsonString s ? Optional.of(s.getString()) : Optional.empty();
    }

    private static Optional<JsonValue> writeOwner(JsonValue owner) {
        return text(owner).filter(s -> !s.isBlank()).map(s -> JSON.createArrayBuilder().add(JSON.createObjectBuilder()
                .add(s.contains("@") && !s.contains(" ") ? "email" : "name", s)).build());
    }

    /** One author, by e-mail or by name. */
    private static Optional<JsonValue> readOwner(JsonValue authors) {
        if (authors instanceof JsonArray a && a.size() == 1 && a.get(0) instanceof JsonObject author && author.size() == 1) {
            return Optional.ofNullable(author.get("email") instanceof JsonString e ? e : author.get("name") instanceof JsonString n ? n : null);
        }
        return Optional.empty();
    }

    /** A text as a one-entry list, a list of texts as it is. */
    private static Optional<JsonValue> writeTexts(JsonValue v) {
        if (v instanceof JsonString s) {
            return Optional.of(JSON.createArrayBuilder().add(s).build());
        }
        return v instanceof JsonArray a && a.stream().allMatch(x -> x instanceof JsonString) ? Optional.of(a) : Optional.empty();
    }

    /** A list of one text is that text; of several, the list. */
    private static Optional<JsonValue> readTexts(JsonValue v) {
        return v instanceof JsonArray a && !a.isEmpty() && a.stream().allMatch(x -> x instanceof JsonString)
                ? Optional.of(loneText(a)) : Optional.empty();
    }

    /**
     * Dataset names as CycloneDX datasets ({@code {type: dataset, name}}); datasets CycloneDX describes itself (objects
     * with a {@code type}) as they are. An object the schema refuses is carried as a property after all ({@link #write}).
     */
    private static Optional<JsonValue> writeDatasets(JsonValue v) {
        return writeItems(v, n -> JSON.createObjectBuilder().add("type", "dataset").add("name", n).build(),
                o -> o.get("type") instanceof JsonString);
    }

    /** Each dataset by its name when that is all it says, else as CycloneDX describes it; one name alone, not a list. */
    private static Optional<JsonValue> readDatasets(JsonValue v) {
        return readItems(v, o -> o.size() == 2 && "dataset".equals(o.getString("type", null)) && o.get("name") instanceof JsonString n
                ? Optional.of(n) : Optional.empty());
    }

    /** A list of one text is that text (a text is written as a list of one); any other list stays a list. */
    private static JsonValue loneText(JsonArray items) {
        return items.size() == 1 && items.get(0) instanceof JsonString ? items.get(0) : items;
    }

    /** Risks: a text is one risk by its name; objects of {@code name} and {@code mitigationStrategy} as they are. */
    private static Optional<JsonValue> writeRisks(JsonValue v) {
        return writeItems(v, s -> JSON.createObjectBuilder().add("name", s).build(), o -> !o.isEmpty()
                && o.keySet().stream().allMatch(k -> k.equals("name") || k.equals("mitigationStrategy"))
                && o.values().stream().allMatch(x -> x instanceof JsonString));
    }

    private static Optional<JsonValue> readRisks(JsonValue v) {
        return readNamed(v, "name");
    }

    /** Metrics: an id is {@code {type: id}}; CycloneDX's own metric objects (texts throughout) as they are. */
    private static Optional<JsonValue> writeMetrics(JsonValue v) {
        return writeItems(v, s -> JSON.createObjectBuilder().add("type", s).build(), CycloneDxCard::isMetric);
    }

    /**
     * A text, or a list of texts and objects, as a CycloneDX list: each text made an object by {@code ofText}, each object
     * {@code asIs} takes kept as it is; empty when anything else is there (the value then travels as a property).
     */
    private static Optional<JsonValue> writeItems(JsonValue v, Function<JsonString, JsonObject> ofText, Predicate<JsonObject> asIs) {
        List<JsonValue> items = v instanceof JsonArray a ? a : List.of(v);
        JsonArrayBuilder b = JSON.createArrayBuilder();
        for (JsonValue item : items) {
            if (item instanceof JsonString s) {
                b.add(ofText.apply(s));
            } else if (item instanceof JsonObject o && asIs.test(o)) {
                b.add(o);
            } else {
                return Optional.empty();
            }
        }
        return Optional.of(b.build());
    }

    private static boolean isMetric(JsonObject o) {
        return !o.isEmpty() && o.entrySet().stream().allMatch(e -> switch (e.getKey()) {
            case "type", "value", "slice" -> e.getValue() instanceof JsonString;
            case "confidenceInterval" -> e.getValue() instanceof JsonObject ci && ci.entrySet().stream().allMatch(b ->
                    (b.getKey().equals("lowerBound") || b.getKey().equals("upperBound")) && b.getValue() instanceof JsonString);
            default -> false;
        });
    }

    private static Optional<JsonValue> readMetrics(JsonValue v) {
        return readNamed(v, "type");
    }

    /** A list of objects, each read as its {@code key} text when that is all it has, else as it is. */
    private static Optional<JsonValue> readNamed(JsonValue v, String key) {
        return readItems(v, o -> o.size() == 1 && o.get(key) instanceof JsonString s ? Optional.of(s) : Optional.empty());
    }

    /**
     * A CycloneDX list of objects read back: each as the text {@code asText} finds in it, else as it is; one text alone,
     * not a list (as {@link #writeItems} writes a lone text). Empty for anything but a non-empty list of objects.
     */
    private static Optional<JsonValue> readItems(JsonValue v, Function<JsonObject, Optional<JsonString>> asText) {
        if (!(v instanceof JsonArray a) || a.isEmpty() || !a.stream().allMatch(x -> x instanceof JsonObject)) {
            return Optional.empty();
        }
        JsonArrayBuilder b = JSON.createArrayBuilder();
        a.getValuesAs(JsonObject.class).forEach(o -> b.add(asText.apply(o).map(JsonValue.class::cast).orElse(o)));
        return Optional.of(loneText(b.build()));
    }

    /** {@code artifact} as the component's hash and distribution reference, when it has only a digest and a URI. */
    private static Optional<Map<String, JsonValue>> artifactPlaces(JsonObject artifact) {
        if (!(artifact.get("digest") instanceof JsonString d) || !d.getString().matches("(sha256:[0-9a-f]{64}|sha512:[0-9a-f]{128})")
                || !artifact.keySet().stream().allMatch(k -> k.equals("digest") || k.equals("uri"))
                || artifact.containsKey("uri") && !(artifact.get("uri") instanceof JsonString)) {
            return Optional.empty();
        }
        String[] parts = d.getString().split(":");
        Map<String, JsonValue> places = new LinkedHashMap<>();
        places.put("hashes", JSON.createArrayBuilder().add(JSON.createObjectBuilder()
                .add("alg", parts[0].equals("sha256") ? "SHA-256" : "SHA-512").add("content", parts[1])).build());
        if (artifact.get("uri") instanceof JsonString uri) {
            places.put("externalReferences", JSON.createArrayBuilder().add(JSON.createObjectBuilder()
                    .add("type", "distribution").add("url", uri)).build());
        }
        return Optional.of(places);
    }

    /** The first SHA-256 (else SHA-512) hash as the artifact's digest; a distribution URL beside it as its URI. */
    private static void readArtifact(JsonObject c, String at, CardImport.Draft draft, Set<String> consumed) {
        JsonArray hashes = c.get("hashes") instanceof JsonArray h ? h : JsonValue.EMPTY_JSON_ARRAY;
        int chosen = -1;
        for (String alg : List.of("SHA-256", "SHA-512")) {
            for (int i = 0; i < hashes.size() && chosen < 0; i++) {
                if (alg.equals(hashes.getJsonObject(i).getString("alg", null))) {
                    chosen = i;
                }
            }
        }
        if (chosen < 0) {
            return;
        }
        JsonObject hash = hashes.getJsonObject(chosen);
        JsonObjectBuilder artifact = JSON.createObjectBuilder().add("digest",
                hash.getString("alg").replace("SHA-", "sha").toLowerCase(Locale.ROOT) + ":" + hash.getString("content").toLowerCase(Locale.ROOT));
        consumed.add(at + "/hashes/" + chosen);
        JsonArray refs = c.get("externalReferences") instanceof JsonArray r ? r : JsonValue.EMPTY_JSON_ARRAY;
        for (int i = 0; i < refs.size(); i++) {
            if ("distribution".equals(refs.getJsonObject(i).getString("type", null)) && refs.getJsonObject(i).size() == 2) {
                artifact.add("uri", refs.getJsonObject(i).getString("url"));
                consumed.add(at + "/externalReferences/" + i);
                break;
            }
        }
        draft.mapped("artifact", artifact.build(), at + "/hashes/" + chosen);
    }
}
