package dev.assay.report;

import com.nimbusds.jose.jwk.JWKSet;

import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * Verifies a report without the Assay server: given the public keys (the JWK set from
 * /.well-known/jwks.json, fetched once and kept) and either the canonical JSON report with its
 * detached JWS, an attestation's DSSE envelope, or the PAdES-signed PDF report.
 *
 * <pre>
 * ./mvnw -q compile exec:java -Dexec.mainClass=dev.assay.report.OfflineVerifier \
 *     -Dexec.args="--jwks jwks.json report.json report.jws"
 * ./mvnw -q compile exec:java -Dexec.mainClass=dev.assay.report.OfflineVerifier \
 *     -Dexec.args="--jwks jwks.json attestation.dsse.json"
 * ./mvnw -q compile exec:java -Dexec.mainClass=dev.assay.report.OfflineVerifier \
 *     -Dexec.args="--jwks jwks.json report.pdf"
 * </pre>
 * With {@code --revoked assay-revoked-keys.json} (from the server's /.well-known), a signature by a
 * revoked key is reported invalid.
 * Exit status 0 when valid, 1 when invalid, 2 on a usage error.
 */
public final class OfflineVerifier {

    private OfflineVerifier() {
    }

    public static void main(String[] args) {
        int status = run(args, System.out);
        if (status != 0) {
            System.exit(status);
        }
    }

    static int run(String[] args, PrintStream out) {
        List<String> rest = new ArrayList<>(List.of(args));
        String revokedFile = null;
        int at = rest.indexOf("--revoked");
        if (at >= 0 && at + 1 < rest.size()) {
            revokedFile = rest.get(at + 1);
            rest.subList(at, at + 2).clear();
        }
        if (rest.size() < 3 || !rest.get(0).equals("--jwks") || rest.size() > 4 || rest.contains("--revoked")) {
            out.println("usage: --jwks <jwks.json> [--revoked <assay-revoked-keys.json>] "
                    + "(<report.json> <report.jws> | <attestation.dsse.json> | <report.pdf>)");
            return 2;
        }
        try {
            JWKSet keys = JWKSet.load(new File(rest.get(1)));
            Revocations revocations = revokedFile == null ? Revocations.NONE : Revocations.parse(Files.readString(Path.of(revokedFile)));
            ReportSigner.Verification v;
            if (rest.size() == 4) {
                v = ReportSigner.verify(Files.readAllBytes(Path.of(rest.get(2))), Files.readString(Path.of(rest.get(3))), keys);
            } else {
                byte[] single = Files.readAllBytes(Path.of(rest.get(2)));
                v = isPdf(single) ? PadesVerifier.verify(single, keys)
                        : Attestation.verify(new String(single, StandardCharsets.UTF_8), keys);
            }
            v = revocations.apply(v);
            out.println((v.valid() ? "VALID" : "INVALID") + ": " + v.reason() + (v.keyId() == null ? "" : " (key " + v.keyId() + ")")
                    + (v.signedAt() == null ? "" : ", signed " + v.signedAt()));
            return v.valid() ? 0 : 1;
        } catch (IOException | ParseException | RuntimeException e) {
            out.println("INVALID: cannot read the inputs: " + e.getMessage());
            return 1;
        }
    }

    private static boolean isPdf(byte[] file) {
        return file.length >= 5 && new String(file, 0, 5, StandardCharsets.ISO_8859_1).equals("%PDF-");
    }
}
