package dev.assay.registry.formats;

import dev.assay.failure.FieldError;
import dev.assay.failure.InvalidInput;
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

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A Hugging Face model card (the {@code README.md} of a model repository) read into an Assay card. The card's format is
 * Hugging Face's (https://huggingface.co/docs/hub/model-cards, the annotated metadata in
 * https://github.com/huggingface/hub-docs/blob/main/modelcard.md, the section template in huggingface_hub's
 * {@code modelcard_template.md}): YAML front matter between {@code ---} lines, then Markdown.
 *
 * <p>What maps where:
 * <ul>
 * <li>front matter {@code datasets} (the training datasets) → {@code trainingData};</li>
 * <li>{@code model-index} results → {@code performanceMetrics}, one entry per metric
 *     ({@code {metric, value, name, task, dataset, split}}), and their datasets → {@code evaluationData};
 *     front matter {@code metrics} not among them are added by id;</li>
 * <li>Markdown sections, by heading (subsections go with their section unless they map elsewhere):
 *     Uses, Intended uses (& limitations), Direct Use → {@code intendedUse}; Bias, Risks, and Limitations, Limitations,
 *     Out-of-Scope Use → {@code limitations}; Recommendations, Risk Management → {@code riskManagement}; Training Data →
 *     {@code trainingData}; Testing Data, Evaluation Data → {@code evaluationData}; Human Oversight →
 *     {@code humanOversight}; Post-market Monitoring → {@code postMarketMonitoring}. A field a front-matter list and a
 *     section both give is {@code {"datasets": [...], "description": "<the section>"}};</li>
 * <li>the front matter's {@code assay:} block: any Assay card field, as in a native card (owner, task, riskTier,
 *     positiveLabel, favorableOutcome, columns, artifact, ...): what Hugging Face has no place for. It wins over a
 *     mapped field, and an overlay sent beside the card wins over both.</li>
 * </ul>
 * Everything else is reported unmapped: every other front-matter key (license, tags, pipeline_tag, base_model, ...), the
 * parts of a {@code model-index} result that have no place (source, verifyToken, ...), and every section with text that
 * maps nowhere. Template placeholders ({@code [More Information Needed]}, {@code <!-- ... -->} hints) count as no text.
 */
public final class HuggingFaceCard {

    public static final String FORMAT = "huggingface";

    private static final JsonProvider JSON = JsonProvider.provider();

    /** Section headings (lower case) and the Assay field each maps to. */
    private static final Map<String, String> SECTIONS = Map.ofEntries(
            Map.entry("uses", "intendedUse"),
            Map.entry("intended uses", "intendedUse"),
            Map.entry("intended use", "intendedUse"),
            Map.entry("intended uses & limitations", "intendedUse"),
            Map.entry("direct use", "intendedUse"),
            Map.entry("bias, risks, and limitations", "limitations"),
            Map.entry("bias, risks and limitations", "limitations"),
            Map.entry("limitations", "limitations"),
            Map.entry("limitations and bias", "limitations"),
            Map.entry("out-of-scope use", "limitations"),
            Map.entry("recommendations", "riskManagement"),
            Map.entry("risk management", "riskManagement"),
            Map.entry("training data", "trainingData"),
            Map.entry("testing data", "evaluationData"),
            Map.entry("evaluation data", "evaluationData"),
            Map.entry("human oversight", "humanOversight"),
            Map.entry("post-market monitoring", "postMarketMonitoring"));

    private static final Pattern HINTS = Pattern.compile("<!--.*?-->", Pattern.DOTALL);
    private static final String PLACEHOLDER = "[More Information Needed]";

    static final String MISSING = "the Hugging Face card has no place for %s: give it in the front matter's assay: block,"
            + " or in an 'assay' part sent beside the card";

    private HuggingFaceCard() {
    }

