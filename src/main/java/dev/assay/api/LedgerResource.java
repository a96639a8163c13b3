package dev.assay.api;

import dev.assay.ledger.Ledger;
import dev.assay.ledger.LedgerExport;
import dev.assay.ledger.LedgerFilter;
import dev.assay.security.Permission;
import dev.assay.security.Requires;
import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
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

    /**
     * Entries after {@code after} (a sequence number), at most {@code limit} (1-1000), in chain order, filtered by
     * {@code kind} (a kind, or a family such as {@code waiver}), {@code subject}, {@code actor}, {@code from} and
     * {@code to} (days or instants, both included; see {@link LedgerFilter}). With {@code Accept: text/csv}: every entry
     * the filters select after {@code after}, in chain order, as CSV ({@link LedgerDownload}); {@code limit} pages JSON only.
     */
    @GET
    @Path("ledger")
    @Produces({MediaType.APPLICATION_JSON, LedgerDownload.MEDIA_TYPE})
    @Requires(Permission.READ_LEDGER)
    public Response page(@QueryParam("after") @DefaultValue("0") long after,
                         @QueryParam("limit") @DefaultValue("100") int limit,
                         @QueryParam("kind") String kind, @QueryParam("subject") String subject, @QueryParam("actor") String actor,
                         @QueryParam("from") String from, @QueryParam("to") String to, @Context HttpHeaders headers) {
        if (limit < 1 || limit > 1000 || after < 0) {
            throw Problem.badRequest("'after' must be 0 or more and 'limit' 1 to 1000");
        }
        LedgerFilter filter = LedgerFilter.parse(kind, subject, actor, from, to);
        if (wantsCsv(headers)) {
            return LedgerDownload.csv(ledger, filter, after, false);
        }
        List<LedgerPageView.Entry> entries = ledger.page(filter, after, limit).stream().map(LedgerPageView.Entry::of).toList();
        long last = entries.isEmpty() ? after : entries.get(entries.size() - 1).seq();
        String query = filter.query();
        return Response.ok(new LedgerPageView(entries, last == after ? null
                : "/api/v1/ledger?" + (query.isEmpty() ? "" : query + "&") + "after=" + last + "&limit=" + limit), MediaType.APPLICATION_JSON)
                .build();
    }

    /** CSV only when the client prefers it to JSON: a client that accepts anything keeps the JSON it always had. */
    private static boolean wantsCsv(HttpHeaders headers) {
        for (MediaType t : headers.getAcceptableMediaTypes()) {
            if (t.isCompatible(MediaType.APPLICATION_JSON_TYPE)) {
                return false;
            }
            if (t.isCompatible(MediaType.valueOf("text/csv"))) {
                return true;
            }
        }
        return false;
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
