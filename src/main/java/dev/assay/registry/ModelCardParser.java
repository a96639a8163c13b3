package dev.assay.registry;

import dev.assay.failure.FieldError;
import dev.assay.failure.InvalidInput;
import dev.assay.infrastructure.SchemaCheck;
import dev.assay.infrastructure.Yaml;
import dev.assay.infrastructure.JsonText;
import dev.assay.infrastructure.YamlPositions;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.stream.JsonParsingException;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Reads a model card from JSON or YAML and checks it, reporting every mistake at once: the card's JSON
 * Schema (policies/schema/model-card.schema.json: unknown keys anywhere, wrong types, missing fields)
 * and what a schema cannot say (the path's model and version, a favorable outcome for a classifier,
 * a positive label beside a label column), each with its JSON pointer and, for YAML and JSON text,
 * the line and column of the value (of the key, for an unknown one).
 */
public final class ModelCardParser {

    private static final Set<String> RISK_TIERS = Set.of("minimal", "limited", "high");

    private static final SchemaCheck SCHEMA = SchemaCheck.load("policies/schema/model-card.schema.json");

    private ModelCardParser() {
    }

    public static ModelCard parseJson(String text, String model, String version) {
        JsonValue value = JsonText.read(text, "The model card", Yaml.MAX_CHARS);
        // JSON text is YAML too, so the same positions place its errors.
        return checked(value, text, model, version);
    }

    public static ModelCard parseYaml(String text, String model, String version) {
        return checked(Yaml.readJson(text, "The model card"), text, model, version);
    }

    /**
     * A card made from another format's document (registry/formats): checked as a submitted card is, its errors by JSON
     * pointer into the card (the import says where in its document each field came from).
     */
    public static ModelCard parse(JsonValue card, String model, String version) {
        return checked(card, "", model, version);
    }

    /**
     * A card submitted now: the schema's errors and the parser's, one per place (the schema's when
     * both speak of the same value), in the order of the text.
     */
    private static ModelCard checked(JsonValue value, String text, String model, String version) {
        List<FieldError> errors = new ArrayList<>(SCHEMA.validate(value));
        ModelCard card = null;
        try {
            card = fromJson(value, model, version);
        } catch (InvalidInput p) {
            Set<String> said = new HashSet<>();
            errors.forEach(e -> said.add(e.pointer()));
            p.errors().stream().filter(e -> !said.contains(e.pointer())).forEach(errors::add);
        }
        if (!errors.isEmpty()) {
            throw new InvalidInput("The model card has " + errors.size() + " problem(s)",
                    SchemaCheck.placed(errors, YamlPositions.of(text)));
        }
        return card;
    }

