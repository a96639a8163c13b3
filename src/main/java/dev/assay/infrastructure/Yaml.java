package dev.assay.infrastructure;

import dev.assay.failure.FieldError;
import dev.assay.failure.InvalidInput;
import jakarta.json.JsonValue;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Parse;
import org.snakeyaml.engine.v2.events.AliasEvent;
import org.snakeyaml.engine.v2.events.Event;
import org.snakeyaml.engine.v2.events.NodeEvent;
import org.snakeyaml.engine.v2.events.ScalarEvent;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Safe YAML loading: YAML 1.2 core schema, no custom tags, and every dimension of a document bounded
 * before it is built, so a hostile one (alias bomb, deep nesting, huge scalar, a megabyte on one line)
 * is refused in time linear in its length. The bounds are those of the README's "Bad input" table.
 */
public final class Yaml {

    /** Characters (UTF-16 units) of a whole document: a model card or policy pack is a few kilobytes. */
    public static final int MAX_CHARS = 1 << 20;

    /**
     * Characters of one line. SnakeYAML's reader copies its window of the current token each time it
     * reads ahead, so a token costs time quadratic in its length (a 4 MB comment line took 43 s); a
     * token never spans more than one line's worth of look-ahead, so bounding lines makes it linear.
     */
    public static final int MAX_LINE_CHARS = 1 << 16;

    /** Characters of one scalar (a multi-line text included), after alias expansion of nothing. */
    public static final int MAX_SCALAR_CHARS = 1 << 16;

    /** Deeper than this a document is refused before it is built (the builder recurses; the parser does not). */
    public static final int MAX_DEPTH = 64;

    /** Aliases in a document: the references YAML allows are for shared settings, not for repetition. */
    public static final int MAX_ALIASES = 50;

    /**
     * Nodes of the document once every alias is expanded (a JSON copy of it holds them all): an alias
     * bomb of a few lines would otherwise expand to billions.
     */
    public static final int MAX_EXPANDED_NODES = 100_000;

    /** Characters of all scalars once every alias is expanded. */
    public static final long MAX_EXPANDED_CHARS = 4L * MAX_CHARS;

    private Yaml() {
    }

    static Object load(String text) {
        LoadSettings settings = settings();
        checkBounds(settings, text);
        return new Load(settings).loadFromString(text);
    }

    /**
     * A document refused before it is built: over a bound of size, line length, nesting, scalar length,
     * alias count or expanded size, or an alias that names no anchor before it. Each refusal is a
     * parser error at the line and column of the first place over the bound.
     */
    static void checkBounds(LoadSettings settings, String text) {
        checkLines(text);
        int depth = 0;
        int aliases = 0;
        Map<String, long[]> anchored = new HashMap<>();
        // One frame per open collection: its anchor and the expanded nodes and characters under it so far.
        Deque<Frame> open = new ArrayDeque<>();
        Frame root = new Frame(null);
        open.push(root);
        for (Event e : new Parse(settings).parseString(text)) {
            switch (e.getEventId()) {
                case MappingStart, SequenceStart -> {
                    if (++depth > MAX_DEPTH) {
                        throw refused("the document nests deeper than " + MAX_DEPTH + " levels", e);
                    }
                    Frame frame = new Frame(((NodeEvent) e).getAnchor().map(a -> a.getValue()).orElse(null));
                    if (frame.anchor != null) {
                        // The parser registers an anchor where its collection starts, so an alias inside
                        // it names the collection itself: a recursive structure no JSON holds (found by
                        // ModelCardFuzzTest: converting it overflowed the stack).
                        anchored.put(frame.anchor, OPEN);
                    }
                    open.push(frame);
                }
                case MappingEnd, SequenceEnd -> {
                    depth--;
                    Frame done = open.pop();
                    done.nodes++;
                    if (done.anchor != null) {
                        anchored.put(done.anchor, new long[] {done.nodes, done.chars});
                    }
                    add(open.peek(), done.nodes, done.chars, e);
                }
                case Scalar -> {
                    ScalarEvent scalar = (ScalarEvent) e;
                    int length = scalar.getValue().length();
                    if (length > MAX_SCALAR_CHARS) {
                        throw refused("a value of " + length + " characters; at most " + MAX_SCALAR_CHARS + " are allowed", e);
                    }
                    scalar.getAnchor().ifPresent(a -> anchored.put(a.getValue(), new long[] {1, length}));
                    add(open.peek(), 1, length, e);
                }
                case Alias -> {
                    String name = ((AliasEvent) e).getAlias().getValue();
                    if (++aliases > MAX_ALIASES) {
                        throw refused("more than " + MAX_ALIASES + " aliases", e);
                    }
                    long[] target = anchored.get(name);
                    if (target == OPEN) {
                        throw refused("the alias *" + name + " is inside the collection its anchor &" + name
                                + " names: a recursive structure is not allowed", e);
                    }
                    if (target == null) {
                        throw refused("the alias *" + name + " comes before its anchor &" + name
                                + " (or there is no such anchor); an anchor must be defined before it is used", e);
                    }
                    add(open.peek(), target[0], target[1], e);
                }
                default -> {
                    // stream and document events carry nothing to bound
                }
            }
        }
    }

