package dev.assay.dataset;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What pins a dataset that lives where it is (issue 18 §2, a Parquet location the cluster reads): every
 * file of it with its size, modification time and rows, as the cluster lists them, and the SHA-256 of
 * the files' Parquet footers (their schema, row groups and column statistics) when Assay can read them
 * itself ({@code file:} locations: this machine or a mounted share). An audit of the reference re-pins it
 * first and refuses to report when anything changed ({@link #changesSince}); nothing is silently re-read.
 *
 * @param files         sorted by path, each once
 * @param footersSha256 hex SHA-256 over each file's path and footer bytes, in path order; empty when the
 *                      files are not on a file system Assay reads (an object store seen by the cluster alone)
 */
public record ReferencePin(String location, List<File> files, Optional<String> footersSha256) {

    /**
     * At most this many files pin one reference: the pin is stored with the dataset and answered with it, and a
     * location of more files is better registered by a narrower glob or as several datasets.
     */
    public static final int MAX_FILES = 100_000;

    /** One data file: its URI as the cluster names it, size in bytes, modification time (epoch ms) and rows. */
    public record File(String path, long size, long modified, long rows) {
    }

    public ReferencePin {
        files = files.stream().sorted(Comparator.comparing(File::path)).toList();
    }

    /** The pin of {@code files}, with their footers' hash when every file is a local {@code file:} path. */
    public static ReferencePin of(String location, List<File> files) {
        ReferencePin unhashed = new ReferencePin(location, files, Optional.empty());
        return new ReferencePin(location, unhashed.files(), footersSha256(unhashed.files()));
    }

    public long rows() {
        return files.stream().mapToLong(File::rows).sum();
    }

    /** The files' bytes, as far as known (a file listed without rows has size -1: unknown, counted as 0). */
    public long bytes() {
        return files.stream().mapToLong(f -> Math.max(0, f.size())).sum();
    }

    /**
     * What changed between this pin (as registered) and {@code now}: each file added, removed, resized,
     * rewritten or re-counted, and footers that differ; empty when the content is the one pinned.
     */
    public List<String> changesSince(ReferencePin now) {
        List<String> changes = new ArrayList<>();
        Map<String, File> before = new LinkedHashMap<>();
        files.forEach(f -> before.put(f.path(), f));
        for (File f : now.files()) {
            File was = before.remove(f.path());
            if (was == null) {
                changes.add("file " + f.path() + " was added");
            } else if (!was.equals(f)) {
                changes.add("file " + f.path() + " changed (" + was.size() + " -> " + f.size() + " bytes, " + was.rows() + " -> "
                        + f.rows() + " rows, modified " + java.time.Instant.ofEpochMilli(was.modified()) + " -> "
                        + java.time.Instant.ofEpochMilli(f.modified()) + ")");
            }
        }
        before.keySet().forEach(p -> changes.add("file " + p + " was removed"));
        if (changes.isEmpty() && footersSha256.isPresent() && !footersSha256.equals(now.footersSha256())) {
            changes.add("the files' Parquet footers differ (SHA-256 " + footersSha256.get() + " -> "
                    + now.footersSha256().orElse("unreadable") + ")");
        }
        return changes;
    }

    public JsonObject toJson() {
        JsonArrayBuilder list = Json.createArrayBuilder();
        files.forEach(f -> list.add(Json.createObjectBuilder().add("path", f.path()).add("size", f.size())
                .add("modified", f.modified()).add("rows", f.rows())));
        var b = Json.createObjectBuilder().add("location", location).add("files", list).add("rows", rows()).add("bytes", bytes());
        footersSha256.ifPresent(h -> b.add("footersSha256", h));
        return b.build();
    }

    public static ReferencePin fromJson(JsonObject o) {
        List<File> files = o.getJsonArray("files").getValuesAs(JsonObject.class).stream()
                .map(f -> new File(f.getString("path"), f.getJsonNumber("size").longValue(), f.getJsonNumber("modified").longValue(),
                        f.getJsonNumber("rows").longValue()))
                .toList();
        return new ReferencePin(o.getString("location"), files, Optional.ofNullable(o.getString("footersSha256", null)));
    }

    /** The hash of the footers, or empty when some file is not a {@code file:} path Assay can read. */
    private static Optional<String> footersSha256(List<File> files) {
        if (files.isEmpty() || !files.stream().allMatch(f -> f.path().startsWith("file:"))) {
            return Optional.empty();
        }
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        for (File f : files) {
            sha.update(f.path().getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0);
            sha.update(footer(Path.of(URI.create(f.path()))));
        }
        return Optional.of(HexFormat.of().formatHex(sha.digest()));
    }

    /**
     * A Parquet file's footer: its last 8 bytes are the footer's length (4 bytes, little-endian) and the
     * magic {@code PAR1}; the footer precedes them. Bounded: a footer claimed larger than the file is refused.
     */
    static byte[] footer(Path file) {
        try (FileChannel c = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = c.size();
            ByteBuffer tail = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
            if (size < 12 || c.read(tail, size - 8) != 8) {
                throw new IllegalStateException(file + " is not a Parquet file (too short)");
            }
            int length = tail.getInt(0);
            if (!"PAR1".equals(new String(tail.array(), 4, 4, StandardCharsets.US_ASCII)) || length <= 0 || length > size - 12) {
                throw new IllegalStateException(file + " is not a Parquet file (no footer)");
            }
            ByteBuffer footer = ByteBuffer.allocate(length);
            c.read(footer, size - 8 - length);
            return footer.array();
        } catch (IOException e) {
            throw new UncheckedIOException("reading the Parquet footer of " + file, e);
        }
    }
}