    /**
     * The Assay card of a README.
     *
     * @param overlay     Assay card fields sent beside the card (they win over the card's own); null for none
     * @param overlayText the overlay's text, to place its errors; null for none
     * @throws InvalidInput front matter that is not YAML or not a mapping, or an {@code assay:} block that is not a mapping
     */
    public static CardImport read(String markdown, JsonObject overlay, String overlayText, String model, String version) {
        String text = markdown.startsWith("\uFEFF") ? markdown.substring(1) : markdown;
        FrontMatter split = frontMatter(text);
        String front = split.yaml();
        JsonObject meta = front.isBlank() ? JsonValue.EMPTY_JSON_OBJECT : metadata(front);
        CardImport.Draft draft = new CardImport.Draft();

        List<JsonValue> performance = new ArrayList<>();
        Set<JsonValue> evaluationSets = new LinkedHashSet<>();
        List<String> trainingSets = new ArrayList<>();
        meta.forEach((key, value) -> {
            String at = "/" + SchemaCheck.escape(key);
            switch (key) {
                case "assay" -> {
                    if (!(value instanceof JsonObject block)) {
                        throw new InvalidInput("The front matter's assay: block must be a mapping of Assay card fields",
                                List.of(placed(front, at, "must be a mapping of Assay card fields (owner, task, columns, ...)")));
                    }
                    block.forEach((field, v) -> draft.assay(field, v, at + "/" + SchemaCheck.escape(field), true));
                }
                case "datasets" -> {
                    if (value instanceof JsonArray list && list.stream().allMatch(v -> v instanceof JsonString)) {
                        list.getValuesAs(JsonString.class).forEach(s -> trainingSets.add(s.getString()));
                    } else if (value instanceof JsonString s) {
                        trainingSets.add(s.getString());
                    } else {
                        draft.unmapped(at, "not a list of dataset ids, as Hugging Face's datasets is");
                    }
                }
                case "model-index" -> modelIndex(value, at, performance, evaluationSets, draft);
                case "metrics" -> { } // after model-index, below
                case "pipeline_tag" -> draft.unmapped(at, "a Hugging Face task, not one of Assay's (binary-classification,"
                        + " multiclass-classification, score, regression): give assay.task");
                default -> draft.unmapped(at, Unmapped.NO_COUNTERPART);
            }
        });
        if (meta.get("metrics") != null) {
            Set<String> measured = new LinkedHashSet<>();
            performance.forEach(p -> measured.add(((JsonObject) p).getString("metric", "")));
            JsonValue ids = meta.get("metrics");
            if (ids instanceof JsonArray list && list.stream().allMatch(v -> v instanceof JsonString)) {
                list.getValuesAs(JsonString.class).stream().map(JsonString::getString).filter(id -> !measured.contains(id))
                        .forEach(id -> performance.add(JSON.createValue(id)));
            } else {
                draft.unmapped("/metrics", "not a list of metric ids, as Hugging Face's metrics is");
            }
        }
        if (!performance.isEmpty()) {
            draft.mapped("performanceMetrics", array(performance), meta.containsKey("model-index") ? "/model-index" : "/metrics");
        }

        Map<String, SectionText> fromSections = sections(split.body(), draft);
        combine("trainingData", trainingSets.stream().map(s -> (JsonValue) JSON.createValue(s)).toList(), "/datasets",
                fromSections.get("trainingData"), draft);
        combine("evaluationData", List.copyOf(evaluationSets), "/model-index", fromSections.get("evaluationData"), draft);
        fromSections.forEach((field, section) -> {
            if (!field.equals("trainingData") && !field.equals("evaluationData")) {
                draft.mapped(field, JSON.createValue(section.text()), section.pointer());
            }
        });
        if (overlay != null) {
            draft.overlay(overlay);
        }
        return draft.done(FORMAT, model, version, YamlPositions.of(front), split.lineOffset(), overlayText == null ? null
                : YamlPositions.of(overlayText), MISSING);
    }

    /**
     * The front matter's YAML, the Markdown after it, and how many lines come before the YAML's first (the opening
     * {@code ---}), to place errors on the README's lines.
     */
    private record FrontMatter(String yaml, String body, int lineOffset) {
    }

