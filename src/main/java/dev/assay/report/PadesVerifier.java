package dev.assay.report;

import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.interactive.digitalsignature.PDSignature;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1InputStream;
import org.bouncycastle.asn1.cms.Attribute;
import org.bouncycastle.asn1.cms.AttributeTable;
import org.bouncycastle.asn1.ess.ESSCertIDv2;
import org.bouncycastle.asn1.ess.SigningCertificateV2;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import java.security.MessageDigest;
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
import java.util.Optional;

/**
 * Verifies the PAdES signature of a report PDF: the signed byte range must cover the whole file but
 * the signature itself, /Contents must hold the DER signature and zero padding only, the CMS
 * signature (one signer) must match those bytes, its signed ESS signing-certificate-v2 attribute must
 * name the embedded certificate, and that certificate's key must be one of the published report keys.
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
            byte[] contents = sig.getContents(pdf);
            ContentInfo content = firstObject(contents);
            if (!zeroPadded(contents, content.getEncoded(ASN1Encoding.DER).length)) {
                return new ReportSigner.Verification(false, null, signedAt,
                        "content changed: /Contents holds bytes after the signature that are not zero padding");
            }
            CMSSignedData cms = new CMSSignedData(new CMSProcessableByteArray(sig.getSignedContent(pdf)), content);
            if (cms.getSignerInfos().size() != 1) {
                return new ReportSigner.Verification(false, null, signedAt,
                        "the signature has " + cms.getSignerInfos().size() + " signers; a report has exactly one");
            }
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
            // The certificate is outside what the CMS signs; the signed ESS attribute binds it (RFC 5035),
            // so a certificate with another subject (what pdfsig then shows as the signer) and the same key fails.
            Optional<String> unbound = signingCertificateProblem(signer, certs.iterator().next());
            if (unbound.isPresent()) {
                return new ReportSigner.Verification(false, kid, signedAt, unbound.get());
            }
            if (keys.getKeyByKeyId(kid) == null) {
                return new ReportSigner.Verification(false, kid, signedAt, "unknown key: no published key with id " + kid);
            }
            return new ReportSigner.Verification(true, kid, signedAt, "signature valid");
        } catch (Exception e) {
            return new ReportSigner.Verification(false, null, null, "not a readable signed PDF: " + e.getMessage());
        }
    }

    /**
     * Why the signer's signed signing-certificate-v2 attribute (RFC 5035) does not name {@code cert}, or
     * empty when it does: the attribute is present once, its first ESSCertIDv2 hashes the certificate's
     * DER with its algorithm (SHA-256 by default), and its issuer and serial, when given, are the
     * certificate's.
     */
    static Optional<String> signingCertificateProblem(SignerInformation signer, X509CertificateHolder cert) throws Exception {
        AttributeTable signed = signer.getSignedAttributes();
        ASN1EncodableVector found = signed == null ? new ASN1EncodableVector()
                : signed.getAll(PKCSObjectIdentifiers.id_aa_signingCertificateV2);
        if (found.size() != 1) {
            return Optional.of("certificate not bound: the signature carries " + found.size()
                    + " signing-certificate-v2 attributes; exactly one is required (ESS, RFC 5035)");
        }
        Attribute attribute = (Attribute) found.get(0);
        if (attribute.getAttrValues().size() != 1) {
            return Optional.of("certificate not bound: the signing-certificate-v2 attribute must hold one value");
        }
        ESSCertIDv2[] ids = SigningCertificateV2.getInstance(attribute.getAttrValues().getObjectAt(0)).getCerts();
        if (ids.length == 0) {
            return Optional.of("certificate not bound: the signing-certificate-v2 attribute names no certificate");
        }
        ESSCertIDv2 id = ids[0];
        AlgorithmIdentifier algorithm = id.getHashAlgorithm();
        byte[] hash = digest(algorithm, cert.getEncoded());
        if (!MessageDigest.isEqual(hash, id.getCertHash())) {
            return Optional.of("certificate not bound: the embedded certificate is not the one the signature names"
                    + " (its signing-certificate-v2 hash differs)");
        }
        if (id.getIssuerSerial() != null && !id.getIssuerSerial().getSerial().getValue().equals(cert.getSerialNumber())) {
            return Optional.of("certificate not bound: the serial number the signature names is not the embedded certificate's");
        }
        return Optional.empty();
    }

    private static byte[] digest(AlgorithmIdentifier algorithm, byte[] data) throws Exception {
        var calculator = new JcaDigestCalculatorProviderBuilder().build().get(algorithm);
        try (var out = calculator.getOutputStream()) {
            out.write(data);
        }
        return calculator.getDigest();
    }

    /** Whether every byte of /Contents after the DER signature of {@code derLength} bytes is zero. */
    static boolean zeroPadded(byte[] contents, int derLength) {
        for (int i = derLength; i < contents.length; i++) {
            if (contents[i] != 0) {
                return false;
            }
        }
        return true;
    }

    /** The /Contents hex string is zero-padded to its reserved size; only the first DER object is the CMS. */
    private static ContentInfo firstObject(byte[] contents) throws IOException {
        try (ASN1InputStream in = new ASN1InputStream(contents)) {
            return ContentInfo.getInstance(in.readObject());
        }
    }
}
