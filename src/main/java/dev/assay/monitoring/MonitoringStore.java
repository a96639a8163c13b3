package dev.assay.monitoring;

import dev.assay.infrastructure.Scratch;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Where production batches live, under {@code <data dir>/monitoring/<deployment>}: predictions in
 * {@code predictions/<window start, epoch ms>/<batch key>.parquet} (one file per batch per window, never
 * rewritten), labels in {@code labels/<batch key>.parquet}. Names are made by Assay (a UUID, a number, a
 * SHA-256), never taken from a request.
 */
public final class MonitoringStore {

    private static final Pattern DEPLOYMENT = Pattern.compile("[0-9a-f-]{36}");
    private static final Pattern KEY = Pattern.compile("[0-9a-f]{64}");

    private final Path root;

    public MonitoringStore(Path dataDir) {
        this.root = dataDir.resolve("monitoring");
    }

    public Path predictions(String deploymentId, long windowStartMillis, String batchKey) {
        return deployment(deploymentId).resolve("predictions").resolve(Long.toString(windowStartMillis))
                .resolve(key(batchKey) + ".parquet");
    }

    public Path labels(String deploymentId, String batchKey) {
        return deployment(deploymentId).resolve("labels").resolve(key(batchKey) + ".parquet");
    }

    private Path deployment(String id) {
        if (!DEPLOYMENT.matcher(id).matches()) {
            throw new IllegalArgumentException("not a deployment id: " + id);
        }
        return root.resolve(id);
    }

    private static String key(String batchKey) {
        if (!KEY.matcher(batchKey).matches()) {
            throw new IllegalArgumentException("not a batch key: " + batchKey);
        }
        return batchKey;
    }

    /** Moves a staged file into its place (replacing what an interrupted post of the same batch left). */
    public static void place(Path staged, Path target) throws IOException {
        Files.createDirectories(target.getParent());
        try {
            Files.move(staged, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(staged, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /**
     * Removes every batch file no committed batch names ({@code committed}: their keys): what a post
     * interrupted between placing its files and committing its row left. Returns the files removed.
     */
    public List<Path> removeOrphans(Set<String> committed) throws IOException {
        return removeOrphans(committed, Instant.MAX, java.util.Map.of());
    }

    /**
     * The same, for the files {@link Scratch#leftover} calls leftovers only: last modified before {@code modifiedBefore}
     * (with servers sharing the data directory, a younger file may be a batch another server is writing now, whose row
     * is not committed yet), or this server's own placements that a stop interrupted ({@code unfinished}).
     */
    public List<Path> removeOrphans(Set<String> committed, Instant modifiedBefore, java.util.Map<Path, Instant> unfinished)
            throws IOException {
        List<Path> removed = new ArrayList<>();
        if (!Files.isDirectory(root)) {
            return removed;
        }
        try (Stream<Path> files = Files.walk(root)) {
            for (Path f : files.filter(p -> p.getFileName().toString().endsWith(".parquet")).toList()) {
                String name = f.getFileName().toString();
                String key = name.substring(0, name.length() - ".parquet".length());
                if (!committed.contains(key) && Scratch.leftover(f, modifiedBefore, unfinished)) {
                    Files.deleteIfExists(f);
                    removed.add(f);
                }
            }
        }
        return removed;
    }
}
