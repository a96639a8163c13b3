package dev.assay.dataset;

/**
 * The uploaded file cannot be read as the format it claims: where (line and column when known)
 * and why. Plain Java, so the ingest code runs without the server.
 */
public class IngestException extends Exception {

    private final Long line;
    private final Long column;

    public IngestException(String message, Long line, Long column) {
        super(message);
        this.line = line;
        this.column = column;
    }

    public Long line() {
        return line;
    }

    public Long column() {
        return column;
    }
}
