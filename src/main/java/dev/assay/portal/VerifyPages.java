package dev.assay.portal;

import dev.assay.api.Problem;
import dev.assay.api.VerifyResource;
import dev.assay.report.ReportService;
import dev.assay.report.ReportSigner;
import dev.assay.security.Permission;
import dev.assay.security.Requires;
import dev.assay.report.ReportDocument;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.EntityPart;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Anyone (signed in or not) drops a report PDF, or a report JSON with its JWS, and sees whether
 * it is authentic and why not. Nothing is stored.
 */
@Path("portal/verify")
public class VerifyPages {

    @Inject
    ReportService reports;

    @Inject
    Templates templates;

    @Context
    HttpServletRequest request;

    /**
     * The verdict; {@code report} names what a valid signature vouches for (model, version, audit, decision), read
     * from the signed JSON (a PDF carries it attached); null when the signature does not hold.
     */
    public record Result(boolean valid, String reason, String keyId, String signedAt, String what, Named report) {
    }

    /** The report a valid signature vouches for. */
    public record Named(String model, String version, String audit, String decision, String completedAt) {
        static Optional<Named> of(byte[] json) {
            try {
                ReportDocument r = ReportDocument.parse(new String(json, StandardCharsets.UTF_8));
                return Optional.of(new Named(r.model().name(), r.model().version(), r.audit().id(),
                        r.decision() == null ? null : r.decision().name(),
                        r.audit().completedAt() == null ? null : r.audit().completedAt().toString()));
            } catch (RuntimeException notAReport) {
                return Optional.empty();
            }
        }
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    @Requires(Permission.ANYONE)
    public String form() {
        return templates.render("verify", Page.model("Verify a report", request));
    }

    @POST
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @Produces(MediaType.TEXT_HTML)
    @Requires(Permission.ANYONE)
    public Response verify(List<EntityPart> parts) throws IOException {
        Map<String, Object> m = Page.model("Verify a report", request);
        byte[] pdf;
        byte[] json;
        byte[] jws;
        try {
            pdf = VerifyResource.part(parts, "pdf").orElse(null);
            json = VerifyResource.part(parts, "report").orElse(null);
            jws = VerifyResource.part(parts, "signature").orElse(null);
        } catch (Problem tooLarge) {
            m.put("problem", tooLarge.getMessage());
            return Page.html(tooLarge.status(), templates.render("verify", m));
        }
        ReportSigner.Verification v;
        String what;
        if (pdf != null && pdf.length > 0) {
            v = reports.verifyPdf(pdf);
            what = "PDF report";
        } else if (json != null && json.length > 0 && jws != null && jws.length > 0) {
            v = reports.verify(json, new String(jws, StandardCharsets.US_ASCII));
            what = "JSON report with its JWS";
        } else {
            m.put("problem", "Choose a PDF report, or a JSON report together with its .jws signature.");
            return Page.html(400, templates.render("verify", m));
        }
        // Named only when the signature holds: a forged document's claims are not repeated as if they were checked.
        byte[] signed = pdf != null && pdf.length > 0 ? reports.reportIn(pdf).orElse(null) : json;
        Named named = v.valid() && signed != null ? Named.of(signed).orElse(null) : null;
        m.put("result", new Result(v.valid(), v.reason(), v.keyId(), v.signedAt() == null ? null : v.signedAt().toString(), what,
                named));
        return Page.html(200, templates.render("verify", m));
    }
}
