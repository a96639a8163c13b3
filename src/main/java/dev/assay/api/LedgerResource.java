package dev.assay.api;

import dev.assay.ledger.Ledger;
import dev.assay.ledger.LedgerChain;
import dev.assay.ledger.LedgerEntry;
import dev.assay.ledger.LedgerExport;
import dev.assay.security.Permission;
import dev.assay.security.Requires;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
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
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;

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
    public JsonObject page(@QueryParam("after") @DefaultValue("0") long after, @QueryParam("limit") @DefaultValue("100") int limit) {
        if (limit < 1 || limit > 1000 || after < 0) {
            throw Problem.badRequest("'after' must be 0 or more and 'limit' 1 to 1000");
        }
        JsonArrayBuilder entries = Json.createArrayBuilder();
        long last = after;
        for (LedgerEntry e : ledger.page(after, limit)) {
            entries.add(Json.createObjectBuilder()
                    .add("seq", e.seq()).add("kind", e.kind()).add("subject", e.subject()).add("actor", e.actor())
                    .add("at", e.recordedAt().toString())
                    .add("payload", Json.createReader(new StringReader(e.payload())).readValue())
                    .add("prev", e.prevHash()).add("hash", e.hash()));
            last = e.seq();
        }
        return Json.createObjectBuilder().add("entries", entries)
                .add("next", last == after ? JsonValue.NULL : Json.createValue("/api/v1/ledger?after=" + last + "&limit=" + limit))
                .build();
    }

    @GET
    @Path("ledger/verify")
    @Requires(Permission.READ_LEDGER)
    public JsonObject verify() {
        LedgerChain.Verification v = ledger.verify();
        return Json.createObjectBuilder().add("valid", v.valid()).add("entries", v.entries())
                .add("firstBad", v.firstBadSeq() == null ? JsonValue.NULL : Json.createValue(v.firstBadSeq()))
                .add("reason", v.reason()).build();
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