    /**
     * The card of a document, checked for what Assay computes with but not against the schema: stored
     * cards are read again with it, and a card stored before a key became an error must still load.
     */
    static ModelCard fromJson(JsonValue value, String model, String version) {
        if (!(value instanceof JsonObject card)) {
            throw new InvalidInput("The model card must be an object", List.of(FieldError.at("", "expected an object")));
        }
        List<FieldError> errors = new ArrayList<>();
        String cardModel = requiredString(card, "model", errors);
        String cardVersion = requiredString(card, "version", errors);
        if (cardModel != null && !cardModel.equals(model)) {
            errors.add(FieldError.at("/model", "must equal the model in the path, '" + model + "'"));
        }
        if (cardVersion != null && !cardVersion.equals(version)) {
            errors.add(FieldError.at("/version", "must equal the version in the path, '" + version + "'"));
        }
        String owner = requiredString(card, "owner", errors);
        String taskId = requiredString(card, "task", errors);
        ModelCard.Task task = null;
        if (taskId != null) {
            task = Arrays.stream(ModelCard.Task.values()).filter(t -> t.id().equals(taskId)).findFirst().orElse(null);
            if (task == null) {
                errors.add(FieldError.at("/task", "must be one of binary-classification, multiclass-classification, score, regression"));
            }
        }
        Optional<String> riskTier = optionalString(card, "riskTier", errors);
        riskTier.filter(t -> !RISK_TIERS.contains(t))
                .ifPresent(t -> errors.add(FieldError.at("/riskTier", "must be one of minimal, limited, high")));
        Optional<JsonValue> positiveLabel = scalar(card, "positiveLabel", errors);
        Optional<JsonValue> favorableOutcome = scalar(card, "favorableOutcome", errors);
        List<JsonValue> positivePrediction = new ArrayList<>();
        JsonValue pp = card.get("positivePrediction");
        if (pp instanceof JsonArray list && !list.isEmpty()
                && list.stream().noneMatch(v -> v instanceof JsonObject || v instanceof JsonArray || v == JsonValue.NULL)) {
            positivePrediction.addAll(list);
        } else if (pp != null && pp != JsonValue.NULL) {
            scalar(card, "positivePrediction", errors).ifPresent(positivePrediction::add);
        } else {
            positiveLabel.ifPresent(positivePrediction::add);
        }
        if (task == ModelCard.Task.BINARY_CLASSIFICATION && favorableOutcome.isEmpty()) {
            errors.add(FieldError.at("/favorableOutcome", "is required for binary-classification"));
        }
        List<JsonValue> classes = classes(card, task, errors);
        List<JsonValue> favorableClasses = task == ModelCard.Task.MULTICLASS_CLASSIFICATION
                ? favorableClasses(card, classes, errors) : List.of();
        if (task == ModelCard.Task.MULTICLASS_CLASSIFICATION) {
            positivePrediction.clear();
        }

        ColumnRoles roles = null;
        JsonValue columnsValue = card.get("columns");
        if (!(columnsValue instanceof JsonObject columns)) {
            errors.add(FieldError.at("/columns", "is required and must be an object"));
        } else {
            Optional<String> label = optionalString(columns, "label", "/columns/", errors);
            if (task == ModelCard.Task.MULTICLASS_CLASSIFICATION && columns.get("score") != null && columns.get("score") != JsonValue.NULL) {
                errors.add(FieldError.at("/columns/score", "a multiclass-classification card names no score column: a score is one "
                        + "class's probability, and Assay's score metrics are those of a binary classifier"));
            }
            if (label.isPresent() && positiveLabel.isEmpty() && task == ModelCard.Task.BINARY_CLASSIFICATION) {
                errors.add(FieldError.at("/positiveLabel", "is required when columns.label is given"));
            }
            String prediction = optionalString(columns, "prediction", "/columns/", errors).orElse(null);
            if (prediction == null) {
                errors.add(FieldError.at("/columns/prediction", "is required"));
            }
            roles = new ColumnRoles(
                    optionalString(columns, "id", "/columns/", errors),
                    label,
                    prediction,
                    optionalString(columns, "score", "/columns/", errors),
                    optionalString(columns, "weight", "/columns/", errors),
                    stringList(columns, "protected", errors),
                    stringList(columns, "quasiIdentifiers", errors),
                    stringList(columns, "sensitive", errors),
                    stringList(columns, "features", errors),
                    optionalString(columns, "timestamp", "/columns/", errors));
        }
        if (!errors.isEmpty()) {
            throw new InvalidInput("The model card has " + errors.size() + " problem(s)", errors);
        }
        return new ModelCard(cardModel, cardVersion, owner, task, riskTier, positiveLabel, favorableOutcome,
                positivePrediction, roles, card, classes, favorableClasses);
    }

    /** The most classes a card may name: the audit keeps a (classes + 2)² confusion matrix per group and cell. */
    static final int MAX_CLASSES = 100;

    /**
     * A multiclass card's {@code classes}: at least two, each a non-blank string or a number, distinct by meaning
     * ({@code 1} and {@code "1.0"} are one class, as the columns' values are read); and none of the binary fields,
     * whose place {@code favorableClasses} takes. On any other task, {@code classes} and {@code favorableClasses}
     * are refused (they would be silently ignored).
     */
    private static List<JsonValue> classes(JsonObject card, ModelCard.Task task, List<FieldError> errors) {
        boolean multiclass = task == ModelCard.Task.MULTICLASS_CLASSIFICATION;
        if (!multiclass) {
            for (String key : List.of("classes", "favorableClasses")) {
                if (card.get(key) != null && card.get(key) != JsonValue.NULL && task != null) {
                    errors.add(FieldError.at("/" + key, "applies only to task multiclass-classification, not " + task.id()));
                }
            }
            return List.of();
        }
        for (String key : List.of("positiveLabel", "favorableOutcome", "positivePrediction")) {
            if (card.get(key) != null && card.get(key) != JsonValue.NULL) {
                errors.add(FieldError.at("/" + key, "does not apply to multiclass-classification: name the favorable classes "
                        + "in favorableClasses (they are the favorable outcome and the positive class of the binary metrics)"));
            }
        }
        JsonValue v = card.get("classes");
        if (v == null || v == JsonValue.NULL) {
            errors.add(FieldError.at("/classes", "is required for multiclass-classification: the list of the classes the model predicts"));
            return List.of();
        }
        if (!(v instanceof JsonArray array)) {
            errors.add(FieldError.at("/classes", "must be a list of at least 2 classes (strings or numbers)"));
            return List.of();
        }
        List<JsonValue> classes = new ArrayList<>();
        for (int i = 0; i < array.size(); i++) {
            JsonValue c = array.get(i);
            boolean text = c instanceof JsonString s && !s.getString().isBlank();
            if (!text && c.getValueType() != JsonValue.ValueType.NUMBER) {
                errors.add(FieldError.at("/classes/" + i, "must be a non-empty string or a number"));
                continue;
            }
            int same = indexOf(classes, c);
            if (same >= 0) {
                errors.add(FieldError.at("/classes/" + i, "is the same class as " + classes.get(same)
                        + " (values are compared by meaning: 1, 1.0 and \"1\" are one class)"));
                continue;
            }
            classes.add(c);
        }
        if (array.size() < 2) {
            errors.add(FieldError.at("/classes", "must name at least 2 classes"));
        } else if (array.size() > MAX_CLASSES) {
            errors.add(FieldError.at("/classes", "names " + array.size() + " classes; at most " + MAX_CLASSES + " are audited"));
        }
        return classes;
    }

