package dev.assay.infrastructure;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.List;

/**
 * CSV for spreadsheets, the one way Assay writes it (report findings and metric values, the ledger, the compare
 * table): RFC 4180 (comma, double quotes, CRLF) through Apache Commons CSV, one header row. Text that a spreadsheet
 * would run as a formula (a cell beginning with {@code =}, {@code +}, {@code -}, {@code @}, a tab or a carriage
 * return: a group or model named {@code =HYPERLINK(...)}) is neutralised with a leading apostrophe, as OWASP's "CSV
 * Injection" advises. Callers pass text through {@link #text(String)} and numbers as they are, so a negative number
 * is never altered.
 */
public final class SpreadsheetCsv implements AutoCloseable {

    private static final CSVFormat FORMAT = CSVFormat.RFC4180.builder().get();

    private final CSVPrinter printer;

    private SpreadsheetCsv(Writer out, List<String> header) {
        try {
            printer = new CSVPrinter(out, FORMAT);
            printer.printRecord(header.stream().map(SpreadsheetCsv::text).toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A CSV written to {@code out} (streamed: nothing is held), its header row written already. */
    public static SpreadsheetCsv to(Writer out, List<String> header) {
        return new SpreadsheetCsv(out, header);
    }

    /** A whole CSV as text: the header, then each row (cells already made safe with {@link #text}, numbers as they are). */
    public static String of(List<String> header, Iterable<? extends List<?>> rows) {
        StringWriter out = new StringWriter();
        try (SpreadsheetCsv csv = to(out, header)) {
            for (List<?> row : rows) {
                csv.row(row);
            }
        }
        return out.toString();
    }

    /** One record; a null cell is an empty one. */
    public void row(List<?> cells) {
        try {
            printer.printRecord(cells);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes what is buffered to the underlying writer (a streamed download flushes at its end). */
    @Override
    public void close() {
        try {
            printer.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static final java.util.regex.Pattern DECIMAL = java.util.regex.Pattern.compile("[+-]?\\d+(\\.\\d+)?");

    /**
     * A cell of a table a page shows as text, numbers included ("0.4643", "+0.0125", "absent"): a plain decimal number
     * stays a number a spreadsheet can compute with (nothing but digits, a sign and a point runs no formula), any other
     * text is made safe by {@link #text(String)}.
     */
    public static String cell(String shown) {
        return shown != null && DECIMAL.matcher(shown).matches() ? shown : text(shown);
    }

    /**
     * A text cell a spreadsheet will show as text: prefixed with an apostrophe when it begins with a character that
     * starts a formula (OWASP: {@code = + - @}, tab, carriage return); null stays null (an empty cell).
     */
    public static String text(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        char first = text.charAt(0);
        return first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r' ? "'" + text : text;
    }
}
