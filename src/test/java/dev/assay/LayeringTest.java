package dev.assay;

import dev.assay.failure.Failure;
import org.junit.jupiter.api.Test;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The layering DESIGN.md promises, read from the compiled classes (what the JVM links, so a
 * fully-qualified name in a method body counts as much as an import): only the HTTP edge (api/,
 * portal/, web/) knows Jakarta REST, servlets or the edge's own types; failure/ is the bottom; no
 * two packages depend on each other. Plain JUnit and the class-file format, no library: a
 * dependency-free rule keeps working offline and through every upgrade.
 */
class LayeringTest {

    /** The packages that speak HTTP; everything else is domain or plumbing. */
    private static final Set<String> EDGE = Set.of("api", "portal", "web");

    /** What only the edge may depend on: HTTP itself and the edge's own packages. */
    private static final List<String> HTTP = List.of("jakarta/ws/rs/", "jakarta/servlet/",
            "dev/assay/api/", "dev/assay/portal/", "dev/assay/web/");

    /** A referenced type: an internal name inside a class name, descriptor or signature. */
    private static final Pattern TYPE = Pattern.compile("([a-z][a-z0-9_]*(?:/[a-z][a-z0-9_]*)*)/[A-Za-z_$][\\w$]*");

    @Test
    void onlyTheEdgeKnowsHttp() throws IOException, URISyntaxException {
        Map<String, Set<String>> offences = new TreeMap<>();
        for (Path root : List.of(root(Failure.class), root(LayeringTest.class))) {
            for (var entry : referencesByClass(root).entrySet()) {
                String module = module(entry.getKey());
                // The ITs are HTTP clients of the edge (RoleMatrixIT reads its resource annotations).
                if (EDGE.contains(module) || module.equals("it")) {
                    continue;
                }
                entry.getValue().stream().filter(ref -> HTTP.stream().anyMatch(ref::startsWith))
                        .forEach(ref -> offences.computeIfAbsent(entry.getKey(), k -> new TreeSet<>()).add(ref));
            }
        }
        assertEquals(Map.of(), offences, "classes outside api/, portal/ and web/ that depend on HTTP; "
                + "throw a dev.assay.failure.Failure and let the edge answer it");
    }

    @Test
    void failuresImportNothingOfAssay() throws IOException, URISyntaxException {
        Map<String, Set<String>> offences = new TreeMap<>();
        referencesByClass(root(Failure.class)).forEach((type, refs) -> {
            if (module(type).equals("failure")) {
                refs.stream().filter(ref -> ref.startsWith("dev/assay/") && !module(ref).equals("failure"))
                        .forEach(ref -> offences.computeIfAbsent(type, k -> new TreeSet<>()).add(ref));
            }
        });
        assertEquals(Map.of(), offences, "dev.assay.failure is the bottom of the package graph");
    }

    /**
     * No cycle between the packages under dev.assay. A package's subpackages count as the package
     * (metric/ and its families are one node here; that no family imports another is the metric
     * engine's own rule).
     */
    @Test
    void noTwoPackagesDependOnEachOther() throws IOException, URISyntaxException {
        Map<String, Set<String>> graph = new TreeMap<>();
        referencesByClass(root(Failure.class)).forEach((type, refs) -> {
            String from = module(type);
            Set<String> to = graph.computeIfAbsent(from, k -> new TreeSet<>());
            refs.stream().filter(ref -> ref.startsWith("dev/assay/")).map(LayeringTest::module)
                    .filter(m -> !m.equals(from)).forEach(to::add);
        });
        List<List<String>> cycles = cycles(graph);
        assertTrue(cycles.isEmpty(), "package cycles: " + cycles + "; dependencies: " + graph);
    }

    /** The module of an internal name: the first package under dev/assay ("" for dev.assay itself). */
    private static String module(String internalName) {
        String rest = internalName.substring("dev/assay/".length());
        int slash = rest.indexOf('/');
        return slash < 0 ? "" : rest.substring(0, slash);
    }

    private static Path root(Class<?> type) throws URISyntaxException {
        return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
    }

    /** Every class under root (internal name) with the types it refers to. */
    private static Map<String, Set<String>> referencesByClass(Path root) throws IOException {
        Map<String, Set<String>> out = new TreeMap<>();
        try (Stream<Path> files = Files.walk(root.resolve("dev/assay"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                String name = root.relativize(file).toString().replace('\\', '/').replaceFirst("\\.class$", "");
                try (InputStream in = Files.newInputStream(file)) {
                    out.put(name, references(in));
                }
            }
        }
        return out;
    }

    /**
     * The types a class file names: in class entries, descriptors and generic signatures, that is every
     * UTF-8 constant that is not a string literal (a literal mentioning a package is text, not a link).
     */
    static Set<String> references(InputStream classFile) throws IOException {
        DataInputStream in = new DataInputStream(classFile);
        in.readInt();
        in.readUnsignedShort();
        in.readUnsignedShort();
        int count = in.readUnsignedShort();
        String[] utf8 = new String[count];
        Set<Integer> literals = new HashSet<>();
        for (int i = 1; i < count; i++) {
            int tag = in.readUnsignedByte();
            switch (tag) {
                case 1 -> utf8[i] = in.readUTF();
                case 8 -> literals.add(in.readUnsignedShort());
                case 7, 16, 19, 20 -> in.readUnsignedShort();
                case 3, 4, 9, 10, 11, 12, 17, 18 -> in.readInt();
                case 15 -> {
                    in.readUnsignedByte();
                    in.readUnsignedShort();
                }
                case 5, 6 -> {
                    in.readLong();
                    i++; // a long or double takes two entries
                }
                default -> throw new IOException("unknown constant pool tag " + tag);
            }
        }
        Set<String> types = new TreeSet<>();
        for (int i = 1; i < count; i++) {
            if (utf8[i] != null && !literals.contains(i)) {
                Matcher m = TYPE.matcher(utf8[i]);
                while (m.find()) {
                    types.add(m.group());
                }
            }
        }
        return types;
    }

    /** The strongly connected components of more than one node (Tarjan), each a cycle to break. */
    private static List<List<String>> cycles(Map<String, Set<String>> graph) {
        Map<String, Integer> index = new TreeMap<>();
        Map<String, Integer> low = new TreeMap<>();
        Deque<String> stack = new ArrayDeque<>();
        Set<String> onStack = new HashSet<>();
        List<List<String>> found = new ArrayList<>();
        for (String node : graph.keySet()) {
            if (!index.containsKey(node)) {
                connect(node, graph, index, low, stack, onStack, found);
            }
        }
        return found;
    }

    private static void connect(String node, Map<String, Set<String>> graph, Map<String, Integer> index,
                                Map<String, Integer> low, Deque<String> stack, Set<String> onStack,
                                List<List<String>> found) {
        index.put(node, index.size());
        low.put(node, index.get(node));
        stack.push(node);
        onStack.add(node);
        for (String next : graph.getOrDefault(node, Set.of())) {
            if (!index.containsKey(next)) {
                connect(next, graph, index, low, stack, onStack, found);
                low.put(node, Math.min(low.get(node), low.get(next)));
            } else if (onStack.contains(next)) {
                low.put(node, Math.min(low.get(node), index.get(next)));
            }
        }
        if (low.get(node).equals(index.get(node))) {
            List<String> component = new ArrayList<>();
            String member;
            do {
                member = stack.pop();
                onStack.remove(member);
                component.add(member.isEmpty() ? "dev.assay" : member);
            } while (!member.equals(node));
            if (component.size() > 1) {
                found.add(component);
            }
        }
    }
}
