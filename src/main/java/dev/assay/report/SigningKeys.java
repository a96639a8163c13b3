package dev.assay.report;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
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
import java.nio.file.StandardCopyOption;
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
import java.util.Collections;
import java.util.Date;
import java.util.List;

/**
 * The report signing keys: EC P-256 keys with self-signed certificates in a PKCS#12 keystore,
 * generated on first start, or a configured keystore. The newest key (by certificate start) signs;
 * every key of the keystore stays in the public JWK set, so reports signed before a rotation still
 * verify. A key id is the key's RFC 7638 thumbprint.
 */
public final class SigningKeys {

    public static final String ALIAS = "assay-signing";

    private final ECKey signingKey;
    private final X509Certificate certificate;
    private final List<ECKey> retired;

    private SigningKeys(ECKey signingKey, X509Certificate certificate, List<ECKey> retired) {
        this.signingKey = signingKey;
        this.certificate = certificate;
        this.retired = List.copyOf(retired);
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
            return fromKeystore(ks, password, alias);
        } catch (IOException | GeneralSecurityException | OperatorCreationException | JOSEException e) {
            throw new IllegalStateException("cannot load or create the signing keystore " + keystore + ": " + e.getMessage(), e);
        }
    }

    /** Every EC key of the keystore; the one with the newest certificate signs. */
    private static SigningKeys fromKeystore(KeyStore ks, char[] password, String alias)
            throws GeneralSecurityException, JOSEException {
        List<ECKey> keys = new ArrayList<>();
        List<X509Certificate> certs = new ArrayList<>();
        for (String a : Collections.list(ks.aliases())) {
            if (!a.equals(alias) && !a.startsWith(alias + "-")) {
                continue;
            }
            PrivateKey key = (PrivateKey) ks.getKey(a, password);
            if (!(key instanceof ECPrivateKey ecPrivate)) {
                throw new IllegalStateException("the signing key '" + a + "' must be an EC P-256 key");
            }
            X509Certificate cert = (X509Certificate) ks.getCertificate(a);
            keys.add(jwk(ecPrivate, cert));
            certs.add(cert);
        }
        if (keys.isEmpty()) {
            throw new IllegalStateException("the keystore has no key under alias '" + alias + "'");
        }
        int newest = 0;
        for (int i = 1; i < certs.size(); i++) {
            if (certs.get(i).getNotBefore().after(certs.get(newest).getNotBefore())) {
                newest = i;
            }
        }
        List<ECKey> retired = new ArrayList<>(keys);
        ECKey current = retired.remove(newest);
        return new SigningKeys(current, certs.get(newest), retired);
    }

    /**
     * Adds a new key to the keystore (alias {@code <alias>-<millis>}) and makes it the signing key; the
     * old keys stay for verification. The keystore is rewritten atomically.
     */
    public static SigningKeys rotate(Path keystore, char[] configuredPassword, String alias) {
        try {
            char[] password = configuredPassword != null ? configuredPassword : passwordFor(keystore);
            KeyStore ks = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(keystore)) {
                ks.load(in, password);
            }
            KeyPair pair = generate();
            // The newest key is the one whose certificate starts last. X.509 times have whole seconds, so
            // the new certificate starts a second after the latest existing one, even for two rotations
            // within one second.
            Instant start = Instant.now();
            for (String a : Collections.list(ks.aliases())) {
                if (ks.getCertificate(a) instanceof X509Certificate c) {
                    Instant existing = c.getNotBefore().toInstant().plus(Duration.ofMinutes(5));
                    if (!start.isAfter(existing)) {
                        start = existing;
                    }
                }
            }
            ks.setKeyEntry(alias + "-" + System.currentTimeMillis(), pair.getPrivate(), password,
                    new Certificate[] {selfSigned(pair, start.plus(Duration.ofSeconds(1)))});
            Path tmp = keystore.resolveSibling(keystore.getFileName() + ".tmp");
            try (OutputStream out = Files.newOutputStream(tmp)) {
                ks.store(out, password);
            }
            restrict(tmp);
            Files.move(tmp, keystore, StandardCopyOption.REPLACE_EXISTING,
                    StandardCopyOption.ATOMIC_MOVE);
            return fromKeystore(ks, password, alias);
        } catch (IOException | GeneralSecurityException | OperatorCreationException | JOSEException e) {
            throw new IllegalStateException("cannot rotate the signing key in " + keystore + ": " + e.getMessage(), e);
        }
    }

    static SigningKeys of(ECPrivateKey privateKey, X509Certificate cert) throws JOSEException, GeneralSecurityException {
        return new SigningKeys(jwk(privateKey, cert), cert, List.of());
    }

    private static ECKey jwk(ECPrivateKey privateKey, X509Certificate cert) throws JOSEException, GeneralSecurityException {
        return new ECKey.Builder(Curve.P_256, (ECPublicKey) cert.getPublicKey())
                .privateKey(privateKey)
                .keyUse(KeyUse.SIGNATURE)
                .x509CertChain(List.of(Base64.encode(cert.getEncoded())))
                .keyIDFromThumbprint()
                .build();
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
        return selfSigned(pair, Instant.now());
    }

    static X509Certificate selfSigned(KeyPair pair, Instant now) throws OperatorCreationException, GeneralSecurityException {
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

    /** The public keys for verification, the signing key first (the private parts are never included). */
    public JWKSet publicJwks() {
        List<JWK> keys = new ArrayList<>();
        keys.add(signingKey.toPublicJWK());
        retired.forEach(k -> keys.add(k.toPublicJWK()));
        return new JWKSet(keys);
    }
}
