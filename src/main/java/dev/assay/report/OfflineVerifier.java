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
 * Exit status 0 when valid, 1 when invalid, 2 on a usage error. The command-line client's {@code assay verify}
 * (README, "A client for CI") runs the same {@link #verify} and prints the same {@link #describe} line.
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
            List<byte[]> files = new ArrayList<>();
            for (String file : rest.subList(2, rest.size())) {
                files.add(Files.readAllBytes(Path.of(file)));
            }
            ReportSigner.Verification v = verify(keys, revocations, files);
            out.println(describe(v));
            return v.valid() ? 0 : 1;
        } catch (IOException | ParseException | RuntimeException e) {
            out.println("INVALID: cannot read the inputs: " + e.getMessage());
            return 1;
        }
    }

    /**
     * Verifies what {@code files} hold against {@code keys}: two files are the canonical JSON report and its
     * detached JWS; one file is the PAdES-signed PDF (it starts with {@code %PDF-}) or a DSSE envelope. A
     * signature by a key in {@code revocations} is invalid. Inputs that cannot be read as what they should
     * be are an invalid verification saying why, never an exception.
     *
     * @throws IllegalArgumentException when {@code files} holds neither one nor two files
     */
    public static ReportSigner.Verification verify(JWKSet keys, Revocations revocations, List<byte[]> files) {
        if (files.isEmpty() || files.size() > 2) {
            throw new IllegalArgumentException("one file (PDF or DSSE envelope) or two (report JSON and its JWS), not " + files.size());
        }
        ReportSigner.Verification v;
        try {
            if (files.size() == 2) {
                v = ReportSigner.verify(files.get(0), new String(files.get(1), StandardCharsets.UTF_8), keys);
            } else {
                byte[] single = files.get(0);
                v = isPdf(single) ? PadesVerifier.verify(single, keys)
                        : Attestation.verify(new String(single, StandardCharsets.UTF_8), keys);
            }
        } catch (RuntimeException e) {
            return new ReportSigner.Verification(false, null, null, "cannot read the inputs: " + e.getMessage());
        }
        return revocations.apply(v);
    }

    /** A verification as one line for a person: {@code VALID: <reason> (key <kid>), signed <instant>} or {@code INVALID: ...}. */
    public static String describe(ReportSigner.Verification v) {
        return (v.valid() ? "VALID" : "INVALID") + ": " + v.reason() + (v.keyId() == null ? "" : " (key " + v.keyId() + ")")
                + (v.signedAt() == null ? "" : ", signed " + v.signedAt());
    }

    private static boolean isPdf(byte[] file) {
        return file.length >= 5 && new String(file, 0, 5, StandardCharsets.ISO_8859_1).equals("%PDF-");
    }
}
