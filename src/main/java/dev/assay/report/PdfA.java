package dev.assay.report;

import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentCatalog;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.PDDocumentNameDictionary;
import org.apache.pdfbox.pdmodel.PDEmbeddedFilesNameTreeNode;
import org.apache.pdfbox.pdmodel.common.PDMetadata;
import org.apache.pdfbox.pdmodel.common.filespecification.PDComplexFileSpecification;
import org.apache.pdfbox.pdmodel.common.filespecification.PDEmbeddedFile;
import org.apache.pdfbox.pdmodel.graphics.color.PDOutputIntent;
import org.apache.xmpbox.XMPMetadata;
import org.apache.xmpbox.schema.AdobePDFSchema;
import org.apache.xmpbox.schema.DublinCoreSchema;
import org.apache.xmpbox.schema.PDFAIdentificationSchema;
import org.apache.xmpbox.schema.XMPBasicSchema;
import org.apache.xmpbox.type.BadFieldValueException;
import org.apache.xmpbox.xml.XmpSerializer;

import java.awt.color.ColorSpace;
import java.awt.color.ICC_Profile;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Calendar;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.xml.transform.TransformerException;

/**
 * What makes the report an archival PDF/A-3 document (ISO 19005-3) on top of its tagged content:
 * XMP metadata identifying the part and conformance level and agreeing with the document information,
 * an sRGB output intent for the colours drawn, and the report's sources as associated files (the
 * catalog's AF array, each file with its relationship to the document).
 */
final class PdfA {

    static final int PART = 3;
    /** Level A: tagged, with Unicode text (level B plus the structure TaggedPages writes). */
    static final String CONFORMANCE = "A";
    private static final String SRGB = "sRGB IEC61966-2.1";

    private PdfA() {
    }

    /** An attached file: its name, MIME type, bytes, description and PDF/A-3 relationship (Source, Data, Supplement...). */
    record Attachment(String name, String mimeType, byte[] bytes, String description, String relationship) {
    }

    static void identify(PDDocument doc, String title, String subject, String creator, Calendar created) throws IOException {
        PDDocumentInformation info = doc.getDocumentInformation();
        info.setTitle(title);
        info.setSubject(subject);
        info.setCreator(creator);
        info.setProducer(creator);
        info.setCreationDate(created);
        info.setModificationDate(created);

        XMPMetadata xmp = XMPMetadata.createXMPMetadata();
        DublinCoreSchema dc = xmp.createAndAddDublinCoreSchema();
        dc.setTitle(title);
        dc.setDescription(subject);
        dc.addCreator(creator);
        XMPBasicSchema basic = xmp.createAndAddXMPBasicSchema();
        basic.setCreatorTool(creator);
        basic.setCreateDate(created);
        basic.setModifyDate(created);
        AdobePDFSchema pdf = xmp.createAndAddAdobePDFSchema();
        pdf.setProducer(creator);
        PDFAIdentificationSchema id = xmp.createAndAddPDFAIdentificationSchema();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            id.setPart(PART);
            id.setConformance(CONFORMANCE);
            new XmpSerializer().serialize(xmp, bytes, true);
        } catch (TransformerException | BadFieldValueException e) {
            throw new IOException("XMP metadata: " + e.getMessage(), e);
        }
        PDMetadata metadata = new PDMetadata(doc);
        metadata.importXMPMetadata(bytes.toByteArray());
        doc.getDocumentCatalog().setMetadata(metadata);

        PDOutputIntent intent = new PDOutputIntent(doc, new ByteArrayInputStream(ICC_Profile.getInstance(ColorSpace.CS_sRGB).getData()));
        intent.setInfo(SRGB);
        intent.setOutputCondition(SRGB);
        intent.setOutputConditionIdentifier(SRGB);
        intent.setRegistryName("http://www.color.org");
        doc.getDocumentCatalog().addOutputIntent(intent);
    }

    /** Embeds the files and lists them as the document's associated files. */
    /**
     * Attaches the signed report a PDF was rendered from: its canonical JSON ({@code Source}) and detached JWS
     * ({@code Supplement}), so the PDF's figures can be checked offline against the signature.
     *
     * @param renderedAs what the PDF is, for the JSON's description ("this PDF", "this summary")
     */
    static void attachSignedReport(PDDocument doc, String canonicalJson, String jws, String renderedAs, Calendar modified)
            throws IOException {
        attach(doc, List.of(
                new Attachment("assay-report.json", "application/json", canonicalJson.getBytes(StandardCharsets.UTF_8),
                        "The canonical report (RFC 8785) " + renderedAs + " was rendered from", "Source"),
                new Attachment("assay-report.jws", "application/jose", jws.getBytes(StandardCharsets.US_ASCII),
                        "Detached JWS (ES256) over the canonical report", "Supplement")), modified);
    }

    /**
     * The canonical report JSON a report or summary PDF carries ({@link #attachSignedReport}), if it has one: what the
     * verify page names once the PDF's signature holds. Empty for a PDF that is not readable or carries none.
     */
    static java.util.Optional<byte[]> attachedReport(byte[] pdf) {
        try (PDDocument doc = org.apache.pdfbox.Loader.loadPDF(pdf)) {
            PDDocumentNameDictionary names = doc.getDocumentCatalog().getNames();
            PDEmbeddedFilesNameTreeNode tree = names == null ? null : names.getEmbeddedFiles();
            Map<String, PDComplexFileSpecification> files = tree == null ? null : tree.getNames();
            PDComplexFileSpecification spec = files == null ? null : files.get("assay-report.json");
            if (spec == null || spec.getEmbeddedFile() == null) {
                return java.util.Optional.empty();
            }
            return java.util.Optional.of(spec.getEmbeddedFile().toByteArray());
        } catch (IOException e) {
            return java.util.Optional.empty();
        }
    }

    static void attach(PDDocument doc, List<Attachment> files, Calendar modified) throws IOException {
        Map<String, PDComplexFileSpecification> specs = new TreeMap<>();
        COSArray associated = new COSArray();
        for (Attachment f : files) {
            PDEmbeddedFile embedded = new PDEmbeddedFile(doc, new ByteArrayInputStream(f.bytes()));
            embedded.setSubtype(f.mimeType());
            embedded.setSize(f.bytes().length);
            embedded.setModDate(modified);
            PDComplexFileSpecification spec = new PDComplexFileSpecification();
            spec.setFile(f.name());
            spec.setFileUnicode(f.name());
            spec.setEmbeddedFile(embedded);
            spec.setEmbeddedFileUnicode(embedded);
            spec.setFileDescription(f.description());
            spec.getCOSObject().setName(COSName.getPDFName("AFRelationship"), f.relationship());
            specs.put(f.name(), spec);
            associated.add(spec);
        }
        PDEmbeddedFilesNameTreeNode tree = new PDEmbeddedFilesNameTreeNode();
        tree.setNames(specs);
        PDDocumentCatalog catalog = doc.getDocumentCatalog();
        PDDocumentNameDictionary names = new PDDocumentNameDictionary(catalog);
        names.setEmbeddedFiles(tree);
        catalog.setNames(names);
        catalog.getCOSObject().setItem(COSName.getPDFName("AF"), associated);
    }
}