    private static FrontMatter frontMatter(String text) {
        String normalized = text.replace("\r\n", "\n");
        if (!normalized.startsWith("---\n")) {
            return new FrontMatter("", normalized, 0);
        }
        int from = 4;
        while (from <= normalized.length()) {
            int nl = normalized.indexOf('\n', from);
            String line = normalized.substring(from, nl < 0 ? normalized.length() : nl);
            if (line.equals("---") || line.equals("...")) {
                return new FrontMatter(normalized.substring(4, from), nl < 0 ? "" : normalized.substring(nl + 1), 1);
            }
            if (nl < 0) {
                break;
            }
            from = nl + 1;
        }
        throw new InvalidInput("The front matter has no closing --- line", List.of(FieldError.atLine(1, 1L,
                "front matter opened by --- is closed by a line of ---")));
    }

    /** The front matter as JSON; YAML errors placed on the README's lines (one below the front matter's own). */
    private static JsonObject metadata(String front) {
        JsonValue value;
        try {
            value = Yaml.readJson(front, "The front matter");
        } catch (InvalidInput e) {
            throw new InvalidInput(e.getMessage(), e.errors().stream().map(f -> f.line() == null ? f
                    : new FieldError(f.pointer(), f.line() + 1, f.column(), f.message())).toList());
        }
        if (!(value instanceof JsonObject o)) {
            throw new InvalidInput("The front matter must be a mapping", List.of(FieldError.atLine(2, 1L, "must be a mapping of metadata")));
        }
        return o;
    }

    private static FieldError placed(String front, String pointer, String message) {
        return YamlPositions.of(front).locate(pointer).map(p -> new FieldError(pointer, p[0] + 1, p[1], message))
                .orElse(FieldError.at(pointer, message));
    }

    /** {@code model-index}: each result's metrics, each with its task and dataset; what has no place, unmapped. */
    private static void modelIndex(JsonValue value, String at, List<JsonValue> performance, Set<JsonValue> datasets,
                                   CardImport.Draft draft) {
        if (!(value instanceof JsonArray entries)) {
            draft.unmapped(at, "not a list, as Hugging Face's model-index is");
            return;
        }
        for (int i = 0; i < entries.size(); i++) {
            String entryAt = at + "/" + i;
            if (!(entries.get(i) instanceof JsonObject entry)) {
                draft.unmapped(entryAt, "not a model-index entry (a mapping)");
                continue;
            }
            for (var field : entry.entrySet()) {
                String fieldAt = entryAt + "/" + SchemaCheck.escape(field.getKey());
                if (field.getKey().equals("results") && field.getValue() instanceof JsonArray results) {
                    for (int j = 0; j < results.size(); j++) {
                        result(results.get(j), fieldAt + "/" + j, performance, datasets, draft);
                    }
                } else {
                    draft.unmapped(fieldAt, field.getKey().equals("name")
                            ? "the model's name on the Hub; the path names the Assay model" : Unmapped.NO_COUNTERPART);
                }
            }
        }
    }

    private static void result(JsonValue value, String at, List<JsonValue> performance, Set<JsonValue> datasets,
                               CardImport.Draft draft) {
        if (!(value instanceof JsonObject result)) {
            draft.unmapped(at, "not a model-index result (a mapping)");
            return;
        }
        JsonObject task = result.get("task") instanceof JsonObject t ? t : JsonValue.EMPTY_JSON_OBJECT;
        JsonObject dataset = result.get("dataset") instanceof JsonObject d ? d : JsonValue.EMPTY_JSON_OBJECT;
        JsonObject kept = keep(dataset, List.of("type", "name", "config", "split"), at + "/dataset", draft);
        if (!kept.isEmpty()) {
            datasets.add(kept);
        }
        keep(task, List.of("type"), at + "/task", draft);
        for (var field : result.entrySet()) {
            String fieldAt = at + "/" + SchemaCheck.escape(field.getKey());
            switch (field.getKey()) {
                case "task", "dataset" -> {
                    if (!(field.getValue() instanceof JsonObject)) {
                        draft.unmapped(fieldAt, "not a mapping, as in Hugging Face's model-index");
                    }
                }
                case "metrics" -> {
                    if (!(field.getValue() instanceof JsonArray metrics)) {
                        draft.unmapped(fieldAt, "not a list, as in Hugging Face's model-index");
                        continue;
                    }
                    for (int k = 0; k < metrics.size(); k++) {
                        if (!(metrics.get(k) instanceof JsonObject m) || !(m.get("type") instanceof JsonString)) {
                            draft.unmapped(fieldAt + "/" + k, "not a metric with a type");
                            continue;
                        }
                        JsonObject metric = keep(m, List.of("type", "value", "name"), fieldAt + "/" + k, draft);
                        JsonObjectBuilder item = JSON.createObjectBuilder().add("metric", metric.get("type"));
                        if (metric.containsKey("value")) {
                            item.add("value", metric.get("value"));
                        }
                        if (metric.containsKey("name")) {
                            item.add("name", metric.get("name"));
                        }
                        if (task.get("type") instanceof JsonString t) {
                            item.add("task", t);
                        }
                        JsonValue datasetName = kept.containsKey("name") ? kept.get("name") : kept.get("type");
                        if (datasetName instanceof JsonString) {
                            item.add("dataset", datasetName);
                        }
                        if (kept.get("split") instanceof JsonString s) {
                            item.add("split", s);
                        }
                        performance.add(item.build());
                    }
                }
                default -> draft.unmapped(fieldAt, Unmapped.NO_COUNTERPART);
            }
        }
    }

