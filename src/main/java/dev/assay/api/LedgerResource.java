package dev.assay.api;

import dev.assay.ledger.Ledger;
import dev.assay.ledger.LedgerExport;
import dev.assay.security.Permission;
import dev.assay.security.Requires;
import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** The hash-chained audit trail: page through it, or have it recomputed. */
@Path("api/v1")
@Produces(MediaType.APPLICATION_JSON)
public class LedgerResource {

    @Inject
    Ledger ledger;

    /** Entries after {@code after} (a sequence number), at most {@code limit} (1-1000). */
    @GET
    @Path("ledger")
    @Requires(Permission.READ_LEDGER)
    public LedgerPageView page(@QueryParam("after") @DefaultValue("0") long after,
                               @QueryParam("limit") @DefaultValue("100") int limit) {
        if (limit < 1 || limit > 1000 || after < 0) {
            throw Problem.badRequest("'after' must be 0 or more and 'limit' 1 to 1000");
        }
        List<LedgerPageView.Entry> entries = ledger.page(after, limit).stream().map(LedgerPageView.Entry::of).toList();
        long last = entries.isEmpty() ? after : entries.get(entries.size() - 1).seq();
        return new LedgerPageView(entries, last == after ? null : "/api/v1/ledger?after=" + last + "&limit=" + limit);
    }

    @GET
    @Path("ledger/verify")
    @Requires(Permission.READ_LEDGER)
    public LedgerVerificationView verify() {
        return LedgerVerificationView.of(ledger.verify());
    }

    /** The whole chain as JSON Lines, for keeping and for checking offline with {@code LedgerExport}. */
    @GET
    @Path("ledger/export")
    @Produces("application/jsonl")
    @Requires(Permission.READ_LEDGER)
    public Response export() {
        StreamingOutput body = out -> {
            Writer w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
            try {
                ledger.forEach(e -> {
                    try {
                        w.write(LedgerExport.line(e));
                        w.write('\n');
                    } catch (IOException x) {
                        throw new UncheckedIOException(x);
                    }
                });
            } catch (UncheckedIOException x) {
                throw x.getCause();
            }
            w.flush();
        };
        return Response.ok(body, "application/jsonl")
                .header("Content-Disposition", "attachment; filename=\"assay-ledger.jsonl\"").build();
    }
}
