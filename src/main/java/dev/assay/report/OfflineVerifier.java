package dev.assay.report;

import com.nimbusds.jose.jwk.JWKSet;

import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.ParseException;

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
        if (args.length < 3 || !args[0].equals("--jwks") || args.length > 4) {
            out.println("usage: --jwks <jwks.json> <report.json> <report.jws> | --jwks <jwks.json> <attestation.dsse.json | report.pdf>");
            return 2;
        }
        try {
            JWKSet keys = JWKSet.load(new File(args[1]));
            ReportSigner.Verification v;
            if (args.length == 4) {
                v = ReportSigner.verify(Files.readAllBytes(Path.of(args[2])), Files.readString(Path.of(args[3])), keys);
            } else {
                byte[] single = Files.readAllBytes(Path.of(args[2]));
                v = isPdf(single) ? PadesVerifier.verify(single, keys)
                        : Attestation.verify(new String(single, java.nio.charset.StandardCharsets.UTF_8), keys);
            }
            out.println((v.valid() ? "VALID" : "INVALID") + ": " + v.reason() + (v.keyId() == null ? "" : " (key " + v.keyId() + ")")
                    + (v.signedAt() == null ? "" : ", signed " + v.signedAt()));
            return v.valid() ? 0 : 1;
        } catch (IOException | ParseException e) {
            out.println("INVALID: cannot read the inputs: " + e.getMessage());
            return 1;
        }
    }

    private static boolean isPdf(byte[] file) {
        return file.length >= 5 && new String(file, 0, 5, java.nio.charset.StandardCharsets.ISO_8859_1).equals("%PDF-");
    }
}
