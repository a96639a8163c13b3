package dev.assay.api;

import dev.assay.report.ReportSigner;
import jakarta.json.bind.annotation.JsonbNillable;
import jakarta.json.bind.annotation.JsonbPropertyOrder;

import java.time.Instant;

/**
 * {@code POST /api/v1/verify} (API.md): {@code keyId} and {@code signedAt} are {@code null} when the
 * signature could not be read far enough to know them.
 */
@JsonbPropertyOrder({"valid", "keyId", "signedAt", "reason"})
public record VerificationView(boolean valid, @JsonbNillable String keyId, @JsonbNillable Instant signedAt,
                               String reason) {

    static VerificationView of(ReportSigner.Verification v) {
        return new VerificationView(v.valid(), v.keyId(), v.signedAt(), v.reason());
    }
}
