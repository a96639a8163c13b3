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

    /** The document's node tree, or a tree that knows no positions when the text does not compose. */
    public static YamlPositions of(String yaml) {
        try {
            LoadSettings settings = LoadSettings.builder().setUseMarks(true).setMaxAliasesForCollections(50)
                    .setCodePointLimit(Yaml.MAX_CODE_POINTS).build();
            Composer composer = new Composer(settings, new ParserImpl(settings, new StreamReader(settings, yaml)));
            return new YamlPositions(composer.getSingleNode().orElse(null));
        } catch (RuntimeException e) {
            return new YamlPositions(null);
        }
    }

    public Optional<long[]> locate(String pointer) {
        if (root == null) {
            return Optional.empty();
        }
        Node node = root;
        if (pointer != null && !pointer.isEmpty()) {
            for (String raw : pointer.substring(1).split("/", -1)) {
                String token = raw.replace("~1", "/").replace("~0", "~");
                Node next = child(node, token);
                if (next == null) {
                    break;
                }
                node = next;
            }
        }
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