    /** The named fields of {@code o}, in their order; every other field reported unmapped. */
    private static JsonObject keep(JsonObject o, List<String> names, String at, CardImport.Draft draft) {
        JsonObjectBuilder b = JSON.createObjectBuilder();
        names.stream().filter(o::containsKey).forEach(n -> b.add(n, o.get(n)));
        o.keySet().stream().filter(k -> !names.contains(k))
                .forEach(k -> draft.unmapped(at + "/" + SchemaCheck.escape(k), Unmapped.NO_COUNTERPART));
        return b.build();
    }

    /** The text a field takes from the Markdown, and where its first section is ({@code #Heading > Subheading}). */
    private record SectionText(String text, String pointer) {
    }

    /**
     * The Markdown sections' text by the field each maps to (a section with no field of its own goes with its nearest
     * mapped enclosing section); sections with text that map nowhere are reported. A field several sections give is
     * their text in order, each after the first under its own heading.
     */
    private static Map<String, SectionText> sections(String body, CardImport.Draft draft) {
        Map<String, SectionText> byField = new LinkedHashMap<>();
        List<String> open = new ArrayList<>(); // the effective field of each open heading level, index = level - 1
        for (MarkdownSections.Section s : MarkdownSections.of(body)) {
            String text = HINTS.matcher(s.text()).replaceAll("").strip();
            if (text.equals(PLACEHOLDER)) {
                text = "";
            }
            String field = null;
            if (s.level() > 0) {
                while (open.size() >= s.level()) {
                    open.remove(open.size() - 1);
                }
                field = SECTIONS.get(s.title().toLowerCase(Locale.ROOT));
                if (field == null) {
                    field = open.stream().filter(java.util.Objects::nonNull).reduce((a, b) -> b).orElse(null);
                }
                while (open.size() < s.level() - 1) {
                    open.add(null);
                }
                open.add(field);
            }
            if (text.isEmpty()) {
                continue;
            }
            if (field == null) {
                draft.unmapped(s.pointer(), Unmapped.NO_COUNTERPART);
                continue;
            }
            SectionText before = byField.get(field);
            byField.put(field, before == null ? new SectionText(text, s.pointer())
                    : new SectionText(before.text() + "\n\n" + s.heading() + "\n\n" + text, before.pointer()));
        }
        return byField;
    }

    /** A field that a front-matter list and a section may both give. */
    private static void combine(String field, List<JsonValue> listed, String listedAt, SectionText section,
                                CardImport.Draft draft) {
        if (listed.isEmpty() && section == null) {
            return;
        }
        if (listed.isEmpty()) {
            draft.mapped(field, JSON.createValue(section.text()), section.pointer());
        } else if (section == null) {
            draft.mapped(field, array(listed), listedAt);
        } else {
            draft.mapped(field, JSON.createObjectBuilder().add("datasets", array(listed)).add("description", section.text())
                    .build(), listedAt);
        }
    }

    private static JsonArray array(List<JsonValue> values) {
        JsonArrayBuilder b = JSON.createArrayBuilder();
        values.forEach(b::add);
        return b.build();
    }
}
