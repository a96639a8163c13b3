package dev.assay.report;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.PDResources;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.common.PDStream;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.apache.pdfbox.pdmodel.graphics.form.PDFormXObject;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAnnotationWidget;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAppearanceDictionary;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAppearanceStream;
import org.apache.pdfbox.pdmodel.interactive.form.PDAcroForm;
import org.apache.pdfbox.pdmodel.interactive.form.PDSignatureField;
import org.apache.pdfbox.pdmodel.interactive.digitalsignature.PDSignature;
import org.apache.pdfbox.pdmodel.interactive.digitalsignature.SignatureOptions;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.DERSet;
import org.bouncycastle.asn1.cms.Attribute;
import org.bouncycastle.asn1.cms.AttributeTable;
import org.bouncycastle.asn1.cms.CMSAttributes;
import org.bouncycastle.asn1.ess.ESSCertIDv2;
import org.bouncycastle.asn1.ess.SigningCertificateV2;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cms.CMSAttributeTableGenerator;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedDataGenerator;
import org.bouncycastle.cms.DefaultSignedAttributeTableGenerator;
import org.bouncycastle.cms.jcajce.JcaSignerInfoGeneratorBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Calendar;
import java.util.List;
import java.util.Map;
import java.util.TimeZone;

/**
 * PAdES baseline B-B signatures with PDFBox and BouncyCastle: SubFilter ETSI.CAdES.detached, a CMS
 * signature over the PDF's byte range with the ESS signing-certificate-v2 attribute, the signing time
 * in the signature dictionary (PAdES forbids it among the signed attributes), the certificate chain
 * embedded.
 */
public final class PadesSigner {

    private PadesSigner() {
    }

    public static byte[] sign(byte[] pdf, PrivateKey key, X509Certificate certificate, Calendar signingTime, String name,
                              String reason) throws IOException {
        try (PDDocument document = Loader.loadPDF(pdf); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            PDSignature signature = new PDSignature();
            signature.setFilter(PDSignature.FILTER_ADOBE_PPKLITE);
            signature.setSubFilter(PDSignature.SUBFILTER_ETSI_CADES_DETACHED);
            signature.setName(name);
            signature.setReason(reason);
            signature.setSignDate(signingTime);
            SignatureOptions options = new SignatureOptions();
            options.setPreferredSignatureSize(16_384);
            int lastPage = document.getNumberOfPages() - 1;
            ReportLayout layout = ReportLayout.standard();
            options.setVisualSignature(visibleBlock(layout, document.getPage(lastPage).getMediaBox(), layout.lines("signatureBlock",
                    Map.of("signer", name, "reason", reason, "time", signingTime.toInstant().toString()))));
            options.setPage(lastPage);
            document.addSignature(signature, content -> cms(content.readAllBytes(), key, certificate), options);
            document.saveIncremental(out);
            options.close();
            return out.toByteArray();
        }
    }

    /**
     * A one-page template holding only the signature field's widget, at the foot of the page, with its
     * appearance drawn: PDFBox merges it into the signed document, so readers show the block and link
     * it to the signature.
     */
    private static InputStream visibleBlock(ReportLayout layout, PDRectangle pageBox, List<String> lines) throws IOException {
        PDRectangle rect = new PDRectangle(layout.margin(), 40, pageBox.getWidth() - 2 * layout.margin(), 56);
        try (ParsedFonts parsed = new ParsedFonts(); PDDocument template = new PDDocument();
             ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            PDPage page = new PDPage(pageBox);
            template.addPage(page);
            PDAcroForm form = new PDAcroForm(template);
            template.getDocumentCatalog().setAcroForm(form);
            PDSignatureField field = new PDSignatureField(form);
            PDAnnotationWidget widget = field.getWidgets().get(0);
            form.setSignaturesExist(true);
            form.setAppendOnly(true);
            form.getCOSObject().setDirect(true);
            form.getFields().add(field);
            widget.setRectangle(rect);
            widget.setPrinted(true);
            widget.setPage(page);
            page.getAnnotations().add(widget);

            PDFormXObject xobject = new PDFormXObject(new PDStream(template));
            xobject.setResources(new PDResources());
            xobject.setFormType(1);
            xobject.setBBox(new PDRectangle(rect.getWidth(), rect.getHeight()));
            PDAppearanceDictionary appearance = new PDAppearanceDictionary();
            appearance.getCOSObject().setDirect(true);
            PDAppearanceStream stream = new PDAppearanceStream(xobject.getCOSObject());
            appearance.setNormalAppearance(stream);
            widget.setAppearance(appearance);
            try (PDPageContentStream cs = new PDPageContentStream(template, stream)) {
                cs.setStrokingColor(layout.color("signatureFrame"));
                cs.setLineWidth(1);
                cs.addRect(0.5f, 0.5f, rect.getWidth() - 1, rect.getHeight() - 1);
                cs.stroke();
                // Embedded like the report's own text: PDF/A forbids a font the file does not carry.
                PDFont font = PDType0Font.load(template, parsed.borrow(layout.font(layout.style("small").font())), true);
                float y = rect.getHeight() - 16;
                for (String line : lines) {
                    cs.beginText();
                    cs.setFont(font, layout.style("small").size());
                    cs.newLineAtOffset(8, y);
                    cs.showText(TaggedPages.printable(font, line));
                    cs.endText();
                    y -= 14;
                }
            }
            template.save(out);
            return new ByteArrayInputStream(out.toByteArray());
        }
    }

    static byte[] cms(byte[] content, PrivateKey key, X509Certificate certificate) throws IOException {
        try {
            byte[] certHash = MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded());
            ESSCertIDv2 id = new ESSCertIDv2(new AlgorithmIdentifier(NISTObjectIdentifiers.id_sha256), certHash);
            Attribute signingCertificate = new Attribute(PKCSObjectIdentifiers.id_aa_signingCertificateV2,
                    new DERSet(new SigningCertificateV2(new ESSCertIDv2[] {id})));
            ASN1EncodableVector attributes = new ASN1EncodableVector();
            attributes.add(signingCertificate);
            CMSAttributeTableGenerator signed = parameters -> {
                AttributeTable table = new DefaultSignedAttributeTableGenerator(new AttributeTable(attributes))
                        .getAttributes((Map) parameters);
                return table.remove(CMSAttributes.signingTime);
            };
            CMSSignedDataGenerator generator = new CMSSignedDataGenerator();
            generator.addSignerInfoGenerator(new JcaSignerInfoGeneratorBuilder(new JcaDigestCalculatorProviderBuilder().build())
                    .setSignedAttributeGenerator(signed)
                    .build(new JcaContentSignerBuilder("SHA256withECDSA").build(key), certificate));
            generator.addCertificates(new JcaCertStore(List.of(certificate)));
            return generator.generate(new CMSProcessableByteArray(content), false).getEncoded(ASN1Encoding.DER);
        } catch (Exception e) {
            throw new IOException("CMS signature failed: " + e.getMessage(), e);
        }
    }

    public static Calendar calendar(Instant instant) {
        Calendar c = Calendar.getInstance(TimeZone.getTimeZone("UTC"));
        c.setTimeInMillis(instant.toEpochMilli());
        return c;
    }
}
