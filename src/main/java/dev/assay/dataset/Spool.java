package dev.assay.dataset;

import dev.assay.infrastructure.Background;
import dev.assay.infrastructure.Hashing;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * Streams an upload to a temporary file in fixed-size chunks, computing its SHA-256 and size (and,
 * for CSV, checking its structure) on the way: memory stays flat whatever the size.
 */
public final class Spool {

    /** The spooled file and what was learned while writing it. */
    public record Spooled(Path file, String sha256, long size) {
    }

    /** The upload went past the configured maximum size. */
    public static final class TooLarge extends IOException {
        public TooLarge(long limit) {
            super("the upload exceeds the maximum size of " + limit + " bytes");
        }
    }

    private Spool() {
    }

    private static final int CHUNK = 1 << 16;
    private static final int CHUNKS_IN_FLIGHT = 8;

    /**
     * Writes {@code in} to {@code file}. With a CSV check, the check runs on a second thread over the
     * same chunks while this one hashes and writes, so checking costs no extra wall time on two cores.
     */
    public static Spooled write(InputStream in, Path file, long maxBytes, CsvStructureCheck csv) throws IOException {
        if (csv == null) {
            return copy(in, file, maxBytes, null);
        }
        BlockingQueue<byte[]> free = new ArrayBlockingQueue<>(CHUNKS_IN_FLIGHT);
        BlockingQueue<Chunk> full = new ArrayBlockingQueue<>(CHUNKS_IN_FLIGHT);
        for (int i = 0; i < CHUNKS_IN_FLIGHT; i++) {
            free.add(new byte[CHUNK]);
        }
        Thread checker = new Thread(() -> {
            // Bulk work, as the thread that spools (an ingest's background thread): see Background.
            Background.lowerCurrentThread();
            try {
                for (Chunk c = full.take(); c.length >= 0; c = full.take()) {
                    csv.update(c.bytes, 0, c.length);
                    free.put(c.bytes);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "assay-csv-check");
        checker.setDaemon(true);
        checker.start();
        try {
            return copy(in, file, maxBytes, (bytes, length) -> {
                byte[] copy = free.take();
                System.arraycopy(bytes, 0, copy, 0, length);
                full.put(new Chunk(copy, length));
            });
        } finally {
            try {
                full.put(new Chunk(null, -1));
                checker.join();
            } catch (InterruptedException e) {
                checker.interrupt();
                Thread.currentThread().interrupt();
            }
        }
    }

    private record Chunk(byte[] bytes, int length) {
    }

    @FunctionalInterface
    private interface ChunkSink {
        void accept(byte[] bytes, int length) throws InterruptedException;
    }

    private static Spooled copy(InputStream in, Path file, long maxBytes, ChunkSink sink) throws IOException {
        MessageDigest sha = Hashing.sha256Digest();
        byte[] buf = new byte[CHUNK];
        long size = 0;
        try (OutputStream out = Files.newOutputStream(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            int n;
            while ((n = in.readNBytes(buf, 0, buf.length)) > 0) {
                size += n;
                if (size > maxBytes) {
                    throw new TooLarge(maxBytes);
                }
                if (sink != null) {
                    try {
                        sink.accept(buf, n);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new InterruptedIOException("upload interrupted");
                    }
                }
                sha.update(buf, 0, n);
                out.write(buf, 0, n);
            }
        }
        return new Spooled(file, HexFormat.of().formatHex(sha.digest()), size);
    }
}