    /** The counts of an anchor whose collection is still open. */
    private static final long[] OPEN = new long[0];

    /** Counts a node (expanded) into the collection it is in, and refuses a document grown over the bounds. */
    private static void add(Frame frame, long nodes, long chars, Event at) {
        frame.nodes += nodes;
        frame.chars += chars;
        if (frame.nodes > MAX_EXPANDED_NODES) {
            throw refused("the document expands to more than " + MAX_EXPANDED_NODES + " values", at);
        }
        if (frame.chars > MAX_EXPANDED_CHARS) {
            throw refused("the document expands to more than " + MAX_EXPANDED_CHARS + " characters of values", at);
        }
    }

    /** An open collection while bounds are checked. Counts include every collection inside it, expanded. */
    private static final class Frame {
        final String anchor;
        long nodes;
        long chars;

        Frame(String anchor) {
            this.anchor = anchor;
        }
    }

    private static void checkLines(String text) {
        if (text.length() > MAX_CHARS) {
            throw new Bound("the document has " + text.length() + " characters; at most " + MAX_CHARS + " are allowed", 1, 1);
        }
        int line = 1;
        int start = 0;
        for (int i = 0; i <= text.length(); i++) {
            if (i == text.length() || text.charAt(i) == '\n') {
                if (i - start > MAX_LINE_CHARS) {
                    throw new Bound("line " + line + " has " + (i - start) + " characters; at most " + MAX_LINE_CHARS
                            + " are allowed on one line", line, MAX_LINE_CHARS + 1);
                }
                line++;
                start = i + 1;
            }
        }
    }

    private static Bound refused(String message, Event at) {
        Optional<Mark> mark = at.getStartMark();
        return new Bound(message, mark.map(m -> m.getLine() + 1).orElse(1), mark.map(m -> m.getColumn() + 1).orElse(1));
    }

    /** A bound exceeded, at a 1-based line and column. */
    static final class Bound extends YamlEngineException {
        final long line;
        final long column;

        Bound(String message, long line, long column) {
            super(message);
            this.line = line;
            this.column = column;
        }
    }

    private static LoadSettings settings() {
        return LoadSettings.builder()
                .setAllowDuplicateKeys(false)
                .setMaxAliasesForCollections(MAX_ALIASES)
                .setAllowRecursiveKeys(false)
                .setCodePointLimit(MAX_CHARS)
                .setUseMarks(true)
                .build();
    }

    /**
     * Parses a YAML document into JSON-P values, or fails with a 422 problem that names the line and
     * column of a syntax error or of the first place over a bound. {@code what} names the document in
     * messages ("The policy ...").
     */
    public static JsonValue readJson(String text, String what) {
        Object tree;
        try {
            tree = load(text);
        } catch (YamlEngineException e) {
            long[] pos = position(e).orElse(new long[] {1, 1});
            boolean bound = e instanceof Bound;
            throw new InvalidInput(what + (bound ? " is over a bound: " + e.getMessage() : " is not valid YAML"),
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
        if (e instanceof Bound bound) {
            return Optional.of(new long[] {bound.line, bound.column});
        }
        if (e instanceof MarkedYamlEngineException marked && marked.getProblemMark().isPresent()) {
            var mark = marked.getProblemMark().get();
            return Optional.of(new long[] {mark.getLine() + 1L, mark.getColumn() + 1L});
        }
        return Optional.empty();
    }
}
