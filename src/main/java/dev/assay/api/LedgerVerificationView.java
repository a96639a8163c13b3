package dev.assay.api;

import dev.assay.ledger.LedgerChain;
import jakarta.json.bind.annotation.JsonbNillable;
import jakarta.json.bind.annotation.JsonbPropertyOrder;

/** {@code GET /api/v1/ledger/verify}; {@code firstBad} is {@code null} for an intact chain. */
@JsonbPropertyOrder({"valid", "entries", "firstBad", "reason"})
public record LedgerVerificationView(boolean valid, long entries, @JsonbNillable Long firstBad, String reason) {

    static LedgerVerificationView of(LedgerChain.Verification v) {
        return new LedgerVerificationView(v.valid(), v.entries(), v.firstBadSeq(), v.reason());
    }
}