    /**
     * The favorable classes: optional; when given, a non-empty list of distinct classes of {@code classes} that
     * leaves at least one class out (were every class favorable, every selection rate would be 1).
     */
    private static List<JsonValue> favorableClasses(JsonObject card, List<JsonValue> classes, List<FieldError> errors) {
        JsonValue v = card.get("favorableClasses");
        if (v == null || v == JsonValue.NULL) {
            return List.of();
        }
        if (!(v instanceof JsonArray array) || array.isEmpty()) {
            errors.add(FieldError.at("/favorableClasses", "must be a non-empty list of classes from classes"));
            return List.of();
        }
        List<JsonValue> favorable = new ArrayList<>();
        for (int i = 0; i < array.size(); i++) {
            JsonValue c = array.get(i);
            if (!(c instanceof JsonString) && c.getValueType() != JsonValue.ValueType.NUMBER) {
                errors.add(FieldError.at("/favorableClasses/" + i, "must be one of classes (a string or a number)"));
                continue;
            }
            int at = indexOf(classes, c);
            if (at < 0) {
                errors.add(FieldError.at("/favorableClasses/" + i, c + " is not one of classes " + classes));
            } else if (indexOf(favorable, c) >= 0) {
                errors.add(FieldError.at("/favorableClasses/" + i, c + " is named twice"));
            } else {
                favorable.add(classes.get(at));
            }
        }
        if (!classes.isEmpty() && favorable.size() == classes.size()) {
            errors.add(FieldError.at("/favorableClasses", "names every class: leave out at least one (the unfavorable outcomes)"));
        }
        return favorable;
    }

    private static int indexOf(List<JsonValue> classes, JsonValue c) {
        for (int i = 0; i < classes.size(); i++) {
            if (dev.assay.infrastructure.ValueMatch.sameMeaning(classes.get(i), c)) {
                return i;
            }
        }
        return -1;
    }

    private static String requiredString(JsonObject o, String key, List<FieldError> errors) {
        Optional<String> v = optionalString(o, key, "/", errors);
        if (v.isEmpty() && !o.containsKey(key)) {
            errors.add(FieldError.at("/" + key, "is required"));
        }
        return v.orElse(null);
    }

    private static Optional<String> optionalString(JsonObject o, String key, List<FieldError> errors) {
        return optionalString(o, key, "/", errors);
    }

    /** Strings, and numbers written where a string is meant (YAML reads {@code version: 1.0} as a number). */
    private static Optional<String> optionalString(JsonObject o, String key, String prefix, List<FieldError> errors) {
        JsonValue v = o.get(key);
        if (v == null || v == JsonValue.NULL) {
            return Optional.empty();
        }
        String s = switch (v.getValueType()) {
            case STRING -> ((JsonString) v).getString();
            case NUMBER -> v.toString();
            default -> null;
        };
        if (s == null || s.isBlank()) {
            errors.add(FieldError.at(prefix + key, "must be a non-empty string"));
            return Optional.empty();
        }
        return Optional.of(s);
    }

    private static Optional<JsonValue> scalar(JsonObject o, String key, List<FieldError> errors) {
        JsonValue v = o.get(key);
        if (v == null || v == JsonValue.NULL) {
            return Optional.empty();
        }
        if (v instanceof JsonObject || v instanceof JsonArray) {
            errors.add(FieldError.at("/" + key, "positivePrediction".equals(key)
                    ? "must be a value or a non-empty list of values" : "must be a single value (number, string or boolean)"));
            return Optional.empty();
        }
        return Optional.of(v);
    }

    private static List<String> stringList(JsonObject columns, String key, List<FieldError> errors) {
        JsonValue v = columns.get(key);
        if (v == null || v == JsonValue.NULL) {
            return List.of();
        }
        if (!(v instanceof JsonArray array)) {
            errors.add(FieldError.at("/columns/" + key, "must be a list of column names"));
            return List.of();
        }
        List<String> names = new ArrayList<>();
        for (int i = 0; i < array.size(); i++) {
            if (array.get(i) instanceof JsonString s && !s.getString().isBlank()) {
                names.add(s.getString());
            } else {
                errors.add(FieldError.at("/columns/" + key + "/" + i, "must be a non-empty column name"));
            }
        }
        return names;
    }
}
