package dev.assay.infrastructure;

import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;

import java.util.Optional;

/**
 * Safe YAML loading: YAML 1.2 core schema, no custom tags, bounded aliases, nesting and size, so a
 * hostile document (alias bomb, deep nesting, huge scalar) is refused quickly.
 */
public final class Yaml {

    static final int MAX_CODE_POINTS = 2 * 1024 * 1024;

    private Yaml() {
    }

    public static Object load(String text) {
        LoadSettings settings = LoadSettings.builder()
                .setAllowDuplicateKeys(false)
                .setMaxAliasesForCollections(50)
                .setAllowRecursiveKeys(false)
                .setCodePointLimit(MAX_CODE_POINTS)
                .setUseMarks(true)
                .build();
        return new Load(settings).loadFromString(text);
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
