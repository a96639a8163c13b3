package dev.assay.report;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.util.Base64;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;

/**
 * The report signing key: an EC P-256 key with a self-signed certificate in a PKCS#12 keystore,
 * generated on first start, or a configured keystore. The key id is the RFC 7638 thumbprint.
 */
public final class SigningKeys {

    public static final String ALIAS = "assay-signing";

    private final ECKey signingKey;
    private final X509Certificate certificate;

    private SigningKeys(ECKey signingKey, X509Certificate certificate) {
        this.signingKey = signingKey;
        this.certificate = certificate;
    }

    /**
     * Loads the keystore, or creates it (and its password file, mode 600, unless the password is
     * given) when it does not exist.
     */
    public static SigningKeys loadOrCreate(Path keystore, char[] configuredPassword, String alias) {
        try {
            char[] password = configuredPassword != null ? configuredPassword : passwordFor(keystore);
            KeyStore ks = KeyStore.getInstance("PKCS12");
            if (Files.exists(keystore)) {
                try (InputStream in = Files.newInputStream(keystore)) {
                    ks.load(in, password);
                }
            } else {
                ks.load(null, null);
                KeyPair pair = generate();
                X509Certificate cert = selfSigned(pair);
                ks.setKeyEntry(alias, pair.getPrivate(), password, new Certificate[] {cert});
                Files.createDirectories(keystore.getParent());
                Path tmp = keystore.resolveSibling(keystore.getFileName() + ".tmp");
                try (OutputStream out = Files.newOutputStream(tmp)) {
                    ks.store(out, password);
                }
                restrict(tmp);
                Files.move(tmp, keystore);
            }
            PrivateKey key = (PrivateKey) ks.getKey(alias, password);
            if (!(key instanceof ECPrivateKey ecPrivate)) {
                throw new IllegalStateException("the signing key '" + alias + "' must be an EC P-256 key");
            }
            X509Certificate cert = (X509Certificate) ks.getCertificate(alias);
            return of(ecPrivate, cert);
        } catch (IOException | GeneralSecurityException | OperatorCreationException | JOSEException e) {
            throw new IllegalStateException("cannot load or create the signing keystore " + keystore + ": " + e.getMessage(), e);
        }
    }

    static SigningKeys of(ECPrivateKey privateKey, X509Certificate cert) throws JOSEException, GeneralSecurityException {
        ECKey jwk = new ECKey.Builder(Curve.P_256, (ECPublicKey) cert.getPublicKey())
                .privateKey(privateKey)
                .keyUse(KeyUse.SIGNATURE)
                .x509CertChain(List.of(Base64.encode(cert.getEncoded())))
                .keyIDFromThumbprint()
                .build();
        return new SigningKeys(jwk, cert);
    }

    private static char[] passwordFor(Path keystore) throws IOException {
        Path file = keystore.resolveSibling(keystore.getFileName() + ".password");
        if (Files.exists(file)) {
            return Files.readString(file, StandardCharsets.UTF_8).trim().toCharArray();
        }
        byte[] random = new byte[24];
        new SecureRandom().nextBytes(random);
        String password = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        Files.createDirectories(file.getParent());
        Files.writeString(file, password, StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW);
        restrict(file);
        return password.toCharArray();
    }

    private static void restrict(Path file) throws IOException {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: the data dir's own permissions protect it
        }
    }

    static KeyPair generate() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        return generator.generateKeyPair();
    }

    static X509Certificate selfSigned(KeyPair pair) throws OperatorCreationException, GeneralSecurityException {
        Instant now = Instant.now();
        X500Name subject = new X500Name("CN=Assay report signing key, O=Assay");
        X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(subject,
                new BigInteger(64, new SecureRandom()), Date.from(now.minus(Duration.ofMinutes(5))),
                Date.from(now.plus(Duration.ofDays(3650))), subject, pair.getPublic());
        return new JcaX509CertificateConverter().getCertificate(
                builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(pair.getPrivate())));
    }

    public ECKey signingKey() {
        return signingKey;
    }

    public String keyId() {
        return signingKey.getKeyID();
    }

    public X509Certificate certificate() {
        return certificate;
    }

    /** The public keys for verification (the private part is never included). */
    public JWKSet publicJwks() {
        List<com.nimbusds.jose.jwk.JWK> keys = new ArrayList<>();
        keys.add(signingKey.toPublicJWK());
        return new JWKSet(keys);
    }
}
