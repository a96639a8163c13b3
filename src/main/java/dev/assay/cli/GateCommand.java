package dev.assay.cli;

import dev.assay.infrastructure.Hashing;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.concurrent.Callable;

/**
 * {@code assay gate MODEL VERSION} or {@code assay gate --artifact sha256:...} (or {@code --artifact-file}, whose
 * digest the client computes): the gate with {@code ?require=} (API.md), so the server decides as it does for
 * curl. Exit 0 when the gate meets the requirement, 1 when it does not (the reasons, waivers and report are
 * printed; with {@code --environment}, whether the version serves there now and its health), 2 when there is no
 * verdict to give: no such version or artifact, no permission, no server.
 */
@Command(name = "gate", description = "Ask the gate of a model version, or of the version whose card names an artifact;"
        + " exit 0 when it meets --require, 1 when it does not.")
final class GateCommand extends ServerCommand implements Callable<Integer> {

    /** What the pipeline requires: PASS, or WARN (which PASS meets too). */
    enum Required { PASS, WARN }

    @Parameters(index = "0", arity = "0..1", paramLabel = "MODEL", description = "The model, e.g. credit-risk.")
    String model;

    @Parameters(index = "1", arity = "0..1", paramLabel = "VERSION", description = "Its version, e.g. 1.4.0.")
    String version;

    @Option(names = "--artifact", paramLabel = "DIGEST", description = "The artifact's digest as its card names it, sha256:<hex>.")
    String artifact;

    @Option(names = "--artifact-file", paramLabel = "FILE", description = "The artifact itself: its SHA-256 is computed here.")
    Path artifactFile;

    @Option(names = "--require", defaultValue = "PASS", paramLabel = "PASS|WARN",
            description = "The decision the pipeline needs: PASS, or WARN to accept a warning too (default: ${DEFAULT-VALUE}).")
    Required require;

    @Option(names = "--environment", paramLabel = "ENV", description = "Also say whether the version serves in ENV now, and"
            + " its health there (the verdict is still the release audit's).")
    String environment;

    @Option(names = "--json", description = "Print the gate as the server answers it (JSON) instead of a summary.")
    boolean json;

    @Override
    public Integer call() {
        int named = (model != null ? 1 : 0) + (artifact != null ? 1 : 0) + (artifactFile != null ? 1 : 0);
        if (named != 1 || (model != null && version == null)) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "Name the version (MODEL VERSION), or the artifact (--artifact sha256:<hex> or --artifact-file FILE): one of them");
        }
        String digest = artifactFile != null ? "sha256:" + sha256(artifactFile) : artifact;
        Server server = root.server();
        String path = (digest == null ? Server.versionPath(model, version) + "/gate?" : "/api/v1/gate?artifact=" + Server.query(digest) + "&")
                + "require=" + require.name() + (environment == null ? "" : "&environment=" + Server.query(environment));
        Server.Reply r = server.get(path, "application/json");
        int status = exitCode(r);
        if (status == Exit.ERROR) {
            throw Server.failure(r);
        }
        JsonObject gate = r.json();
        String subject = digest == null ? model + " " + version
                : gate.getString("model", "?") + " " + gate.getString("version", "?") + " (artifact " + digest + ")";
        out().println(json ? r.text() : summary(gate, subject, require, status == Exit.OK));
        return status;
    }

    /**
     * The exit status an answer of the gate means: 200 is the requirement met; 409 with the gate's own body is
     * the requirement not met; anything else, a 409 problem among them (cards of several models name the
     * artifact), gives no verdict.
     */
    static int exitCode(Server.Reply r) {
        if (r.status() == 200) {
            return Exit.OK;
        }
        if (r.status() == 409 && !r.problem()) {
            return Exit.FAIL;
        }
        return Exit.ERROR;
    }

    /** {@code FAIL: loan-approval 1.0.0 does not meet PASS}, then the reasons, waivers, audit and report, one a line. */
    static String summary(JsonObject gate, String subject, Required require, boolean met) {
        String decision = gate.getString("decision", "?");
        StringBuilder b = new StringBuilder(decision).append(": ").append(ProblemText.printable(subject))
                .append(met ? " meets " : " does not meet ").append(require.name());
        if (decision.equals("NONE")) {
            b.append(" (no audit of it has finished)");
        }
        if (gate.get("reasons") instanceof JsonArray reasons) {
            reasons.getValuesAs(JsonString.class).forEach(x -> b.append("\n  reason: ").append(ProblemText.printable(x.getString())));
        }
        if (gate.get("waivers") instanceof JsonArray waivers) {
            for (JsonObject w : waivers.getValuesAs(JsonObject.class)) {
                b.append("\n  waiver: ").append(ProblemText.printable(w.getString("rule", "?") + " " + w.getString("status", "?")
                        + " until " + w.getString("expiresAt", "?") + " (" + w.getString("id", "?") + ")"));
            }
        }
        if (gate.get("audit") instanceof JsonString audit) {
            b.append("\n  audit: ").append(ProblemText.printable(audit.getString()));
        }
        if (gate.get("expiresAt") instanceof JsonString expires) {
            boolean expired = gate.get("reasons") instanceof JsonArray r && r.size() == 1 && "audit expired".equals(r.getString(0, ""));
            b.append(expired ? "\n  audit expired at " : "\n  audit valid until ").append(ProblemText.printable(expires.getString()));
        }
        if (gate.get("report") instanceof JsonString report) {
            b.append("\n  report: ").append(ProblemText.printable(report.getString()));
        }
        if (gate.get("deployment") instanceof JsonObject d) {
            String where = ProblemText.printable(d.getString("environment", "?"));
            b.append("\n  ").append(d.getBoolean("deployed", false)
                    ? "deployed in " + where + " since " + d.getString("since", "?") + ", health " + d.getString("health", "?")
                    : "not deployed in " + where + " now");
        }
        return b.toString();
    }

    /** The file's SHA-256 in lower-case hex, read in chunks (a model file may be gigabytes). */
    static String sha256(Path file) {
        MessageDigest sha = Hashing.sha256Digest();
        byte[] buffer = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(file)) {
            for (int n; (n = in.read(buffer)) > 0; ) {
                sha.update(buffer, 0, n);
            }
        } catch (IOException e) {
            throw new CommandFailure("cannot read " + file + ": " + e, e);
        }
        return HexFormat.of().formatHex(sha.digest());
    }
}
