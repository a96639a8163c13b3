package dev.assay.api;

import dev.assay.ledger.LedgerEntry;
import jakarta.json.Json;
import jakarta.json.JsonValue;
import jakarta.json.bind.annotation.JsonbNillable;
import jakarta.json.bind.annotation.JsonbPropertyOrder;

import java.io.StringReader;
import java.time.Instant;
import java.util.List;

/** A page of the ledger; {@code next} is the next page's path, {@code null} on the last page. */
@JsonbPropertyOrder({"entries", "next"})
public record LedgerPageView(List<Entry> entries, @JsonbNillable String next) {

    public LedgerPageView {
        entries = List.copyOf(entries);
    }

    /** One entry; its payload is the stored document, embedded as it was hashed. */
    @JsonbPropertyOrder({"seq", "kind", "subject", "actor", "at", "payload", "prev", "hash"})
    public record Entry(long seq, String kind, String subject, String actor, Instant at, JsonValue payload, String prev,
                        String hash) {

        static Entry of(LedgerEntry e) {
            return new Entry(e.seq(), e.kind(), e.subject(), e.actor(), e.recordedAt(),
                    Json.createReader(new StringReader(e.payload())).readValue(), e.prevHash(), e.hash());
        }
    }
}
