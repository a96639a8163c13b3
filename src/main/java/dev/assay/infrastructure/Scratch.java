package dev.assay.infrastructure;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.logging.Logger;
import java.util.stream.Stream;

/**
 * The scratch area of the data directory ({@code <data dir>/tmp}), one directory per server name: what an upload
 * spools, stages and writes before it is stored, and a note of every file this server is placing outside scratch
 * until its row has committed ({@link #placing}).
 *
 * <p>Why per server: servers sharing the data directory write there at once, so a starting server may remove another
 * server's files only once they are too old to be in use ({@link AssayConfig#SETTLED}), but its own at once: no live
 * server has its name (names are unique among live servers), and it is starting, so none of its work is under way.
 * A crash's leftovers are gone after the restart, not an hour later; and a file it was placing into a store (a
 * dataset's Parquet, a production batch) whose row never committed is known by its note and removed at once too.
 */
public final class Scratch {

    private static final Logger LOG = Logger.getLogger(Scratch.class.getName());
    private static final String NOTE = ".placing";

    private final Path root;
    private final Path own;

    /** The scratch area of {@code dataDir} as the server named {@code serverName} uses it. */
    public Scratch(Path dataDir, String serverName) {
        this.root = dataDir.resolve("tmp");
        this.own = root.resolve(directoryName(serverName));
    }

    /**
     * A file-name-safe, collision-free form of a server name (which may hold a host name, a colon and a port): its
     * safe characters, then 8 hex digits of its SHA-256, so names that differ only in unsafe characters differ here.
     */
    static String directoryName(String serverName) {
        String safe = serverName.replaceAll("[^A-Za-z0-9._-]", "_");
        return "server-" + (safe.length() > 60 ? safe.substring(0, 60) : safe) + "-"
                + Hashing.sha256Hex(serverName.getBytes(StandardCharsets.UTF_8)).substring(0, 8);
    }

    /** The scratch area of every server: {@code <data dir>/tmp}. */
    public Path root() {
        return root;
    }

    /** This server's directory in it. */
    public Path own() {
        return own;
    }

    /** A fresh path in this server's scratch directory (on the stores' file system, so a move into them is atomic). */
    public Path path(String suffix) {
        try {
            Files.createDirectories(own);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return own.resolve(UUID.randomUUID() + suffix);
    }

    /**
     * Notes that this server is about to place {@code targets} outside scratch, before their row commits; closing
     * the note (after the commit, or after removing the files of a failed one) forgets it. A note still there when
     * the server starts names files whose row may never have committed: {@link #unfinishedPlacements}.
     */
    public Placing placing(List<Path> targets) {
        Path note = path(NOTE);
        StringBuilder lines = new StringBuilder();
        targets.forEach(t -> lines.append(t.toAbsolutePath()).append('\n'));
        try {
            Files.writeString(note, lines, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Placing(note);
    }

    /** A note of files being placed; {@link #close} forgets it. */
    public record Placing(Path note) implements AutoCloseable {
        @Override
        public void close() {
            try {
                Files.deleteIfExists(note);
            } catch (IOException e) {
                // Left for the next start, which checks the files it names against their rows: nothing is lost.
                LOG.warning("cannot remove the placement note " + note + ": " + e.getMessage());
            }
        }
    }

    /**
     * The files this server was placing when it stopped (each note's files, with the time the note was written):
     * read on start, before {@link #sweep} removes the notes. A file named here whose row is not in the database was
     * placed by a write that never committed, unless it was changed after the note (another server found it in use).
     */
    public Map<Path, Instant> unfinishedPlacements() {
        Map<Path, Instant> files = new LinkedHashMap<>();
        if (!Files.isDirectory(own)) {
            return files;
        }
        try (Stream<Path> notes = Files.list(own)) {
            for (Path note : notes.filter(p -> p.getFileName().toString().endsWith(NOTE)).toList()) {
                Instant written = Files.getLastModifiedTime(note).toInstant();
                for (String line : Files.readAllLines(note, StandardCharsets.UTF_8)) {
                    if (!line.isBlank()) {
                        files.put(Path.of(line.strip()), written);
                    }
                }
            }
        } catch (IOException e) {
            LOG.warning("cannot read the placement notes in " + own + ": " + e.getMessage());
        }
        return files;
    }

    /**
     * Whether a file of a store that no row names is a leftover a starting server removes: last modified before
     * {@code settled} (no server can still be writing it), or one of this server's {@code unfinished} placements
     * ({@link #unfinishedPlacements}) not changed since its note (a later change means another server found it in use).
     * The one rule of the dataset store and the production batch store.
     */
    public static boolean leftover(Path file, Instant settled, Map<Path, Instant> unfinished) throws IOException {
        Instant modified = Files.getLastModifiedTime(file).toInstant();
        Instant noted = unfinished.get(file.toAbsolutePath());
        return modified.isBefore(settled) || noted != null && !modified.isAfter(noted);
    }

    /**
     * Removes this server's scratch files, all of them (call on start only, after {@link #unfinishedPlacements}), and
     * other servers' files last modified before {@code settled}. Returns how many files were removed.
     */
    public int sweep(Instant settled) {
        int removed = 0;
        if (!Files.isDirectory(root)) {
            return removed;
        }
        try (Stream<Path> all = Files.walk(root)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                if (p.equals(root) || p.equals(own)) {
                    continue;
                }
                try {
                    if (Files.isDirectory(p)) {
                        // Emptied by the files below it (walked first), or still holding younger files: then it stays.
                        try (Stream<Path> left = Files.list(p)) {
                            if (left.findAny().isEmpty() && (p.startsWith(own)
                                    || Files.getLastModifiedTime(p).toInstant().isBefore(settled))) {
                                Files.delete(p);
                            }
                        }
                    } else if (p.startsWith(own) || Files.getLastModifiedTime(p).toInstant().isBefore(settled)) {
                        Files.delete(p);
                        removed++;
                    }
                } catch (IOException e) {
                    LOG.warning("cannot remove scratch file " + p + ": " + e.getMessage());
                }
            }
        } catch (IOException | UncheckedIOException e) {
            LOG.warning("cannot sweep " + root + ": " + e.getMessage());
        }
        return removed;
    }
}
