package dev.assay.dataset;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Checks the structure of a CSV file as its bytes stream past, before DuckDB types it: UTF-8
 * validity, balanced quotes, the same number of fields on every record as in the header, a
 * bounded field size, at most {@link ParquetIngest#MAX_COLUMNS} columns, and no NUL byte (DuckDB
 * reads one as part of the text, and no text format of a table means one). DuckDB's own sniffer
 * guesses a different dialect for some broken files (a
 * ragged file can read as one column, or as nothing), so structure is decided here, precisely and
 * with a line and field number, and DuckDB is then told the dialect.
 *
 * <p>Records are RFC 4180: fields separated by the delimiter, optionally quoted with {@code "},
 * quotes escaped by doubling, records ended by LF, CRLF or a lone CR. A UTF-8 byte order mark is
 * skipped. Line numbers are physical lines (a quoted field may span several).
 */
public final class CsvStructureCheck {

    /** Where and why a file is not well-formed CSV. Column is the 1-based field number. */
    public record Violation(long line, long field, String message) {
    }

    public static final int DEFAULT_MAX_FIELD_BYTES = 1 << 20;
    private static final byte QUOTE = '"';
    private static final byte[] CANDIDATE_DELIMITERS = {',', ';', '\t', '|'};

    private final int maxFieldBytes;
    private final Byte declaredDelimiter;

    private byte delimiter;
    private boolean delimiterKnown;
    private final ByteBuilder headerLine = new ByteBuilder();

    // Parser state
    private long line = 1;
    private long records;
    private long field = 1;
    private long fieldBytes;
    private long headerFields = -1;
    private boolean inQuotes;
    private boolean quoteSeenInQuotes;
    private boolean fieldStarted;
    private boolean afterCr;
    /** Line endings met outside quotes: LF alone, CR (alone or before LF), CRLF. */
    private long lfs;
    private long crs;
    private long crlfs;
    private int utf8Pending;
    private boolean started;
    private Violation violation;
    private final List<String> header = new ArrayList<>();
    private final ByteBuilder currentHeaderField = new ByteBuilder();

    public CsvStructureCheck(int maxFieldBytes, Character declaredDelimiter) {
        this.maxFieldBytes = maxFieldBytes;
        this.declaredDelimiter = declaredDelimiter == null ? null : (byte) declaredDelimiter.charValue();
        if (this.declaredDelimiter != null) {
            delimiter = this.declaredDelimiter;
            delimiterKnown = true;
        }
    }

    public CsvStructureCheck() {
        this(DEFAULT_MAX_FIELD_BYTES, null);
    }

    /** Feeds the next bytes of the file. Stops looking once a violation is found. */
    public void update(byte[] buf, int off, int len) {
        if (violation != null) {
            return;
        }
        if (started) {
            scan(buf, off, len);
            return;
        }
        // Until the first line break, collect the bytes: the header line decides the delimiter.
        for (int i = off; i < off + len; i++) {
            byte b = buf[i];
            if (b == '\n' || b == '\r' || headerLine.length() > maxFieldBytes) {
                start();
                scan(buf, i, off + len - i);
                return;
            }
            headerLine.append(b);
        }
    }

    private void start() {
        started = true;
        byte[] head = headerLine.toArray();
        int from = head.length >= 3 && (head[0] & 0xFF) == 0xEF && (head[1] & 0xFF) == 0xBB
                && (head[2] & 0xFF) == 0xBF ? 3 : 0;
        if (!delimiterKnown) {
            chooseDelimiter(head, from);
        }
        scan(head, from, head.length - from);
    }

    private void chooseDelimiter(byte[] head, int from) {
        byte best = ',';
        int bestCount = 0;
        for (byte candidate : CANDIDATE_DELIMITERS) {
            int count = 0;
            boolean quoted = false;
            for (int i = from; i < head.length; i++) {
                byte b = head[i];
                if (b == QUOTE) {
                    quoted = !quoted;
                } else if (b == candidate && !quoted) {
                    count++;
                }
            }
            if (count > bestCount) {
                best = candidate;
                bestCount = count;
            }
        }
        delimiter = best;
        delimiterKnown = true;
    }

    private void scan(byte[] buf, int off, int len) {
        int end = off + len;
        for (int i = off; i < end && violation == null; i++) {
            byte b = buf[i];
            if (utf8Pending > 0) {
                if ((b & 0xC0) != 0x80) {
                    fail("invalid UTF-8 byte sequence; the file must be UTF-8 encoded");
                    return;
                }
                utf8Pending--;
                appendHeaderByte(b);
                fieldBytes++;
                continue;
            }
            if (b < 0) {
                int lead = b & 0xFF;
                if (lead >= 0xC2 && lead <= 0xDF) {
                    utf8Pending = 1;
                } else if (lead >= 0xE0 && lead <= 0xEF) {
                    utf8Pending = 2;
                } else if (lead >= 0xF0 && lead <= 0xF4) {
                    utf8Pending = 3;
                } else {
                    fail("invalid UTF-8 byte 0x" + Integer.toHexString(lead) + "; the file must be UTF-8 encoded");
                    return;
                }
                afterCr = false;
                fieldStarted = true;
                appendHeaderByte(b);
                countFieldByte();
                continue;
            }
            if (b == 0) {
                fail("a NUL byte (0x00); a CSV file holds text, and no text holds NUL");
                return;
            }
            if (inQuotes) {
                if (b == QUOTE) {
                    inQuotes = false;
                    quoteSeenInQuotes = true;
                } else {
                    if (b == '\n') {
                        line++;
                    }
                    appendHeaderByte(b);
                    countFieldByte();
                }
                continue;
            }
            if (b == QUOTE) {
                if (quoteSeenInQuotes) {
                    // "" inside a quoted field: an escaped quote
                    inQuotes = true;
                    quoteSeenInQuotes = false;
                    appendHeaderByte(b);
                    countFieldByte();
                } else if (!fieldStarted) {
                    inQuotes = true;
                    fieldStarted = true;
                } else {
                    fail("a quote inside an unquoted field; quote the whole field and double inner quotes");
                    return;
                }
                afterCr = false;
                continue;
            }
            if (b == '\n' && afterCr) {
                afterCr = false;
                crlfs++;
                continue;
            }
            afterCr = false;
            if (b == delimiter) {
                endField();
                if (++field > ParquetIngest.MAX_COLUMNS && headerFields < 0) {
                    fail("the header has more than " + ParquetIngest.MAX_COLUMNS + " columns; at most "
                            + ParquetIngest.MAX_COLUMNS + " are allowed");
                    return;
                }
                continue;
            }
            if (b == '\n' || b == '\r') {
                afterCr = b == '\r';
                if (b == '\n') {
                    lfs++;
                } else {
                    crs++;
                }
                endRecord();
                line++;
                continue;
            }
            if (quoteSeenInQuotes) {
                fail("characters after the closing quote of a field");
                return;
            }
            fieldStarted = true;
            appendHeaderByte(b);
            countFieldByte();
        }
    }

    private void countFieldByte() {
        if (++fieldBytes > maxFieldBytes) {
            fail("a field longer than " + maxFieldBytes + " bytes");
        }
    }

    private void appendHeaderByte(byte b) {
        if (headerFields < 0) {
            currentHeaderField.append(b);
        }
    }

    private void endField() {
        if (headerFields < 0) {
            header.add(currentHeaderField.toUtf8().trim());
            currentHeaderField.clear();
        }
        fieldBytes = 0;
        fieldStarted = false;
        quoteSeenInQuotes = false;
    }

    private void endRecord() {
        boolean blankLine = field == 1 && !fieldStarted && !quoteSeenInQuotes && fieldBytes == 0;
        if (blankLine && headerFields >= 0) {
            // Blank lines between records carry nothing; DuckDB skips them too.
            return;
        }
        endField();
        if (headerFields < 0) {
            headerFields = field;
        } else if (field != headerFields) {
            fail("this record has " + field + " field(s) but the header has " + headerFields, field);
            return;
        } else {
            records++;
        }
        field = 1;
    }

    private void fail(String message) {
        fail(message, field);
    }

    private void fail(String message, long atField) {
        if (violation == null) {
            violation = new Violation(line, atField, message);
        }
    }

    /** Call at end of input: completes a last record without a final line break. */
    public Optional<Violation> finish() {
        if (violation == null && !started) {
            start();
        }
        if (violation == null) {
            if (inQuotes) {
                fail("the file ends inside a quoted field (a quote is not closed)");
            } else if (field > 1 || fieldStarted || quoteSeenInQuotes) {
                endRecord();
            }
        }
        if (violation == null && headerFields < 0) {
            violation = new Violation(1, 1, "the file is empty; a header row and at least one record are required");
        }
        if (violation == null && records == 0) {
            violation = new Violation(line, 1, "the file has a header but no records");
        }
        return Optional.ofNullable(violation);
    }

    /**
     * Whether lines end in more than one way (LF, CRLF, a lone CR) outside quoted fields: DuckDB's
     * strict dialect refuses such a file, so it is then read without it (the structure is checked here).
     */
    public boolean mixedLineEndings() {
        int kinds = (lfs > 0 ? 1 : 0) + (crlfs > 0 ? 1 : 0) + (crs > crlfs ? 1 : 0);
        return kinds > 1;
    }

    public char delimiter() {
        return (char) delimiter;
    }

    public List<String> header() {
        return List.copyOf(header);
    }

    public long records() {
        return records;
    }

    /** A growable byte array, to keep the hot loop free of boxing. */
    private static final class ByteBuilder {
        private byte[] bytes = new byte[256];
        private int size;

        void append(byte b) {
            if (size == bytes.length) {
                bytes = Arrays.copyOf(bytes, size * 2);
            }
            bytes[size++] = b;
        }

        int length() {
            return size;
        }

        byte[] toArray() {
            return Arrays.copyOf(bytes, size);
        }

        String toUtf8() {
            return new String(bytes, 0, size, StandardCharsets.UTF_8);
        }

        void clear() {
            size = 0;
        }
    }
}
