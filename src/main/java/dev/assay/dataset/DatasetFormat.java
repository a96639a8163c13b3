package dev.assay.dataset;

import java.util.Locale;
import java.util.Optional;

/** The upload formats Assay reads, by their media types. */
public enum DatasetFormat {
    CSV("text/csv"),
    JSON_LINES("application/x-ndjson"),
    PARQUET("application/vnd.apache.parquet");

    private final String mediaType;

    DatasetFormat(String mediaType) {
        this.mediaType = mediaType;
    }

    public String mediaType() {
        return mediaType;
    }

    /**
     * The line of the upload that holds row {@code row} (0-based, as DuckDB's file_row_number counts):
     * after the header in CSV, from the first line in JSON Lines; null for Parquet, which has no lines
     * (say "row" instead). A CSV field that spans lines shifts later lines; CsvStructureCheck counts
     * physical lines and so reports those exactly.
     */
    public Long lineOf(long row) {
        return switch (this) {
            case CSV -> row + 2;
            case JSON_LINES -> row + 1;
            case PARQUET -> null;
        };
    }

    /** Also accepts the common aliases application/jsonl, application/json-lines and application/x-parquet. */
    public static Optional<DatasetFormat> fromMediaType(String contentType) {
        if (contentType == null) {
            return Optional.empty();
        }
        String base = contentType.split(";")[0].trim().toLowerCase(Locale.ROOT);
        return switch (base) {
            case "text/csv", "application/csv" -> Optional.of(CSV);
            case "application/x-ndjson", "application/jsonl", "application/json-lines", "application/x-jsonlines" ->
                    Optional.of(JSON_LINES);
            case "application/vnd.apache.parquet", "application/x-parquet", "application/parquet" -> Optional.of(PARQUET);
            default -> Optional.empty();
        };
    }

    /** From a file name, for multipart parts sent as application/octet-stream. */
    public static Optional<DatasetFormat> fromFileName(String name) {
        if (name == null) {
            return Optional.empty();
        }
        String n = name.toLowerCase(Locale.ROOT);
        if (n.endsWith(".csv")) {
            return Optional.of(CSV);
        }
        if (n.endsWith(".jsonl") || n.endsWith(".ndjson")) {
            return Optional.of(JSON_LINES);
        }
        if (n.endsWith(".parquet")) {
            return Optional.of(PARQUET);
        }
        return Optional.empty();
    }
}
