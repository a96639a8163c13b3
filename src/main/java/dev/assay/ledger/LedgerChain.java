package dev.assay.ledger;

import dev.assay.infrastructure.CanonicalJson;
import jakarta.json.Json;

import java.time.Instant;
import java.util.Iterator;

/**
 * The hash chain, as plain functions: the hash of an entry is the SHA-256 of the canonical JSON
 * (RFC 8785) of {seq, kind, subject, actor, at, payload, prev}; the first entry's prev is 64 zeros.
 * Verification recomputes every hash and link, and needs nothing but the entries (an export will do).
 */
public final class LedgerChain {

    public static final String GENESIS = "0".repeat(64);

    private LedgerChain() {
    }

    public static String hash(long seq, String kind, String subject, String actor, Instant at, String payload, String prev) {
        return CanonicalJson.sha256(Json.createObjectBuilder()
                .add("seq", seq).add("kind", kind).add("subject", subject).add("actor", actor)
                .add("at", at.toString()).add("payload", payload).add("prev", prev).build());
    }

    /** The outcome of a verification: the entries checked and, when broken, the first bad one and why. */
    public record Verification(boolean valid, long entries, Long firstBadSeq, String reason) {
    }

    public static Verification verify(Iterator<LedgerEntry> entries) {
        String prev = GENESIS;
        long expectedSeq = 1;
        long count = 0;
        while (entries.hasNext()) {
            LedgerEntry e = entries.next();
            count++;
            if (e.seq() != expectedSeq) {
                return new Verification(false, count, e.seq(), "entry " + expectedSeq + " is missing (found " + e.seq() + " next)");
            }
            if (!e.prevHash().equals(prev)) {
                return new Verification(false, count, e.seq(), "entry " + e.seq() + " does not link to the entry before it");
            }
            String recomputed = hash(e.seq(), e.kind(), e.subject(), e.actor(), e.recordedAt(), e.payload(), e.prevHash());
            if (!recomputed.equals(e.hash())) {
                return new Verification(false, count, e.seq(), "entry " + e.seq() + " was changed after it was written");
            }
            prev = e.hash();
            expectedSeq++;
        }
        return new Verification(true, count, null, count == 0 ? "the ledger is empty" : "every entry and link checks out");
    }
}
