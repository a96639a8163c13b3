package dev.assay.cli;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The command line as parsed, and the exit status of every way to get it wrong (Exit: 2 for all of them). */
class AssayCliTest {

    private static final Map<String, String> SERVER = Map.of("ASSAY_URL", "http://127.0.0.1:9", "ASSAY_TOKEN", "t0ken-not-to-print");

    /** The subcommand object picocli filled from {@code args}, without running it. */
    @SuppressWarnings("unchecked")
    private static <T> T parsed(Map<String, String> env, String... args) {
        CommandLine line = AssayCli.commandLine(env, new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()));
        CommandLine.ParseResult r = line.parseArgs(args);
        while (r.hasSubcommand()) {
            r = r.subcommand();
        }
        return (T) r.commandSpec().userObject();
    }

    @Test
    void helpAndVersionExitZeroAndNeverShowTheToken() {
        CliRun help = CliRun.of(SERVER, "--help");
        assertEquals(0, help.status(), help.err());
        for (String command : List.of("register", "upload", "audit", "gate", "verify", "ledger")) {
            assertTrue(help.out().contains("  " + command + " "), command + " in " + help.out());
        }
        assertTrue(help.out().contains("Exit status"), help.out());
        for (String command : List.of("register", "upload", "audit", "gate", "verify")) {
            CliRun sub = CliRun.of(SERVER, command, "--help");
            assertEquals(0, sub.status());
            assertFalse(sub.out().contains("t0ken-not-to-print"), sub.out());
        }
        assertEquals(0, CliRun.of("--version").status());
    }

    @Test
    void aMistakeOnTheCommandLineIsTwoWithTheMessageAndWhereToReadMore() {
        CliRun none = CliRun.of();
        assertEquals(Exit.ERROR, none.status());
        assertTrue(none.err().startsWith("error: Missing a command: register, upload, audit, gate, verify or ledger"), none.err());
        assertTrue(none.err().contains("Try 'assay --help'."), none.err());

        CliRun misspelt = CliRun.of(SERVER, "gate", "m", "1.0", "--requir", "PASS");
        assertEquals(Exit.ERROR, misspelt.status());
        assertTrue(misspelt.err().contains("Unknown options: '--requir', 'PASS'"), misspelt.err());
        assertTrue(misspelt.err().contains("--require"), "a suggestion: " + misspelt.err());

        assertEquals(Exit.ERROR, CliRun.of(SERVER, "gate", "m", "1.0", "--require", "MAYBE").status());
        assertEquals(Exit.ERROR, CliRun.of(SERVER, "upload", "m", "1.0").status(), "no file");
        assertEquals(Exit.ERROR, CliRun.of(SERVER, "upload", "m", "1.0", "f.csv", "--role", "training").status());
        assertEquals(Exit.ERROR, CliRun.of(SERVER, "audit", "m", "1.0", "--timeout", "soon").status());
        assertEquals(Exit.ERROR, CliRun.of(SERVER, "audit", "m", "1.0", "--timeout", "0s").status());
        assertEquals(Exit.ERROR, CliRun.of(SERVER, "verify", "report.json").status(), "no --jwks");
        assertEquals(Exit.ERROR, CliRun.of(SERVER, "verify", "--jwks", "k.json", "a", "b", "c").status(), "three files");
        assertEquals(Exit.ERROR, CliRun.of(SERVER, "ledger").status());
        assertEquals(Exit.ERROR, CliRun.of(SERVER, "ledger", "verify").status());
    }

    @Test
    void theGateNeedsOneVersionOrOneArtifact() {
        for (String[] args : List.of(new String[] {"gate"}, new String[] {"gate", "m"},
                new String[] {"gate", "m", "1.0", "--artifact", "sha256:" + "0".repeat(64)},
                new String[] {"gate", "--artifact", "sha256:" + "0".repeat(64), "--artifact-file", "model.onnx"})) {
            CliRun r = CliRun.of(SERVER, args);
            assertEquals(Exit.ERROR, r.status(), String.join(" ", args));
            assertTrue(r.err().contains("Name the version (MODEL VERSION), or the artifact"), r.err());
        }
    }

    @Test
    void anAuditIsAskedByOptionsOrByAWholeBodyNeverBoth() {
        CliRun both = CliRun.of(SERVER, "audit", "m", "1.0", "--request", "audit.json", "--policy", "eeoc-four-fifths");
        assertEquals(Exit.ERROR, both.status());
        assertTrue(both.err().contains("--request is the whole body"), both.err());
        CliRun download = CliRun.of(SERVER, "audit", "m", "1.0", "--download", "out");
        assertEquals(Exit.ERROR, download.status());
        assertTrue(download.err().contains("--download needs --wait"), download.err());

        AuditCommand audit = parsed(SERVER, "audit", "credit-risk", "1.4.0", "--policy", "eeoc-four-fifths", "--policy", "nyc-ll144",
                "--metric", "false_positive_rate", "--dataset", "d1", "--wait", "--timeout", "90s");
        assertEquals("{\"policies\":[\"eeoc-four-fifths\",\"nyc-ll144\"],\"metrics\":[\"false_positive_rate\"],\"dataset\":\"d1\"}",
                audit.body());
        assertEquals(Duration.ofSeconds(90), audit.timeout);
        assertTrue(audit.wait);
        AuditCommand defaults = parsed(SERVER, "audit", "credit-risk", "1.4.0");
        assertEquals("{}", defaults.body(), "the server's defaults: the version's latest dataset, the default packs");
        assertEquals(Duration.ofMinutes(30), defaults.timeout);
    }

    @Test
    void optionsParseToWhatTheCommandsSend() {
        UploadCommand upload = parsed(SERVER, "upload", "credit-risk", "1.4.0", "eval.parquet", "--role", "BASELINE", "--no-progress");
        assertEquals(UploadCommand.Role.BASELINE, upload.role);
        assertEquals(Path.of("eval.parquet"), upload.file);
        assertEquals(Boolean.FALSE, upload.progress);
        UploadCommand defaults = parsed(SERVER, "upload", "credit-risk", "1.4.0", "eval.csv");
        assertEquals(UploadCommand.Role.EVALUATION, defaults.role);
        assertEquals(null, defaults.progress, "decided by the file's size");

        GateCommand gate = parsed(SERVER, "gate", "--artifact", "sha256:ab", "--require", "warn");
        assertEquals(GateCommand.Required.WARN, gate.require);
        assertEquals(GateCommand.Required.PASS, ((GateCommand) parsed(SERVER, "gate", "m", "1")).require);

        VerifyCommand verify = parsed(SERVER, "verify", "--jwks", "https://assay.example.com/.well-known/jwks.json", "report.pdf");
        assertEquals(List.of(Path.of("report.pdf")), verify.files);
    }

    @Test
    void theServerAndTokenComeFromOptionsBeforeTheEnvironmentWhereverTheyStand() {
        GateCommand fromEnv = parsed(SERVER, "gate", "m", "1");
        assertEquals(URI.create("http://127.0.0.1:9"), fromEnv.root.server().base());
        GateCommand before = parsed(SERVER, "--url", "https://assay.example.com/", "gate", "m", "1");
        assertEquals(URI.create("https://assay.example.com/"), before.root.server().base());
        GateCommand after = parsed(SERVER, "gate", "m", "1", "--url", "https://other.example.com");
        assertEquals(URI.create("https://other.example.com"), after.root.server().base());
        assertEquals(URI.create("https://assay.example.com/base/api/v1/gate"),
                new Server(URI.create("https://assay.example.com/base/"), "t").resolve("/api/v1/gate"), "behind a proxy's path");

        CliRun noUrl = CliRun.of(Map.of("ASSAY_TOKEN", "t"), "gate", "m", "1");
        assertEquals(Exit.ERROR, noUrl.status());
        assertEquals("error: no server: pass --url or set ASSAY_URL\n", noUrl.err());
        CliRun noToken = CliRun.of(Map.of("ASSAY_URL", "http://127.0.0.1:9"), "gate", "m", "1");
        assertEquals(Exit.ERROR, noToken.status());
        assertEquals("error: no token: set ASSAY_TOKEN (or pass --token)\n", noToken.err());
        CliRun ftp = CliRun.of(Map.of("ASSAY_URL", "ftp://assay.example.com", "ASSAY_TOKEN", "t"), "gate", "m", "1");
        assertEquals(Exit.ERROR, ftp.status());
        assertTrue(ftp.err().contains("must be http:// or https://"), ftp.err());
    }

    @Test
    void anUnreachableServerIsTwoAndTheMessageNamesTheServerNotTheToken() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Map<String, String> env = Map.of("ASSAY_URL", "http://127.0.0.1:" + port, "ASSAY_TOKEN", "t0ken-not-to-print");
        CliRun r = CliRun.of(env, "gate", "loan-approval", "1.0.0");
        assertEquals(Exit.ERROR, r.status());
        assertTrue(r.err().startsWith("error: GET /api/v1/models/loan-approval/versions/1.0.0/gate?require=PASS: cannot reach http://127.0.0.1:"
                + port), r.err());
        assertFalse(r.err().contains("t0ken-not-to-print") || r.out().contains("t0ken-not-to-print"));
    }

    @Test
    void namesArePercentEncodedAsPathSegments() {
        assertEquals("/api/v1/models/credit%20risk/versions/1.4.0%2Brc%2F1", Server.versionPath("credit risk", "1.4.0+rc/1"));
        assertEquals("Zo%C3%AB", Server.segment("Zoë"));
    }

    @Test
    void durationsAreWrittenAsPeopleWriteThem() {
        DurationConverter c = new DurationConverter();
        assertEquals(Duration.ofSeconds(90), c.convert("90s"));
        assertEquals(Duration.ofMinutes(30), c.convert("30m"));
        assertEquals(Duration.ofHours(2), c.convert("2h"));
        assertEquals(Duration.ofSeconds(45), c.convert("45"));
        assertEquals(Duration.ofMinutes(30), c.convert("PT30M"));
        assertEquals(Duration.ofMinutes(90), c.convert("pt1h30m"));
    }
}
