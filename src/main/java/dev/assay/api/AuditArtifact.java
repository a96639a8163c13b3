package dev.assay.api;

import dev.assay.audit.AuditResult;
import dev.assay.report.Ll144Summary;
import dev.assay.report.Ll144SummaryHtml;
import dev.assay.report.ReportCsv;
import dev.assay.report.ReportDocument;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

import java.nio.charset.StandardCharsets;
import java.util.function.Function;

/**
 * The signed artefacts of a finished audit as downloads: their media types, file names and bytes.
 * The API serves them to bearer tokens and the portal to signed-in browsers, both from here.
 */
public enum AuditArtifact {
    REPORT_JSON("application/json", "assay-report-%s.json", r -> r.reportJson().getBytes(StandardCharsets.UTF_8)),
    REPORT_JWS("application/jose", "assay-report-%s.jws", r -> r.reportJws().getBytes(StandardCharsets.US_ASCII)),
    /** Rendered after the result is committed: its bytes come from {@code ReportPdfs}, see {@link #download(AuditResult, byte[])}. */
    REPORT_PDF("application/pdf", "assay-report-%s.pdf", null),
    ATTESTATION("application/vnd.dsse.envelope.v1+json", "assay-attestation-%s.dsse.json",
            r -> r.attestation().getBytes(StandardCharsets.UTF_8)),
    /** The NYC LL144 bias-audit summary (report/Ll144Summary) as a standalone page to publish, from the signed report. */
    LL144_SUMMARY_HTML("text/html; charset=utf-8", "assay-ll144-summary-%s.html", r -> Ll144SummaryHtml.render(
            Ll144Summary.of(ReportDocument.parse(r.reportJson()), r.reportSha256())).getBytes(StandardCharsets.UTF_8)),
    /** The NYC LL144 bias-audit summary (report/Ll144Summary), PAdES-signed: its bytes are rendered on request. */
    LL144_SUMMARY_PDF("application/pdf", "assay-ll144-summary-%s.pdf", null),
    /** The signed report's findings as CSV ({@link ReportCsv}): what was signed, for a spreadsheet. */
    FINDINGS_CSV("text/csv; charset=utf-8", "assay-findings-%s.csv",
            r -> ReportCsv.findings(r.reportJson()).getBytes(StandardCharsets.UTF_8)),
    /** The signed report's metric values as CSV ({@link ReportCsv}). */
    METRICS_CSV("text/csv; charset=utf-8", "assay-metrics-%s.csv",
            r -> ReportCsv.metrics(r.reportJson()).getBytes(StandardCharsets.UTF_8));

    private final String mediaType;
    private final String fileName;
    private final Function<AuditResult, byte[]> bytes;

    AuditArtifact(String mediaType, String fileName, Function<AuditResult, byte[]> bytes) {
        this.mediaType = mediaType;
        this.fileName = fileName;
        this.bytes = bytes;
    }

    /** The artefact as a file named for what it is; the JSON carries its digest too. */
    public Response download(AuditResult result) {
        if (bytes == null) {
            throw new IllegalStateException(this + " is not held by the result: pass its bytes");
        }
        return download(result, bytes.apply(result));
    }

    /** The artefact {@code body} of {@code result} as a file named for what it is. */
    public Response download(AuditResult result, byte[] body) {
        Response.ResponseBuilder r = Response.ok(body, mediaType)
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + fileName.formatted(result.auditId()) + "\"");
        if (this == REPORT_JSON) {
            r.header("Digest", "sha-256=" + result.reportSha256());
        }
        return r.build();
    }
}
