package dev.assay.infrastructure;

import dev.assay.failure.FieldError;
import dev.assay.failure.InvalidInput;
import jakarta.json.JsonValue;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Parse;
import org.snakeyaml.engine.v2.events.Event;
import org.snakeyaml.engine.v2.exceptions.ParserException;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;

import java.util.List;
import java.util.Optional;

/**
 * Safe YAML loading: YAML 1.2 core schema, no custom tags, bounded aliases, nesting and size, so a
 * hostile document (alias bomb, deep nesting, huge scalar) is refused quickly.
 */
public final class Yaml {

    static final int MAX_CODE_POINTS = 2 * 1024 * 1024;

    private Yaml() {
    }

    /** Deeper than this a document is refused before it is built (the builder recurses; the parser does not). */
    static final int MAX_DEPTH = 64;

    static Object load(String text) {
        LoadSettings settings = settings();
        checkDepth(settings, text);
        return new Load(settings).loadFromString(text);
    }

    private static void checkDepth(LoadSettings settings, String text) {
        int depth = 0;
        for (Event e : new Parse(settings).parseString(text)) {
            if (e.getEventId() == Event.ID.MappingStart || e.getEventId() == Event.ID.SequenceStart) {
                if (++depth > MAX_DEPTH) {
                    throw new ParserException("the document nests deeper than " + MAX_DEPTH + " levels", e.getStartMark());
                }
            } else if (e.getEventId() == Event.ID.MappingEnd || e.getEventId() == Event.ID.SequenceEnd) {
                depth--;
            }
        }
    }

    private static LoadSettings settings() {
        return LoadSettings.builder()
                .setAllowDuplicateKeys(false)
                .setMaxAliasesForCollections(50)
                .setAllowRecursiveKeys(false)
                .setCodePointLimit(MAX_CODE_POINTS)
                .setUseMarks(true)
                .build();
    }

    /**
     * Parses a YAML document into JSON-P values, or fails with a 422 problem that names the line and
     * column of a syntax error. {@code what} names the document in messages ("The policy ...").
     */
    public static JsonValue readJson(String text, String what) {
        Object tree;
        try {
            tree = load(text);
        } catch (YamlEngineException e) {
            long[] pos = position(e).orElse(new long[] {1, 1});
            throw new InvalidInput(what + " is not valid YAML",
                    List.of(FieldError.atLine(pos[0], pos[1], e.getMessage().lines().findFirst().orElse("syntax error"))));
        }
        try {
            return JsonTrees.toJson(tree);
        } catch (IllegalArgumentException e) {
            throw new InvalidInput(what + " holds a value JSON cannot", List.of(FieldError.at("", e.getMessage())));
        }
    }

    /** The 1-based line and column of a parse error, when the parser knows it. */
    public static Optional<long[]> position(YamlEngineException e) {
        if (e instanceof MarkedYamlEngineException marked && marked.getProblemMark().isPresent()) {
            var mark = marked.getProblemMark().get();
            return Optional.of(new long[] {mark.getLine() + 1L, mark.getColumn() + 1L});
        }
        return Optional.empty();
    }
}
