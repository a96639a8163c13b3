package dev.assay.ledger;

import dev.assay.infrastructure.SpreadsheetCsv;

import java.io.Writer;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

/**
 * Ledger entries as CSV for spreadsheets ({@link SpreadsheetCsv}: RFC 4180, text that would run as a formula
 * neutralised): one row per entry with its number, time, kind, subject, actor, payload (the canonical JSON that was
 * hashed), previous hash and hash, so a row can still be matched against the chain. Streamed: rows go to the writer
 * as they come, so an export of the whole ledger holds no more than one entry.
 */
public final class LedgerCsv implements Consumer<LedgerEntry>, AutoCloseable {

    public static final List<String> HEADER = List.of("seq", "at", "kind", "subject", "actor", "payload", "prev", "hash");

    private final SpreadsheetCsv csv;

    private LedgerCsv(Writer out) {
        this.csv = SpreadsheetCsv.to(out, HEADER);
    }

    /** A CSV written to {@code out}, its header written already; {@link #close()} flushes it (the writer stays open). */
    public static LedgerCsv to(Writer out) {
        return new LedgerCsv(out);
    }

    @Override
    public void accept(LedgerEntry e) {
        csv.row(row(e));
    }

    /** One entry's cells: every text cell made safe (a subject or actor can be anything a client named). */
    static List<Object> row(LedgerEntry e) {
        return Arrays.asList(e.seq(), e.recordedAt().toString(), SpreadsheetCsv.text(e.kind()), SpreadsheetCsv.text(e.subject()),
                SpreadsheetCsv.text(e.actor()), SpreadsheetCsv.text(e.payload()), e.prevHash(), e.hash());
    }

    @Override
    public void close() {
        csv.close();
    }
}
