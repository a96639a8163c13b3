package dev.assay.portal;

import dev.assay.report.ReportService;
import dev.assay.report.ReportSigner;
import dev.assay.security.Permission;
import dev.assay.security.Requires;
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
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * Anyone (signed in or not) drops a report PDF, or a report JSON with its JWS, and sees whether
 * it is authentic and why not. Nothing is stored.
 */
@Path("portal/verify")
public class VerifyPages {

    private static final int MAX_BYTES = 64 * 1024 * 1024;

    @Inject
    ReportService reports;

    @Inject
    Templates templates;

    @Context
    HttpServletRequest request;

    public record Result(boolean valid, String reason, String keyId, String signedAt, String what) {
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
            pdf = part(parts, "pdf");
            json = part(parts, "report");
            jws = part(parts, "signature");
        } catch (TooLarge e) {
            m.put("problem", "The file '" + e.getMessage() + "' is larger than " + (MAX_BYTES >> 20) + " MB; no report is that large.");
            return Page.html(413, templates.render("verify", m));
        }
        ReportSigner.Verification v;
        String what;
        if (pdf != null && pdf.length > 0) {
            v = reports.verifyPdf(pdf);
            what = "PDF report";
        } else if (json != null && json.length > 0 && jws != null && jws.length > 0) {
            v = reports.verify(json, new String(jws, StandardCharsets.US_ASCII).strip());
            what = "JSON report with its JWS";
        } else {
            m.put("problem", "Choose a PDF report, or a JSON report together with its .jws signature.");
            return Page.html(400, templates.render("verify", m));
        }
        m.put("result", new Result(v.valid(), v.reason(), v.keyId(), v.signedAt() == null ? null : v.signedAt().toString(), what));
        return Page.html(200, templates.render("verify", m));
    }

    private static final class TooLarge extends RuntimeException {
        TooLarge(String part) {
            super(part, null, false, false);
        }
    }

    private static byte[] part(List<EntityPart> parts, String name) throws IOException {
        for (EntityPart p : parts) {
            if (p.getName().equals(name)) {
                try (InputStream in = p.getContent()) {
                    byte[] bytes = in.readNBytes(MAX_BYTES + 1);
                    if (bytes.length > MAX_BYTES) {
                        throw new TooLarge(name);
                    }
                    return bytes;
                }
            }
        }
        return null;
    }
}
