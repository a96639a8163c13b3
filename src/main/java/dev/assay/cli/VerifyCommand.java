package dev.assay.cli;

import com.nimbusds.jose.jwk.JWKSet;
import dev.assay.report.OfflineVerifier;
import dev.assay.report.ReportSigner;
import dev.assay.report.Revocations;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code assay verify --jwks KEYS FILE [JWS]}: the offline check of a signed report ({@link OfflineVerifier}, the
 * same check as the server's {@code POST /api/v1/verify}): the canonical JSON with its detached JWS, the PAdES
 * PDF, or the attestation's DSSE envelope, against a JWK set kept from {@code /.well-known/jwks.json} (a file) or
 * fetched from a URL, and optionally the revoked keys. No token is sent anywhere: the keys are public. Exit 0
 * valid, 1 invalid (with the reason), 2 when the inputs cannot be read as files, keys or a revocation list.
 */
@Command(name = "verify", description = "Verify a signed report offline: report JSON + JWS, a PDF, or an attestation,"
        + " against the published keys.")
final class VerifyCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--jwks", required = true, paramLabel = "FILE|URL",
            description = "The public keys: a copy of /.well-known/jwks.json, or its URL.")
    String jwks;

    @Option(names = "--revoked", paramLabel = "FILE|URL",
            description = "The revoked keys: a copy of /.well-known/assay-revoked-keys.json, or its URL.")
    String revoked;

    @Parameters(arity = "1..2", paramLabel = "FILE",
            description = "report.json and report.jws; or report.pdf; or attestation.dsse.json.")
    List<Path> files;

    @Override
    public Integer call() {
        JWKSet keys;
        try {
            keys = JWKSet.parse(text(jwks));
        } catch (ParseException e) {
            throw new CommandFailure(jwks + " is not a JWK set: " + e.getMessage(), e);
        }
        Revocations revocations;
        try {
            revocations = revoked == null ? Revocations.NONE : Revocations.parse(text(revoked));
        } catch (RuntimeException e) {
            throw e instanceof CommandFailure f ? f : new CommandFailure(revoked + " is not a list of revoked keys: " + e.getMessage(), e);
        }
        List<byte[]> contents = new ArrayList<>();
        for (Path f : files) {
            try {
                contents.add(Files.readAllBytes(f));
            } catch (IOException e) {
                throw new CommandFailure("cannot read " + f + ": " + e, e);
            }
        }
        ReportSigner.Verification v = OfflineVerifier.verify(keys, revocations, contents);
        spec.commandLine().getOut().println(OfflineVerifier.describe(v));
        return v.valid() ? Exit.OK : Exit.FAIL;
    }

    /** A file's text, or a URL's (http or https), fetched without credentials. */
    static String text(String fileOrUrl) {
        String lower = fileOrUrl.toLowerCase(Locale.ROOT);
        if (lower.startsWith("https://") || lower.startsWith("http://")) {
            URI url;
            try {
                url = URI.create(fileOrUrl);
            } catch (IllegalArgumentException e) {
                throw new CommandFailure(fileOrUrl + " is not a URL", e);
            }
            return new String(Server.fetchPublic(url), StandardCharsets.UTF_8);
        }
        try {
            return Files.readString(Path.of(fileOrUrl));
        } catch (IOException | java.nio.file.InvalidPathException e) {
            throw new CommandFailure("cannot read " + fileOrUrl + ": " + e, e);
        }
    }
}
