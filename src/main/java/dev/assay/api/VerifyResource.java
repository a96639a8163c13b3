package dev.assay.api;

import dev.assay.failure.FieldError;
import dev.assay.report.ReportService;
import dev.assay.security.Permission;
import dev.assay.security.Requires;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.EntityPart;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/** Verification needs no account: anyone holding a report may check it. */
@Path("api/v1")
public class VerifyResource {

    /** Reports are small; a bound keeps an anonymous endpoint from being used to fill memory. */
    /** No report, signature or PDF is larger; a bigger part is refused with 413. */
    public static final int MAX_PART_BYTES = 64 << 20;

    @Inject
    ReportService reports;

    /** Multipart with field {@code report} (the canonical JSON) and {@code signature} (the detached JWS). */
    @POST
    @Path("verify")
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @Produces(MediaType.APPLICATION_JSON)
    @Requires(Permission.ANYONE)
    public VerificationView verify(List<EntityPart> parts) throws IOException {
        byte[] report = part(parts, "report").orElseThrow(() -> missing("report"));
        byte[] signature = part(parts, "signature").orElseThrow(() -> missing("signature"));
        return VerificationView.of(reports.verify(report, new String(signature, StandardCharsets.US_ASCII)));
    }

    /** A DSSE envelope (the audit's attestation), as JSON. */
    @POST
    @Path("verify")
    @Consumes({MediaType.APPLICATION_JSON, "application/vnd.dsse.envelope.v1+json"})
    @Produces(MediaType.APPLICATION_JSON)
    @Requires(Permission.ANYONE)
    public VerificationView verifyAttestation(String envelope) {
        if (envelope == null || envelope.length() > MAX_PART_BYTES) {
            throw Problem.badRequest("Send a DSSE envelope of at most " + MAX_PART_BYTES + " bytes");
        }
        return VerificationView.of(reports.verifyAttestation(envelope));
    }

    @POST
    @Path("verify")
    @Consumes("application/pdf")
    @Produces(MediaType.APPLICATION_JSON)
    @Requires(Permission.ANYONE)
    public VerificationView verifyPdf(InputStream body) throws IOException {
        byte[] pdf = body.readNBytes(MAX_PART_BYTES + 1);
        if (pdf.length > MAX_PART_BYTES) {
            throw Problem.tooLarge("A report PDF is at most " + MAX_PART_BYTES + " bytes");
        }
        return VerificationView.of(reports.verifyPdf(pdf));
    }

    /** The bytes of one named part, if present; a part over {@link #MAX_PART_BYTES} is a 413 problem. */
    public static Optional<byte[]> part(List<EntityPart> parts, String name) throws IOException {
        for (EntityPart p : parts) {
            if (p.getName().equals(name)) {
                try (InputStream in = p.getContent()) {
                    byte[] bytes = in.readNBytes(MAX_PART_BYTES + 1);
                    if (bytes.length > MAX_PART_BYTES) {
                        throw Problem.tooLarge("The part '" + name + "' is larger than " + MAX_PART_BYTES + " bytes");
                    }
                    return Optional.of(bytes);
                }
            }
        }
        return Optional.empty();
    }

    private static Problem missing(String field) {
        return Problem.invalid("The multipart body lacks the field '" + field + "'",
                List.of(FieldError.at("/" + field, "is required")));
    }
}
