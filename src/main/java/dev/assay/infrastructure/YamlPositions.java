package dev.assay.infrastructure;

import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.composer.Composer;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.parser.ParserImpl;
import org.snakeyaml.engine.v2.scanner.StreamReader;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Where a JSON pointer lands in a YAML document: the 1-based line and column of the node it names,
 * or of the nearest existing parent (for a missing property), so every error can say where.
 */
public final class YamlPositions {

    private final Node root;

    private YamlPositions(Node root) {
        this.root = root;
    }

    /**
     * The document's node tree, or a tree that knows no positions when the text does not compose or is
     * over one of {@link Yaml}'s bounds (a JSON body is placed by this YAML reader too: on one line of
     * a megabyte it would cost quadratic time, nested ten thousand deep it would overflow the stack).
     */
    public static YamlPositions of(String yaml) {
        try {
            LoadSettings settings = LoadSettings.builder().setUseMarks(true).setMaxAliasesForCollections(Yaml.MAX_ALIASES)
                    .setCodePointLimit(Yaml.MAX_CHARS).build();
            Yaml.checkBounds(settings, yaml);
            Composer composer = new Composer(settings, new ParserImpl(settings, new StreamReader(settings, yaml)));
            return new YamlPositions(composer.getSingleNode().orElse(null));
        } catch (RuntimeException e) {
            return new YamlPositions(null);
        }
    }

    /** The line and column of the value a pointer names, or of its nearest existing parent. */
    public Optional<long[]> locate(String pointer) {
        if (root == null) {
            return Optional.empty();
        }
        Node node = root;
        for (String token : tokens(pointer)) {
            Node next = child(node, token);
            if (next == null) {
                break;
            }
            node = next;
        }
        return mark(node);
    }

    /**
     * The line and column of the key a pointer's last token names in its mapping (where a misspelt
     * key is written), or, when there is no such key, of what {@link #locate} finds.
     */
    public Optional<long[]> locateKey(String pointer) {
        List<String> tokens = tokens(pointer);
        if (root == null || tokens.isEmpty()) {
            return locate(pointer);
        }
        Node node = root;
        for (String token : tokens.subList(0, tokens.size() - 1)) {
            node = child(node, token);
            if (node == null) {
                return locate(pointer);
            }
        }
        if (node instanceof MappingNode mapping) {
            for (NodeTuple t : mapping.getValue()) {
                if (t.getKeyNode() instanceof ScalarNode key && key.getValue().equals(tokens.get(tokens.size() - 1))) {
                    return mark(key);
                }
            }
        }
        return locate(pointer);
    }

    private static List<String> tokens(String pointer) {
        if (pointer == null || pointer.isEmpty()) {
            return List.of();
        }
        return Arrays.stream(pointer.substring(1).split("/", -1)).map(SchemaCheck::unescape).toList();
    }

    private static Optional<long[]> mark(Node node) {
        return node.getStartMark().map(m -> new long[] {m.getLine() + 1L, m.getColumn() + 1L});
    }

    private static Node child(Node node, String token) {
        if (node instanceof MappingNode mapping) {
            for (NodeTuple t : mapping.getValue()) {
                if (t.getKeyNode() instanceof ScalarNode key && key.getValue().equals(token)) {
                    return t.getValueNode();
                }
            }
        } else if (node instanceof SequenceNode sequence) {
            try {
                int i = Integer.parseInt(token);
                return i >= 0 && i < sequence.getValue().size() ? sequence.getValue().get(i) : null;
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
    }
}
