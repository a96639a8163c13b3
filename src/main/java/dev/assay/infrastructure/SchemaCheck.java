package dev.assay.infrastructure;

import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.path.NodePath;
import dev.assay.failure.FieldError;
import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A JSON Schema (2020-12) on the class path, whose violations come back as {@link FieldError}s: every
 * violation at once, each with the JSON pointer of the value it concerns and, when the document was
 * YAML, the line and column of that value. An unknown property is named by its own pointer (the parent's
 * pointer plus its name) and placed on its key, so a misspelt key says which one; a missing one likewise
 * names the property that is missing.
 */
public final class SchemaCheck {

    private final String resource;
    private final Schema schema;
    /** The schema as JSON-P, to name the properties an object may have when it holds an unknown one. */
    private final JsonObject document;

    private SchemaCheck(String resource, Schema schema, JsonObject document) {
        this.resource = resource;
        this.schema = schema;
        this.document = document;
    }

    /** Loads a schema from the class path, e.g. {@code policies/schema/model-card.schema.json}. */
    public static SchemaCheck load(String resource) {
        return load(resource, SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12));
    }

    /**
     * Loads a schema of someone else's format from the class path, with the schemas it refers to: references under
     * {@code idPrefix} (its {@code $id}'s folder, {@code http://cyclonedx.org/schema/}) are read from the class path
     * folder {@code folder} ({@code cyclonedx/}), never from the network. Its own {@code $schema} names its dialect
     * (draft-07 for CycloneDX 1.6).
     */
    public static SchemaCheck load(String resource, String idPrefix, String folder) {
        return load(resource, SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
                b -> b.schemaIdResolvers(r -> r.mapPrefix(idPrefix, "classpath:" + folder))));
    }

    private static SchemaCheck load(String resource, SchemaRegistry registry) {
        try (InputStream in = SchemaCheck.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is not on the class path");
            }
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            Schema schema = registry.getSchema(text, InputFormat.JSON);
            return new SchemaCheck(resource, schema, Json.createReader(new StringReader(text)).readObject());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One violation as the validator reports it, before it is said as a {@link FieldError}. */
    private record Violation(String keyword, String evaluationPath, String at, String property, Object[] arguments,
                             String message, String schemaLocation, boolean structured) {

        static Violation of(Error e) {
            return new Violation(e.getKeyword(), String.valueOf(e.getEvaluationPath()), pointer(e.getInstanceLocation()),
                    e.getProperty(), e.getArguments() == null ? new Object[0] : e.getArguments(), e.getMessage(),
                    String.valueOf(e.getSchemaLocation()), e.getInstanceNode() != null && e.getInstanceNode().isContainer());
        }

        boolean isTypeAt(String pointer) {
            return "type".equals(keyword) && at.equals(pointer) && arguments.length == 2;
        }

        /** Refuses the value at {@code pointer} for its kind: a wrong type, or an object or list where names are listed. */
        boolean refusesKindAt(String pointer) {
            return isTypeAt(pointer) || ("enum".equals(keyword) || "const".equals(keyword)) && at.equals(pointer) && structured;
        }
    }

    /** Every violation of a document, each with its JSON pointer only. */
    public List<FieldError> validate(JsonValue json) {
        List<Violation> raw = schema.validate(json.toString(), InputFormat.JSON).stream().map(Violation::of).toList();
        LinkedHashSet<FieldError> errors = new LinkedHashSet<>();
        for (Violation v : prune(raw)) {
            errors.add(describe(v));
        }
        return List.copyOf(errors);
    }

    /**
     * Keeps, of a {@code oneOf} or {@code anyOf} that no alternative satisfies, only the errors of the
     * alternative the document came closest to: a threshold {@code {comparator: "=~", value: 1}} is
     * told its comparator is wrong, not also that it lacks a {@code between}. Alternatives that all
     * refuse the value's type are said in one message ("must be a string or an array, not an integer").
     */
    private static List<Violation> prune(List<Violation> raw) {
        // The alternatives' keywords by evaluation path, outermost first (the validator reports a failed
        // oneOf itself, but of a failed anyOf only what each alternative said).
        Set<String> choices = new TreeSet<>(Comparator.comparingInt(String::length).thenComparing(Comparator.naturalOrder()));
        for (Violation v : raw) {
            String[] segments = v.evaluationPath().split("/");
            StringBuilder path = new StringBuilder();
            for (int i = 1; i < segments.length; i++) {
                path.append('/').append(segments[i]);
                if ((segments[i].equals("oneOf") || segments[i].equals("anyOf")) && i + 1 < segments.length) {
                    choices.add(path.toString());
                }
            }
        }
        Set<Violation> dropped = Collections.newSetFromMap(new IdentityHashMap<>());
        List<Violation> added = new ArrayList<>();
        for (String choice : choices) {
            Violation own = raw.stream().filter(v -> v.evaluationPath().equals(choice) && !dropped.contains(v)).findFirst().orElse(null);
            Map<String, List<Violation>> branches = new TreeMap<>();
            for (Violation v : raw) {
                if (!dropped.contains(v) && v.evaluationPath().startsWith(choice + "/")) {
                    branches.computeIfAbsent(v.evaluationPath().substring(choice.length() + 1).split("/", 2)[0],
                            k -> new ArrayList<>()).add(v);
                }
            }
            if (branches.isEmpty()) {
                continue; // dropped with an outer alternative, or more than one alternative fits
            }
            if (own != null) {
                dropped.add(own);
            }
            String at = own != null ? own.at() : branches.values().stream().flatMap(List::stream).map(Violation::at)
                    .min(Comparator.comparingInt(String::length)).orElse("");
            if (branches.values().stream().allMatch(b -> b.size() == 1 && b.get(0).isTypeAt(at))) {
                branches.values().forEach(dropped::addAll);
                Set<String> types = new LinkedHashSet<>();
                branches.values().forEach(b -> types.add(String.valueOf(b.get(0).arguments()[1])));
                Violation first = branches.values().iterator().next().get(0);
                added.add(new Violation("type", choice, at, null,
                        new Object[] {first.arguments()[0], String.join(" or ", types)}, first.message(), first.schemaLocation(),
                        first.structured()));
                continue;
            }
            // The closest alternative: one that takes the value's kind, then the fewest errors, then the first.
            List<Violation> best = branches.values().stream().min(Comparator
                    .comparingInt((List<Violation> b) -> b.stream().anyMatch(v -> v.refusesKindAt(at)) ? 1 : 0)
                    .thenComparingInt(List::size)).orElseThrow();
            branches.values().stream().filter(b -> b != best).forEach(dropped::addAll);
        }
        List<Violation> kept = new ArrayList<>(raw.stream().filter(v -> !dropped.contains(v)).toList());
        kept.addAll(added);
        return kept;
    }

    /**
     * Every violation of a document read from YAML, placed on its line and column; unknown properties
     * on their key. {@code positions} of a text that knew none leaves them as pointers.
     */
    public List<FieldError> validate(JsonValue json, YamlPositions positions) {
        return placed(validate(json), positions);
    }

    /**
     * The errors with the line and column their pointers land on (an unknown property on its key), in
     * the order of the document, which is the order a person fixes them in.
     */
    public static List<FieldError> placed(List<FieldError> errors, YamlPositions positions) {
        List<FieldError> out = new ArrayList<>();
        for (FieldError e : errors) {
            if (e.pointer() == null || e.line() != null) {
                out.add(e);
                continue;
            }
            Optional<long[]> at = e.message().startsWith(UNKNOWN) ? positions.locateKey(e.pointer()) : positions.locate(e.pointer());
            out.add(at.map(p -> new FieldError(e.pointer(), p[0], p[1], e.message())).orElse(e));
        }
        // A stable sort: errors without a place keep their order, after those with one.
        out.sort(Comparator.comparing((FieldError e) -> e.line() == null ? Long.MAX_VALUE : e.line())
                .thenComparing(e -> e.column() == null ? Long.MAX_VALUE : e.column()));
        return out;
    }

    static final String UNKNOWN = "unknown property";

    private FieldError describe(Violation v) {
        Object[] args = v.arguments();
        switch (v.keyword()) {
            case "additionalProperties" -> {
                if (v.property() != null) {
                    return FieldError.at(v.at() + "/" + escape(v.property()), UNKNOWN + " '" + v.property() + "'"
                            + known(v.schemaLocation(), v.property()));
                }
            }
            case "required" -> {
                if (v.property() != null) {
                    return FieldError.at(v.at() + "/" + escape(v.property()), "is required");
                }
            }
            case "type" -> {
                if (args.length == 2) {
                    // One type ("number"), several ("[string, null]"), or those of alternatives ("string or array").
                    List<String> expected = Arrays.stream(String.valueOf(args[1]).replaceAll("^\\[|\\]$", "").split(" or |, "))
                            .map(String::strip).distinct().map(SchemaCheck::article).toList();
                    return FieldError.at(v.at(), "must be " + String.join(" or ", expected) + ", not " + article(String.valueOf(args[0])));
                }
            }
            case "enum" -> {
                if (args.length == 1) {
                    String values = String.valueOf(args[0]);
                    return FieldError.at(v.at(), "must be one of " + (values.startsWith("[") ? values.substring(1, values.length() - 1) : values));
                }
            }
            default -> {
            }
        }
        return FieldError.at(v.at(), v.message().replaceFirst("^\\$[^:]*: ", ""));
    }

    /** "a string", "an integer", "null": a JSON type as a message says it. */
    private static String article(String type) {
        return switch (type) {
            case "null" -> "null";
            case "integer", "array", "object" -> "an " + type;
            case "number" -> "a number";
            default -> "a " + type;
        };
    }

    /** "; did you mean 'x'? known here: a, b, c", from the properties of the schema object that refused it. */
    private String known(String schemaLocation, String unknown) {
        Set<String> names = properties(schemaLocation);
        if (names.isEmpty()) {
            return "";
        }
        // A typo (a few letters off) or a shortening ("user" for "username").
        String u = unknown.toLowerCase(Locale.ROOT);
        String closest = names.stream().min(Comparator.comparingInt(n -> distance(n.toLowerCase(Locale.ROOT), u)))
                .filter(n -> distance(n.toLowerCase(Locale.ROOT), u) <= Math.max(1, u.length() / 3)).orElse(null);
        if (closest == null && u.length() >= 3) {
            closest = names.stream().filter(n -> n.toLowerCase(Locale.ROOT).startsWith(u)).findFirst().orElse(null);
        }
        return (closest == null ? "" : " (did you mean '" + closest + "'?)") + "; known here: " + String.join(", ", names);
    }

    private Set<String> properties(String location) {
        try {
            int hash = location.indexOf('#');
            String fragment = hash < 0 ? "" : location.substring(hash + 1);
            if (!fragment.endsWith("/additionalProperties")) {
                return Set.of();
            }
            String parent = fragment.substring(0, fragment.length() - "/additionalProperties".length());
            JsonValue node = parent.isEmpty() ? document : Json.createPointer(parent).getValue(document);
            if (node instanceof JsonObject o && o.get("properties") instanceof JsonObject props) {
                return new LinkedHashSet<>(props.keySet());
            }
        } catch (JsonException | IllegalArgumentException ignored) {
            // A location this schema does not resolve: the message goes without the list.
        }
        return Set.of();
    }

    /** Levenshtein distance, for a "did you mean" on short property names. */
    static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                current[j] = Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }

    private static String pointer(NodePath path) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < path.getNameCount(); i++) {
            b.append('/').append(escape(String.valueOf(path.getElement(i))));
        }
        return b.toString();
    }

    /** A JSON pointer reference token (RFC 6901). */
    public static String escape(String token) {
        return token.replace("~", "~0").replace("/", "~1");
    }

    /** The name a JSON pointer reference token stands for (RFC 6901): the inverse of {@link #escape}. */
    public static String unescape(String token) {
        return token.replace("~1", "/").replace("~0", "~");
    }

    @Override
    public String toString() {
        return "SchemaCheck[" + resource + "]";
    }
}
