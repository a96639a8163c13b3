package dev.assay.report;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.interactive.digitalsignature.PDSignature;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PadesTest {

    @TempDir
    Path dir;

    static final String REPORT = """
            {"audit":{"id":"a-1","completedAt":"2026-11-27T10:00:00Z","requestedAt":"2026-11-27T09:59:59Z","requestedBy":"ci"},
             "assay":{"version":"test"},
             "dataset":{"id":"d-1","sha256":"%s","rows":100,"role":"evaluation"},
             "decision":"FAIL","reasons":["four-fifths-impact-ratio"],
             "findings":[{"rule":"four-fifths-impact-ratio","scope":"sex","group":"F","value":0.6,"threshold":0.8,"comparator":">=","policy":"eeoc-four-fifths",
                          "outcome":"fail"},
                         {"rule":"four-fifths-impact-ratio","scope":"race","group":"Zoë*李","value":null,"threshold":0.8,"comparator":">=","policy":"eeoc-four-fifths",
                          "outcome":"undefined","undefined":"insufficient data: 12 rows"},
                         {"rule":"four-fifths-impact-ratio","scope":"sex*race","group":"F*A","value":0.7,"threshold":0.8,"comparator":">=","policy":"eeoc-four-fifths",
                          "outcome":"fail"},
                         {"rule":"four-fifths-impact-ratio","scope":"sex*race","group":"M*A","value":1,"threshold":0.8,"comparator":">=","policy":"eeoc-four-fifths",
                          "outcome":"pass"}],
             "waivers":[{"id":"w-1","rule":"four-fifths-impact-ratio","status":"approved","requestedBy":"olive",
                         "requestedAt":"2026-11-20T10:00:00Z","expiresAt":"2026-12-20T10:00:00Z",
                         "justification":"The sample over-represents one branch; a re-sample is scheduled for December and will replace it.",
                         "decision":{"outcome":"approved","by":"ada","at":"2026-11-21T10:00:00Z","comment":"Until the re-sample."}}],
             "model":{"name":"hiring","version":"1.0.0","cardSha256":"%s"},
             "policies":[{"id":"eeoc-four-fifths","version":"1.0.0","sha256":"%s","rules":[{"id":"four-fifths-impact-ratio","metric":"impact_ratio",
                          "description":"Each group's selection rate is at least four-fifths of the highest group's rate.",
                          "comparator":">=","threshold":0.8,"upper":null,"significance":{"maxAdjustedP":0.05},
                          "cites":[{"regulation":"Uniform Guidelines","article":"29 CFR 1607.4(D)","url":null}]}]}],
             "approvedVersion":{"audit":"a-0","version":"0.9.0"},
             "metrics":[{"metric":"accuracy_change_from_approved","scope":null,"group":null,"value":-0.05,"ci":null,"n":120,
                         "reference":"version 0.9.0","test":{"name":"McNemar mid-p test","statistic":2.25,"p":0.0963,"pAdjusted":0.0963},
                         "comparison":{"design":"paired","why":"both versions were evaluated on the same rows: 120 ids occur once in each dataset",
                                       "now":0.9,"n":120,"before":0.95,"approvedN":120,"improved":5,"worsened":11,
                                       "pairing":{"rows":122,"withoutId":0,"duplicated":2,"unmatched":0,"conflicting":0,"pairs":120,
                                                  "approvedRows":121,"approvedWithoutId":1,"approvedDuplicated":0,"approvedUnmatched":0}}},
                        {"metric":"roc_auc_change_from_approved","scope":"sex","group":"F","value":null,"ci":null,"n":60,
                         "reference":"version 0.9.0","undefined":"roc_auc is undefined now: the AUC needs both positive and negative labels"}],
             "signing":{"keyId":"k","algorithm":"ES256"}}
            """.formatted("a".repeat(64), "b".repeat(64), "c".repeat(64));

    private byte[] signedPdf(SigningKeys keys) throws Exception {
        JsonObject doc = Json.createReader(new StringReader(REPORT)).readObject();
        byte[] unsigned = PdfReport.render(REPORT, doc, "header..sig");
        return PadesSigner.sign(unsigned, keys.signingKey().toECPrivateKey(), keys.certificate(),
                PadesSigner.calendar(Instant.parse("2026-11-27T10:00:00Z")), "Assay", "Assay decision: FAIL");
    }

    @Test
    void signedPdfVerifiesStatesTheDecisionAndCarriesItsSources() throws Exception {
        SigningKeys keys = SigningKeys.loadOrCreate(dir.resolve("k.p12"), null, SigningKeys.ALIAS);
        byte[] pdf = signedPdf(keys);
        ReportSigner.Verification v = PadesVerifier.verify(pdf, keys.publicJwks());
        assertTrue(v.valid(), v.reason());
        assertEquals(keys.keyId(), v.keyId());
        assertEquals(Instant.parse("2026-11-27T10:00:00Z"), v.signedAt());
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            PDSignature sig = doc.getLastSignatureDictionary();
            assertEquals(PDSignature.SUBFILTER_ETSI_CADES_DETACHED.getName(), sig.getSubFilter());
            String text = new PDFTextStripper().getText(doc);
            assertTrue(text.contains("Decision: FAIL"), text);
            assertTrue(text.contains("four-fifths-impact-ratio"), text);
            // The executive summary says why in words; the waivers and the intersection's heat map are there.
            assertTrue(text.contains("Executive summary"), text);
            assertTrue(text.contains("for sex = F is 0.6000; the rule needs >= 0.8000"), text);
            assertTrue(text.contains("Findings: 1 passed, 2 failed, 1 could not be decided."), text);
            assertTrue(text.contains("approved by ada") && text.contains("re-sample is scheduled"), text);
            assertTrue(text.contains("heat map (sex x race)"), text);
            // Changes from the approved version: the test, and how the rows paired.
            assertTrue(text.contains("Changes from the approved version"), text);
            assertTrue(text.contains("McNemar mid-p test"), text);
            String joined = text.replace(System.lineSeparator(), " ").replace("\n", " ");
            assertTrue(joined.contains("120 pairs, 5 right only now, 11 right only before"), text);
            assertTrue(joined.contains("0.0963 / 0.0963"), text);
            assertTrue(joined.contains("2 duplicated"), text);
            assertEquals(2, doc.getDocumentCatalog().getNames().getEmbeddedFiles().getNames().size());
            var widget = doc.getSignatureFields().get(0).getWidgets().get(0);
            assertTrue(widget.getRectangle().getWidth() > 100 && widget.getRectangle().getHeight() > 20, "a visible block");
            assertNotNull(widget.getAppearance().getNormalAppearance(), "with its appearance drawn");
            assertEquals(doc.getPage(doc.getNumberOfPages() - 1), widget.getPage(), "on the last page");
        }
    }

    /**
     * The PDF shows no value resting on fewer than 5 rows, even when handed a document that has one
     * (the report Assay signs has none: AuditReport suppresses them first).
     */
    @Test
    void smallCellsAreSuppressedInThePdfWhateverTheDocumentHolds() throws Exception {
        String withSmallGroup = REPORT.replace("\"findings\":[", "\"findings\":[{\"rule\":\"four-fifths-impact-ratio\",\"scope\":\"race\","
                + "\"group\":\"Tiny\",\"value\":0.123456,\"n\":3,\"ci\":[0.01,0.9],\"threshold\":0.8,\"comparator\":\">=\",\"outcome\":\"fail\"},");
        JsonObject doc = Json.createReader(new StringReader(withSmallGroup)).readObject();
        byte[] pdf = PdfReport.render(withSmallGroup, doc, "header..sig");
        try (PDDocument d = Loader.loadPDF(pdf)) {
            String text = new PDFTextStripper().getText(d);
            assertTrue(!text.contains("0.1235") && !text.contains("0.123456"), "the small group's value is not printed");
            assertTrue(text.contains("fewer than 5 rows: the value is not shown here"), text);
            assertTrue(text.contains("Small-cell suppression"), text);
        }
    }

    @Test
    void aChangedByteOrAnotherKeyIsCaught() throws Exception {
        SigningKeys keys = SigningKeys.loadOrCreate(dir.resolve("k.p12"), null, SigningKeys.ALIAS);
        byte[] pdf = signedPdf(keys);
        byte[] changed = pdf.clone();
        int at = new String(pdf, java.nio.charset.StandardCharsets.ISO_8859_1).indexOf("/Title");
        changed[at + 2] ^= 1;
        ReportSigner.Verification bad = PadesVerifier.verify(changed, keys.publicJwks());
        assertFalse(bad.valid());
        assertTrue(bad.reason().contains("changed"), bad.reason());
        byte[] badSignature = pdf.clone();
        int contents;
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            PDSignature sig = doc.getLastSignatureDictionary();
            int cmsLength;
            try (var in = new org.bouncycastle.asn1.ASN1InputStream(sig.getContents(pdf))) {
                cmsLength = in.readObject().getEncoded("DER").length;
            }
            // A hex digit of the ECDSA signature value, the last bytes of the CMS in /Contents' hex string.
            contents = sig.getByteRange()[1] + 1 + 2 * (cmsLength - 10);
        }
        badSignature[contents] = (byte) (badSignature[contents] == '0' ? '1' : '0');
        ReportSigner.Verification forged = PadesVerifier.verify(badSignature, keys.publicJwks());
        assertFalse(forged.valid(), "a changed byte in the CMS signature");
        assertTrue(forged.reason().contains("does not match"), forged.reason());
        byte[] appended = java.util.Arrays.copyOf(pdf, pdf.length + 10);
        assertTrue(PadesVerifier.verify(appended, keys.publicJwks()).reason().contains("does not cover"));
        SigningKeys other = SigningKeys.loadOrCreate(dir.resolve("o.p12"), null, SigningKeys.ALIAS);
        assertTrue(PadesVerifier.verify(pdf, other.publicJwks()).reason().startsWith("unknown key"));
        assertFalse(PadesVerifier.verify(java.util.Arrays.copyOf(pdf, pdf.length / 2), keys.publicJwks()).valid(), "truncated");
    }

    /** The PDF with /Contents replaced by {@code cms}, hex-encoded and zero-padded to the reserved size. */
    private static byte[] withContents(byte[] pdf, byte[] cms) throws Exception {
        int[] range;
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            range = doc.getLastSignatureDictionary().getByteRange();
        }
        int from = range[1] + 1;
        int to = range[2] - 1;
        String hex = org.bouncycastle.util.encoders.Hex.toHexString(cms).toUpperCase(java.util.Locale.ROOT);
        assertTrue(hex.length() <= to - from, "room for the CMS");
        byte[] out = pdf.clone();
        for (int i = from; i < to; i++) {
            out[i] = (byte) (i - from < hex.length() ? hex.charAt(i - from) : '0');
        }
        return out;
    }

    private static org.bouncycastle.cms.CMSSignedData cmsOf(byte[] pdf) throws Exception {
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            PDSignature sig = doc.getLastSignatureDictionary();
            try (var in = new org.bouncycastle.asn1.ASN1InputStream(sig.getContents(pdf))) {
                return new org.bouncycastle.cms.CMSSignedData(new org.bouncycastle.cms.CMSProcessableByteArray(sig.getSignedContent(pdf)),
                        org.bouncycastle.asn1.cms.ContentInfo.getInstance(in.readObject()));
            }
        }
    }

    /**
     * The embedded certificate swapped for one with the same key, issuer and serial but another subject
     * (what pdfsig then shows as the signer): the CMS still verifies with the key, but its signed ESS
     * signing-certificate-v2 attribute names the original certificate, so verification fails.
     */
    @Test
    void aCertificateWithAnotherSubjectIsNotTheSigner() throws Exception {
        SigningKeys keys = SigningKeys.loadOrCreate(dir.resolve("k.p12"), null, SigningKeys.ALIAS);
        byte[] pdf = signedPdf(keys);
        org.bouncycastle.cms.CMSSignedData cms = cmsOf(pdf);
        var original = new org.bouncycastle.cert.jcajce.JcaX509CertificateHolder(keys.certificate());
        var forged = new org.bouncycastle.cert.X509v3CertificateBuilder(original.getIssuer(), original.getSerialNumber(),
                original.getNotBefore(), original.getNotAfter(), new org.bouncycastle.asn1.x500.X500Name("CN=Mallory, O=Not Assay"),
                original.getSubjectPublicKeyInfo())
                .build(new org.bouncycastle.operator.jcajce.JcaContentSignerBuilder("SHA256withECDSA")
                        .build(keys.signingKey().toECPrivateKey()));
        var swapped = org.bouncycastle.cms.CMSSignedData.replaceCertificatesAndCRLs(cms,
                new org.bouncycastle.cert.jcajce.JcaCertStore(java.util.List.of(forged)), null, null);
        byte[] tampered = withContents(pdf, swapped.getEncoded("DER"));
        ReportSigner.Verification v = PadesVerifier.verify(tampered, keys.publicJwks());
        assertFalse(v.valid(), "a certificate the signature does not name");
        assertTrue(v.reason().startsWith("certificate not bound"), v.reason());
        // The same rewrite with the original certificate still verifies: the test changes only the subject.
        assertTrue(PadesVerifier.verify(withContents(pdf, cms.getEncoded("DER")), keys.publicJwks()).valid());
    }

    @Test
    void bytesAfterTheSignatureInContentsMustBeZeroPadding() throws Exception {
        SigningKeys keys = SigningKeys.loadOrCreate(dir.resolve("k.p12"), null, SigningKeys.ALIAS);
        byte[] pdf = signedPdf(keys);
        byte[] der = cmsOf(pdf).getEncoded("DER");
        byte[] padded = java.util.Arrays.copyOf(der, der.length + 8);
        padded[der.length + 3] = 0x41;
        ReportSigner.Verification v = PadesVerifier.verify(withContents(pdf, padded), keys.publicJwks());
        assertFalse(v.valid(), "a hidden byte after the signature");
        assertTrue(v.reason().contains("not zero padding"), v.reason());
    }

    @Test
    void aSignatureWithoutTheEssAttributeIsRefused() throws Exception {
        SigningKeys keys = SigningKeys.loadOrCreate(dir.resolve("k.p12"), null, SigningKeys.ALIAS);
        byte[] pdf = signedPdf(keys);
        byte[] content;
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            content = doc.getLastSignatureDictionary().getSignedContent(pdf);
        }
        var generator = new org.bouncycastle.cms.CMSSignedDataGenerator();
        generator.addSignerInfoGenerator(new org.bouncycastle.cms.jcajce.JcaSignerInfoGeneratorBuilder(
                new org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder().build())
                .build(new org.bouncycastle.operator.jcajce.JcaContentSignerBuilder("SHA256withECDSA").build(keys.signingKey().toECPrivateKey()),
                        keys.certificate()));
        generator.addCertificates(new org.bouncycastle.cert.jcajce.JcaCertStore(java.util.List.of(keys.certificate())));
        byte[] plain = generator.generate(new org.bouncycastle.cms.CMSProcessableByteArray(content), false).getEncoded("DER");
        ReportSigner.Verification v = PadesVerifier.verify(withContents(pdf, plain), keys.publicJwks());
        assertFalse(v.valid());
        assertTrue(v.reason().contains("signing-certificate-v2"), v.reason());
    }

    /** An independent validator: poppler's pdfsig. Installed by .ci/run; locally skipped with a reason when absent. */
    @Test
    void popplerPdfsigValidatesTheSignature() throws Exception {
        Path pdfsig = Path.of("/usr/bin/pdfsig");
        if (!Files.isExecutable(pdfsig)) {
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                throw new IllegalStateException("pdfsig (poppler-utils) is required when CI=true");
            }
            System.out.println("SKIPPED pdfsig check: /usr/bin/pdfsig is not installed (apt-get install poppler-utils)");
            org.junit.jupiter.api.Assumptions.abort("pdfsig not installed");
        }
        SigningKeys keys = SigningKeys.loadOrCreate(dir.resolve("k.p12"), null, SigningKeys.ALIAS);
        Path file = Files.write(dir.resolve("report.pdf"), signedPdf(keys));
        Process p = new ProcessBuilder(pdfsig.toString(), file.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertTrue(out.contains("Signature Validation: Signature is Valid."), out);
        assertTrue(out.contains("ETSI.CAdES.detached"), out);
        assertTrue(out.contains("Total document signed"), out);
        // poppler's pdfinfo reads the document as tagged.
        Process info = new ProcessBuilder("/usr/bin/pdfinfo", file.toString()).redirectErrorStream(true).start();
        String infoOut = new String(info.getInputStream().readAllBytes());
        assertTrue(info.waitFor(60, TimeUnit.SECONDS));
        assertTrue(infoOut.matches("(?s).*Tagged:\\s+yes.*"), infoOut);
    }

    /** Tagged: a structure tree in reading order (headings, paragraphs, figures with their text), the language, every page mapped. */
    @Test
    void thePdfIsTaggedInReadingOrder() throws Exception {
        SigningKeys keys = SigningKeys.loadOrCreate(dir.resolve("k.p12"), null, SigningKeys.ALIAS);
        try (PDDocument doc = Loader.loadPDF(signedPdf(keys))) {
            var catalog = doc.getDocumentCatalog();
            assertTrue(catalog.getMarkInfo().isMarked());
            assertEquals("en", catalog.getLanguage());
            assertTrue(catalog.getViewerPreferences().displayDocTitle());
            var root = catalog.getStructureTreeRoot();
            var document = (org.apache.pdfbox.pdmodel.documentinterchange.logicalstructure.PDStructureElement) root.getKids().get(0);
            assertEquals("Document", document.getStructureType());
            List<org.apache.pdfbox.pdmodel.documentinterchange.logicalstructure.PDStructureElement> elements = document.getKids().stream()
                    .map(k -> (org.apache.pdfbox.pdmodel.documentinterchange.logicalstructure.PDStructureElement) k).toList();
            assertEquals("H1", elements.get(0).getStructureType(), "the title comes first");
            assertTrue(elements.stream().anyMatch(e -> e.getStructureType().equals("P")));
            var figures = elements.stream().filter(e -> e.getStructureType().equals("Figure")).toList();
            assertTrue(!figures.isEmpty(), "the charts are figures");
            assertTrue(figures.stream().allMatch(f -> f.getAlternateDescription() != null && !f.getAlternateDescription().isBlank()));
            assertTrue(figures.stream().anyMatch(f -> f.getAlternateDescription().contains("F 0.6000")), "a chart reads as its values");
            // The findings table is a table: a header row of eight TH, then one TR of eight TD per finding, and
            // the undefined finding's reason as a row of one cell spanning the eight columns (the regulators'
            // tables of the rule come before it, seven columns each).
            var table = elements.stream().filter(e -> e.getStructureType().equals("Table"))
                    .filter(t -> ((org.apache.pdfbox.pdmodel.documentinterchange.logicalstructure.PDStructureElement) t.getKids().get(0))
                            .getKids().size() == 8).findFirst().orElseThrow();
            List<org.apache.pdfbox.pdmodel.documentinterchange.logicalstructure.PDStructureElement> rows = table.getKids().stream()
                    .map(k -> (org.apache.pdfbox.pdmodel.documentinterchange.logicalstructure.PDStructureElement) k).toList();
            assertTrue(rows.stream().allMatch(r -> r.getStructureType().equals("TR")));
            assertEquals(List.of("TH", "TH", "TH", "TH", "TH", "TH", "TH", "TH"), cellTypes(rows.get(0)));
            assertEquals(1 + 4 + 1, rows.size(), "header, four findings, one note");
            assertEquals(List.of("TD", "TD", "TD", "TD", "TD", "TD", "TD", "TD"), cellTypes(rows.get(1)));
            assertEquals(List.of("TD"), cellTypes(rows.get(3)), "the undefined reason under its finding");
            assertEquals(doc.getNumberOfPages(), root.getParentTree().getNumbers().size(), "every page in the parent tree");
            for (int i = 0; i < doc.getNumberOfPages(); i++) {
                assertEquals(i, doc.getPage(i).getStructParents());
            }
        }
    }

    private static List<String> cellTypes(org.apache.pdfbox.pdmodel.documentinterchange.logicalstructure.PDStructureElement row) {
        return row.getKids().stream()
                .map(k -> ((org.apache.pdfbox.pdmodel.documentinterchange.logicalstructure.PDStructureElement) k).getStructureType()).toList();
    }

    @Test
    void theOfflineVerifierChecksAPdfWithOnlyThePublishedKeys() throws Exception {
        SigningKeys keys = SigningKeys.loadOrCreate(dir.resolve("k.p12"), null, SigningKeys.ALIAS);
        Path jwks = Files.writeString(dir.resolve("jwks.json"), keys.publicJwks().toString(true));
        byte[] pdf = signedPdf(keys);
        Path file = Files.write(dir.resolve("report.pdf"), pdf);
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        assertEquals(0, OfflineVerifier.run(new String[] {"--jwks", jwks.toString(), file.toString()},
                new java.io.PrintStream(out, true, java.nio.charset.StandardCharsets.UTF_8)));
        assertTrue(out.toString(java.nio.charset.StandardCharsets.UTF_8).startsWith("VALID"), out.toString());
        Files.write(file, java.util.Arrays.copyOf(pdf, pdf.length + 1));
        assertEquals(1, OfflineVerifier.run(new String[] {"--jwks", jwks.toString(), file.toString()},
                new java.io.PrintStream(new java.io.ByteArrayOutputStream(), true, java.nio.charset.StandardCharsets.UTF_8)));
    }

    @Test
    void aRevokedKeyMakesItsSignaturesInvalidOnlineAndOffline() throws Exception {
        SigningKeys keys = SigningKeys.loadOrCreate(dir.resolve("k.p12"), null, SigningKeys.ALIAS);
        ReportSigner.Verification valid = PadesVerifier.verify(signedPdf(keys), keys.publicJwks());
        Revocations revoked = Revocations.of(java.util.List.of(
                new Revocations.Revoked(keys.keyId(), Instant.parse("2026-11-28T00:00:00Z"), "laptop stolen")));
        ReportSigner.Verification after = revoked.apply(valid);
        assertFalse(after.valid());
        assertEquals("revoked key: " + keys.keyId() + " was revoked at 2026-11-28T00:00:00Z (laptop stolen)", after.reason());
        assertEquals(valid, Revocations.NONE.apply(valid));
        assertEquals(revoked, Revocations.parse(revoked.toJson().toString()), "the published form round-trips");

        Path jwks = Files.writeString(dir.resolve("jwks.json"), keys.publicJwks().toString(true));
        Path list = Files.writeString(dir.resolve("revoked.json"), revoked.toJson().toString());
        Path file = Files.write(dir.resolve("report.pdf"), signedPdf(keys));
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        assertEquals(1, OfflineVerifier.run(new String[] {"--jwks", jwks.toString(), "--revoked", list.toString(), file.toString()},
                new java.io.PrintStream(out, true, java.nio.charset.StandardCharsets.UTF_8)));
        assertTrue(out.toString(java.nio.charset.StandardCharsets.UTF_8).startsWith("INVALID: revoked key"), out.toString());
    }
}
