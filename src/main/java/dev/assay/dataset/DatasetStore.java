package dev.assay.dataset;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.UUID;

/**
 * The content-addressed store of Parquet files under {@code <data dir>/datasets}: one file per
 * SHA-256, written once (to a temporary name, then moved atomically), never changed.
 */
public final class DatasetStore {

    private final Path root;
    private final Path tmp;

    public DatasetStore(Path dataDir) {
        this.root = dataDir.resolve("datasets");
        this.tmp = dataDir.resolve("tmp");
    }

    public void init() throws IOException {
        Files.createDirectories(root);
        Files.createDirectories(tmp);
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
        return tmp.resolve(UUID.randomUUID() + suffix);
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
        return Files.isDirectory(root) && Files.isWritable(root) && Files.isWritable(tmp);
    }
}
