package dev.assay.report;

import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.interactive.digitalsignature.PDSignature;
import org.bouncycastle.asn1.ASN1InputStream;
import org.bouncycastle.asn1.cms.ContentInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.CMSSignerDigestMismatchException;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;

import java.io.IOException;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.time.Instant;
import java.util.Collection;

/**
 * Verifies the PAdES signature of a report PDF: the signed byte range must cover the whole file but
 * the signature itself, the CMS signature must match those bytes, and its certificate's key must be
 * one of the published report keys.
 */
public final class PadesVerifier {

    private PadesVerifier() {
    }

    public static ReportSigner.Verification verify(byte[] pdf, JWKSet keys) {
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            PDSignature sig = doc.getLastSignatureDictionary();
            if (sig == null) {
                return new ReportSigner.Verification(false, null, null, "the PDF carries no signature");
            }
            Instant signedAt = sig.getSignDate() == null ? null : sig.getSignDate().toInstant();
            int[] range = sig.getByteRange();
            if (range.length != 4 || range[0] != 0 || (long) range[2] + range[3] != pdf.length) {
                return new ReportSigner.Verification(false, null, signedAt,
                        "content changed: the file has bytes the signature does not cover");
            }
            CMSSignedData cms = new CMSSignedData(new CMSProcessableByteArray(sig.getSignedContent(pdf)), firstObject(sig.getContents(pdf)));
            SignerInformation signer = cms.getSignerInfos().getSigners().iterator().next();
            @SuppressWarnings("unchecked")
            Collection<X509CertificateHolder> certs = cms.getCertificates().getMatches(signer.getSID());
            if (certs.isEmpty()) {
                return new ReportSigner.Verification(false, null, signedAt, "the signature carries no certificate");
            }
            X509Certificate cert = new JcaX509CertificateConverter().getCertificate(certs.iterator().next());
            String kid = new ECKey.Builder(Curve.P_256, (ECPublicKey) cert.getPublicKey()).build()
                    .computeThumbprint().toString();
            boolean matches;
            try {
                matches = signer.verify(new JcaSimpleSignerInfoVerifierBuilder().build(cert));
            } catch (CMSSignerDigestMismatchException e) {
                matches = false;
            }
            if (!matches) {
                return new ReportSigner.Verification(false, kid, signedAt, "signature does not match: the PDF was changed");
            }
            if (keys.getKeyByKeyId(kid) == null) {
                return new ReportSigner.Verification(false, kid, signedAt, "unknown key: no published key with id " + kid);
            }
            return new ReportSigner.Verification(true, kid, signedAt, "signature valid");
        } catch (Exception e) {
            return new ReportSigner.Verification(false, null, null, "not a readable signed PDF: " + e.getMessage());
        }
    }

    /** The /Contents hex string is zero-padded to its reserved size; only the first DER object is the CMS. */
    private static ContentInfo firstObject(byte[] contents) throws IOException {
        try (ASN1InputStream in = new ASN1InputStream(contents)) {
            return ContentInfo.getInstance(in.readObject());
        }
    }
}
