package dev.assay.dataset;

import dev.assay.infrastructure.Hashing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.HexFormat;

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

    public static Spooled write(InputStream in, Path file, long maxBytes, CsvStructureCheck csv) throws IOException {
        MessageDigest sha = Hashing.sha256Digest();
        byte[] buf = new byte[1 << 16];
        long size = 0;
        try (OutputStream out = Files.newOutputStream(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            int n;
            while ((n = in.read(buf)) > 0) {
                size += n;
                if (size > maxBytes) {
                    throw new TooLarge(maxBytes);
                }
                sha.update(buf, 0, n);
                if (csv != null) {
                    csv.update(buf, 0, n);
                }
                out.write(buf, 0, n);
            }
        }
        return new Spooled(file, HexFormat.of().formatHex(sha.digest()), size);
    }
}
