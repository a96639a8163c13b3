package dev.assay.api;

import dev.assay.ledger.Ledger;
import dev.assay.ledger.LedgerCsv;
import dev.assay.ledger.LedgerFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;

import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;

/**
 * The ledger entries a filter selects as a CSV download ({@link LedgerCsv}), streamed from the database in one
 * transaction so memory stays flat however long the ledger is. The API's listing ({@code Accept: text/csv}) and the
 * portal's ledger page ({@code /portal/ledger/export.csv}) both answer with this.
 */
public final class LedgerDownload {

    public static final String MEDIA_TYPE = "text/csv; charset=utf-8";

    private LedgerDownload() {
    }

    /** The entries {@code filter} selects numbered after {@code after}, newest or oldest first, as an attachment. */
    public static Response csv(Ledger ledger, LedgerFilter filter, long after, boolean newestFirst) {
        StreamingOutput body = out -> {
            Writer w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
            try (LedgerCsv csv = LedgerCsv.to(w)) {
                ledger.forEach(filter, after, newestFirst, csv);
            }
            w.flush();
        };
        return Response.ok(body, MEDIA_TYPE)
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"assay-ledger.csv\"").build();
    }
}
