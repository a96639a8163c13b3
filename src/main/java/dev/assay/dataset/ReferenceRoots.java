package dev.assay.dataset;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Where datasets by reference may live: what keeps a registration from having the cluster (which may run on
 * this machine) read Assay's own files or anything else outside the data an operator opened to it.
 *
 * <ul>
 *   <li>{@code ASSAY_REFERENCE_ROOTS}: comma-separated roots, each an absolute directory of this machine's file
 *       system ({@code /data/lake} or {@code file:/data/lake}) or a URI prefix the cluster reads
 *       ({@code s3a://bucket/prefix/}). A location must lie inside one: its part before any glob character,
 *       with symbolic links resolved, for a local path; by whole path segments for a URI. Every file the
 *       cluster then lists for the reference must lie inside one too ({@link #holds}), so a glob or a link
 *       cannot reach out. Unset: no location is accepted.</li>
 *   <li>{@code ASSAY_REFERENCE_TABLES}: comma-separated namespaces ({@code lake} or {@code spark_catalog.lake})
 *       whose tables may be registered, by exact name. Unset: no table is accepted. A table's files must also
 *       lie inside the roots.</li>
 * </ul>
 * A location never contains {@code ..}; a table name is namespace and table (optionally the catalog first),
 * each part letters, digits and underscores, and is quoted part by part wherever it goes into SQL.
 */
public final class ReferenceRoots {

    /** A location this long or longer is refused (a path, not a document). */
    public static final int MAX_LOCATION = 2048;

    private static final Pattern SCHEME = Pattern.compile("^([A-Za-z][A-Za-z0-9+.-]*):");
    private static final Pattern TABLE_PART = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,127}");
    private static final Pattern GLOB = Pattern.compile("[*?\\[\\]{}\\\\]");

    private final List<Path> local;
    private final List<String> remote;
    private final List<String> namespaces;

    private ReferenceRoots(List<Path> local, List<String> remote, List<String> namespaces) {
        this.local = List.copyOf(local);
        this.remote = List.copyOf(remote);
        this.namespaces = List.copyOf(namespaces);
    }

    /**
     * The roots and namespaces as configured.
     *
     * @throws IllegalStateException for a root that is neither an absolute path nor a URI with a path (a
     *                               configuration error, said at once rather than read as "nothing allowed")
     */
    public static ReferenceRoots of(Optional<String> roots, Optional<String> tableNamespaces) {
        List<Path> local = new ArrayList<>();
        List<String> remote = new ArrayList<>();
        for (String root : split(roots)) {
            Optional<Path> path = localPath(root);
            if (path.isPresent()) {
                local.add(real(path.get()));
            } else if (SCHEME.matcher(root).find() && root.contains("://") && !hasDotDot(root)) {
                remote.add(root.endsWith("/") ? root : root + "/");
            } else {
                throw new IllegalStateException("ASSAY_REFERENCE_ROOTS: '" + root + "' is neither an absolute directory nor a URI such as s3a://bucket/prefix/");
            }
        }
        List<String> namespaces = split(tableNamespaces);
        namespaces.forEach(n -> {
            if (!Arrays.stream(n.split("\\.", -1)).allMatch(p -> TABLE_PART.matcher(p).matches()) || n.split("\\.").length > 2) {
                throw new IllegalStateException("ASSAY_REFERENCE_TABLES: '" + n + "' is not a namespace (lake, or catalog.lake)");
            }
        });
        return new ReferenceRoots(local, remote, namespaces);
    }

    private static List<String> split(Optional<String> list) {
        return list.map(s -> Arrays.stream(s.split(",")).map(String::strip).filter(x -> !x.isEmpty()).toList()).orElse(List.of());
    }

    /** Why {@code location} may not be read; empty when it lies inside a root. */
    public Optional<String> locationProblem(String location) {
        if (location.isBlank()) {
            return Optional.of("is empty");
        }
        if (location.length() >= MAX_LOCATION) {
            return Optional.of("is longer than " + MAX_LOCATION + " characters");
        }
        if (location.chars().anyMatch(Character::isISOControl)) {
            return Optional.of("contains a control character");
        }
        if (hasDotDot(location)) {
            return Optional.of("contains '..'; name the location itself");
        }
        if (local.isEmpty() && remote.isEmpty()) {
            return Optional.of("cannot be read: no reference roots are configured (ASSAY_REFERENCE_ROOTS), so Assay reads no location");
        }
        Optional<Path> path = localPath(location);
        if (path.isPresent()) {
            return insideLocal(fixedPrefix(path.get())) ? Optional.empty() : Optional.of(outside(location));
        }
        if (!SCHEME.matcher(location).find()) {
            return Optional.of("must be an absolute path or a URI (file:/..., s3a://...)");
        }
        return insideRemote(location) ? Optional.empty() : Optional.of(outside(location));
    }

    private static String outside(String location) {
        return "'" + location + "' is not inside a root Assay may read references from (ASSAY_REFERENCE_ROOTS)";
    }

    /** Whether a file the cluster listed for a reference lies inside a root (symbolic links resolved for local files). */
    public boolean holds(String fileUri) {
        if (hasDotDot(fileUri)) {
            return false;
        }
        if (fileUri.startsWith("file:")) {
            try {
                return insideLocal(Path.of(URI.create(fileUri)).toRealPath());
            } catch (IOException | IllegalArgumentException e) {
                return false;
            }
        }
        return insideRemote(fileUri);
    }

    /** Why {@code table} may not be registered; empty when it is a well-formed name in an allowed namespace. */
    public Optional<String> tableProblem(String table) {
        List<String> parts = Arrays.asList(table.split("\\.", -1));
        if (parts.size() < 2 || parts.size() > 3 || !parts.stream().allMatch(p -> TABLE_PART.matcher(p).matches())) {
            return Optional.of("'" + abbreviate(table) + "' is not a table name: namespace.table or catalog.namespace.table, each part"
                    + " letters, digits and underscores (at most 128), starting with a letter or underscore");
        }
        if (namespaces.isEmpty()) {
            return Optional.of("cannot be read: no table namespaces are configured (ASSAY_REFERENCE_TABLES), so Assay reads no table");
        }
        String namespace = String.join(".", parts.subList(0, parts.size() - 1));
        return namespaces.contains(namespace) ? Optional.empty()
                : Optional.of("table '" + table + "' is not in a namespace Assay may read (ASSAY_REFERENCE_TABLES)");
    }

    /** A valid table name's parts (catalog, namespace, table), for the dialect to quote one by one. */
    public static List<String> tableParts(String table) {
        return List.of(table.split("\\."));
    }

    private boolean insideLocal(Path real) {
        return local.stream().anyMatch(real::startsWith);
    }

    private boolean insideRemote(String uri) {
        return remote.stream().anyMatch(r -> uri.startsWith(r) || uri.equals(r.substring(0, r.length() - 1)));
    }

    /** An absolute path of this machine, written as a path or a {@code file:} URI; empty for any other URI. */
    private static Optional<Path> localPath(String s) {
        if (s.startsWith("/")) {
            return Optional.of(Path.of(s).normalize());
        }
        if (s.startsWith("file:")) {
            // Not URI.create: a glob's characters are not legal in a URI. file:/x and file:///x are local;
            // file://host/x is another machine's, a URI like any other.
            String rest = s.substring("file:".length());
            if (rest.startsWith("///")) {
                rest = rest.substring(2);
            } else if (rest.startsWith("//")) {
                return Optional.empty();
            }
            return rest.startsWith("/") ? Optional.of(Path.of(rest).normalize()) : Optional.empty();
        }
        return Optional.empty();
    }

    /**
     * The part of a local location before its first glob character, with symbolic links resolved as far as
     * it exists: what must lie inside a root (Spark's globs never match across '/', and every listed file is
     * checked again by {@link #holds}).
     */
    private static Path fixedPrefix(Path location) {
        Path fixed = location.getRoot();
        for (Path part : location) {
            if (GLOB.matcher(part.toString()).find()) {
                break;
            }
            fixed = fixed.resolve(part);
        }
        return real(fixed);
    }

    /** The real path of the deepest existing ancestor, with the rest appended; the path itself when nothing exists. */
    private static Path real(Path path) {
        Path existing = path;
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing == null) {
            return path;
        }
        try {
            return existing.toRealPath().resolve(existing.relativize(path)).normalize();
        } catch (IOException e) {
            return path;
        }
    }

    private static boolean hasDotDot(String s) {
        return Arrays.asList(s.split("[/\\\\]", -1)).contains("..");
    }

    private static String abbreviate(String s) {
        return s.length() <= 80 ? s : s.substring(0, 77) + "...";
    }
}
