package dev.assay.audit;

import dev.assay.infrastructure.FaultPoints;
import dev.assay.failure.Conflict;
import dev.assay.infrastructure.BackgroundWork;
import dev.assay.infrastructure.Clocks;
import dev.assay.report.ReportDocument;
import dev.assay.report.ReportService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Clock;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The PDF of a finished audit, rendered after the transaction that ends the run rather than inside it:
 * the decision, the signed JSON, its JWS, the attestation and the ledger entry are committed (and a
 * waiting client answered) without waiting 30-45 ms for the PDF. The PDF is rendered from the stored
 * signed JSON, so it can be made at any later time with the same content: by the audit's job right after
 * the commit, by the first download that finds none (it waits for a rendering under way on this server
 * instead of starting a second), and on start for results a stop left without one. Each PDF is inserted
 * once and never changed; when two servers render the same audit, the first insert is the PDF.
 *
 * <p>The PAdES signature is made with the signing key current when the PDF is rendered (normally the key
 * that signed the JWS a few milliseconds before; after a rotation in between, the newer key: the PDF's
 * signature names its own certificate, the page text names the JSON's key).
 */
@ApplicationScoped
public class ReportPdfs {

    private static final Logger LOG = Logger.getLogger(ReportPdfs.class.getName());

    @Inject
    BackgroundWork background;

    @Inject
    AuditRepository audits;

    @Inject
    ReportService reports;

    Clock clock = Clocks.UTC_MICROS;

    /** Renderings under way on this server, by audit id. */
    private final ConcurrentMap<String, CompletableFuture<byte[]>> rendering = new ConcurrentHashMap<>();

    /** The PDF of a finished audit: the stored one, or rendered and stored now. */
    public byte[] of(AuditResult result) {
        return audits.pdf(result.auditId()).orElseGet(() -> render(result));
    }

    /** Renders and stores the PDF of a result just committed (called on the audit's own thread). */
    void renderCommitted(AuditResult result) {
        try {
            render(result);
        } catch (RuntimeException e) {
            // The result stands without it: the first download renders it again, and reports the failure.
            LOG.log(Level.WARNING, "The PDF of audit " + result.auditId() + " could not be rendered now", e);
        }
    }

    /** Queues the PDFs of finished audits that have none (a stop came between a result and its PDF). */
    public void renderMissing() {
        background.submit(() -> {
            for (String id : audits.withoutPdf()) {
                audits.result(id).ifPresent(this::renderCommitted);
            }
        });
    }

    private byte[] render(AuditResult result) {
        CompletableFuture<byte[]> mine = new CompletableFuture<>();
        CompletableFuture<byte[]> underWay = rendering.putIfAbsent(result.auditId(), mine);
        if (underWay != null) {
            try {
                return underWay.join();
            } catch (CompletionException e) {
                throw e.getCause() instanceof RuntimeException r ? r : e;
            }
        }
        try {
            byte[] pdf = audits.pdf(result.auditId()).orElseGet(() -> store(result, rendered(result)));
            FaultPoints.at("audit.pdf-stored");
            mine.complete(pdf);
            return pdf;
        } catch (RuntimeException e) {
            mine.completeExceptionally(e);
            throw e;
        } finally {
            rendering.remove(result.auditId(), mine);
        }
    }

    private byte[] rendered(AuditResult result) {
        ReportDocument document;
        try {
            document = ReportDocument.parse(result.reportJson());
        } catch (RuntimeException e) {
            throw new Conflict("Audit " + result.auditId() + " has a report this version cannot render as a PDF: " + e.getMessage());
        }
        return reports.pdf(new ReportService.SignedReport(result.reportJson(), result.reportSha256(), result.reportJws(),
                result.keyId()), document, result.createdAt());
    }

    /** Inserts the PDF; when another server inserted one first, that one is the audit's PDF. */
    private byte[] store(AuditResult result, byte[] pdf) {
        try {
            audits.addPdf(new ReportPdf(result.auditId(), pdf, clock.instant()));
            return pdf;
        } catch (RuntimeException e) {
            return audits.pdf(result.auditId()).orElseThrow(() -> e);
        }
    }
}
