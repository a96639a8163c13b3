package dev.assay.dataset;

import dev.assay.infrastructure.Scratch;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The content-addressed store of Parquet files under {@code <data dir>/datasets}: one file per
 * SHA-256, written once (to a temporary name, then moved atomically), never changed.
 */
public final class DatasetStore {

    private static final Pattern STORED = Pattern.compile("[0-9a-f]{64}\\.parquet");

    private final Path root;
    private final Scratch scratch;

    /** The store of {@code dataDir}, with the scratch area of the server that writes through it. */
    public DatasetStore(Path dataDir, Scratch scratch) {
        this.root = dataDir.resolve("datasets");
        this.scratch = scratch;
    }

    /** The store of {@code dataDir} for one server alone (tools and tests). */
    public DatasetStore(Path dataDir) {
        this(dataDir, new Scratch(dataDir, "local"));
    }

    public void init() throws IOException {
        Files.createDirectories(root);
        Files.createDirectories(scratch.root());
    }

    /** The scratch area this store's uploads are written in first. */
    public Scratch scratchArea() {
        return scratch;
    }

    public Path parquetFor(String sha256) {
        if (!sha256.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException("not a SHA-256: " + sha256);
        }
        return root.resolve(sha256.substring(0, 2)).resolve(sha256 + ".parquet");
    }

    public boolean contains(String sha256) {
        return Files.exists(parquetFor(sha256));
    }

    /** A fresh path in the store's scratch area, on the same file system as the store. */
    public Path scratch(String suffix) {
        return scratch.path(suffix);
    }

    /**
     * Marks a stored file as in use now (its modification time), when an upload finds its content stored already and
     * is about to record a row naming it: a sweep on another server's start removes no file changed within
     * {@link dev.assay.infrastructure.AssayConfig#SETTLED}, and none changed after the note of a placement it undoes.
     */
    public void touch(String sha256) throws IOException {
        Files.setLastModifiedTime(parquetFor(sha256), FileTime.from(Instant.now()));
    }

    /**
     * Removes the stored files no recorded dataset names ({@code recorded}: their SHA-256): what an upload left that
     * stopped between placing its file and committing its row. A file goes when it was last modified before
     * {@code settled} (another server may be recording a younger one now), or when it is one of {@code unfinished}
     * (this server's own placements that never finished, with the time each was noted) and unchanged since its note.
     * Returns the files removed.
     */
    public List<Path> removeOrphans(Set<String> recorded, Instant settled, Map<Path, Instant> unfinished) throws IOException {
        List<Path> removed = new ArrayList<>();
        if (!Files.isDirectory(root)) {
            return removed;
        }
        try (Stream<Path> files = Files.walk(root)) {
            for (Path f : files.filter(p -> STORED.matcher(p.getFileName().toString()).matches()).toList()) {
                String name = f.getFileName().toString();
                if (recorded.contains(name.substring(0, 64))) {
                    continue;
                }
                if (Scratch.leftover(f, settled, unfinished)) {
                    Files.deleteIfExists(f);
                    removed.add(f);
                }
            }
        }
        return removed;
    }

    /** Moves a finished Parquet file into place. Returns false when the content was already stored. */
    public boolean publish(Path finished, String sha256) throws IOException {
        Path target = parquetFor(sha256);
        Files.createDirectories(target.getParent());
        try {
            try {
                Files.move(finished, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(finished, target);
            }
            return true;
        } catch (FileAlreadyExistsException e) {
            Files.deleteIfExists(finished);
            return false;
        }
    }

    public void remove(String sha256) throws IOException {
        Files.deleteIfExists(parquetFor(sha256));
    }

    public boolean isWritable() {
        return Files.isDirectory(root) && Files.isWritable(root) && Files.isWritable(scratch.root());
    }
}
